package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.detect.Backtest;
import io.huntlake.detect.Rule;
import io.huntlake.detect.RuleCatalogue;
import io.huntlake.spark.Steps;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code huntlake backtest}: one rule's alert volume over past days, writing nothing. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "How often one rule would have fired over a range of days: findings and events per day and"
          + " per namespace, with the allowlists of the config applied.",
      "Reads only: findings are not written. Use it to tune a rule's parameters before enabling"
          + " it."
    })
final class BacktestCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Mixin DateOptions dates;

  @Option(
      names = "--rule",
      required = true,
      paramLabel = "ID",
      description = "The rule's id (huntlake rules list).")
  String rule;

  @Mixin FormatOptions format;

  @Override
  public Integer call() {
    boolean json = format.json();
    HuntlakeConfig config = configOptions.load();
    Rule chosen = RuleCatalogue.load(config.detect()).require(rule, "--rule");
    SparkSession spark = SparkCommand.session(configOptions, config, "backtest");
    Backtest.Report report =
        Steps.run(
            spark,
            "backtest",
            "backtest " + rule + " " + dates.first() + ".." + dates.last(),
            () -> new Backtest().run(spark, config, chosen, dates.first(), dates.last()));
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? Backtest.json(report) + "\n" : Backtest.table(report));
    out.flush();
    return 0;
  }
}
