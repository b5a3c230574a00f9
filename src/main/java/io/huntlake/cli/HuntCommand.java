package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.hunt.Hunt;
import io.huntlake.hunt.HuntCatalogue;
import io.huntlake.hunt.HuntParameter;
import io.huntlake.sql.OutputFormat;
import io.huntlake.sql.ResultWriter;
import io.huntlake.sql.SqlSession;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code huntlake hunt list|show|run}: the named hunting queries. */
@Command(
    name = "hunt",
    mixinStandardHelpOptions = true,
    description =
        "Named hunting queries (src/main/resources/hunts/*.sql): list them, show one, run one.",
    subcommands = {HuntCommand.ListHunts.class, HuntCommand.Show.class, HuntCommand.Run.class})
final class HuntCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "One line per hunt: name, ATT&CK techniques, parameters, title.")
  static final class ListHunts implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "%-26s %-22s %s%n", "name", "attack", "title");
      for (Hunt hunt : HuntCatalogue.builtIn().hunts()) {
        out.printf(
            Locale.ROOT,
            "%-26s %-22s %s%n",
            hunt.name(),
            hunt.attack().isEmpty() ? "-" : String.join(",", hunt.attack()),
            hunt.title());
        out.printf(
            Locale.ROOT,
            "%-26s %-22s   params: %s%n",
            "",
            "",
            String.join(", ", hunt.parameters().stream().map(HuntParameter::signature).toList()));
      }
      out.println();
      out.println(
          "'huntlake hunt show NAME' prints one; 'huntlake hunt run NAME --param k=v' runs it.");
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "One hunt's purpose, parameters and query.")
  static final class Show implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The hunt (see 'huntlake hunt list').")
    String name;

    @Override
    public Integer call() {
      Hunt hunt = HuntCatalogue.builtIn().require(name);
      PrintWriter out = spec.commandLine().getOut();
      out.println(hunt.name() + ": " + hunt.title());
      out.println();
      out.println(hunt.purpose());
      out.println();
      out.println("ATT&CK: " + (hunt.attack().isEmpty() ? "-" : String.join(", ", hunt.attack())));
      out.println("Parameters:");
      for (HuntParameter parameter : hunt.parameters()) {
        out.printf(Locale.ROOT, "  %-28s %s%n", parameter.signature(), parameter.description());
      }
      out.println();
      out.println(hunt.sql().strip());
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Run one hunt against the lake and print its rows.")
  static final class Run implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions;
    @Mixin SqlOutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The hunt (see 'huntlake hunt list').")
    String name;

    @Option(
        names = "--param",
        paramLabel = "NAME=VALUE",
        description = "A parameter's value ('huntlake hunt show NAME' lists them); repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() {
      OutputFormat format = output.format();
      Hunt hunt = HuntCatalogue.builtIn().require(name);
      String query = hunt.render(params);
      HuntlakeConfig config = configOptions.load();
      SparkSession spark = SparkCommand.session(configOptions, config, "hunt " + name);
      SqlSession session = SqlSession.open(spark, config, false);
      String origin = "of hunt '" + name + "'";
      output.write(
          new ResultWriter(output.options(format)),
          session.execute(query, origin),
          origin,
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
      return 0;
    }
  }
}
