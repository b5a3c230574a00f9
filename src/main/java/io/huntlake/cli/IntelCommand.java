package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.intel.FeedContents;
import io.huntlake.intel.IntelLake;
import io.huntlake.intel.IntelLoadJob;
import io.huntlake.intel.IntelSweepJob;
import io.huntlake.spark.Steps;
import io.huntlake.table.ThreatIntelTable;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code huntlake intel load|ranges|list|sweep}: threat intelligence and cloud address ranges. */
@Command(
    name = "intel",
    mixinStandardHelpOptions = true,
    description = {
      "Threat intelligence: load indicator feeds and cloud providers' address ranges into the"
          + " lake, list what is loaded, and sweep past logs for newly loaded indicators."
    },
    subcommands = {
      IntelCommand.Load.class,
      IntelCommand.Ranges.class,
      IntelCommand.ListFeeds.class,
      IntelCommand.Sweep.class
    })
final class IntelCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Problems listed after a load; the rest are counted. */
  private static final int PROBLEMS_SHOWN = 10;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description = {
        "Load an indicator feed into threat_intel, replacing what the feed held (one commit).",
        "FILE is a plain list (one address, range, domain or URL per line), a CSV file with a"
            + " header naming the indicator column, or a STIX 2.1 bundle; local or in object"
            + " storage, gzip or not. Defanged indicators (hxxp, [.]) are restored."
      })
  static final class Load implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions;

    @Option(
        names = "--feed",
        required = true,
        paramLabel = "NAME",
        description = "The feed's name: a later load under the same name replaces it.")
    String feed;

    @Option(
        names = "--allow-shrink",
        description = "Load even when the file holds less than half of what the feed holds now.")
    boolean allowShrink;

    @Parameters(paramLabel = "FILE", description = "The feed file.")
    String file;

    @Override
    public Integer call() {
      HuntlakeConfig config = configOptions.load();
      SparkSession spark = SparkCommand.session(configOptions, config, "intel load");
      IntelLoadJob.Report report =
          Steps.run(
              spark,
              "intel load",
              "intel load " + feed,
              () ->
                  new IntelLoadJob()
                      .loadFeed(spark, config, feed, file, allowShrink, Instant.now()));
      print(report, spec.commandLine().getOut());
      return 0;
    }
  }

  @Command(
      name = "ranges",
      mixinStandardHelpOptions = true,
      description = {
        "Load a cloud provider's published address ranges into address_ranges, replacing what"
            + " the provider held. Rules then tell a managed service's calls from its cloud"
            + " apart from a stranger's.",
        "FILE is AWS ip-ranges.json, Azure's service tags JSON, Google's cloud.json, Oracle's"
            + " public_ip_ranges.json or a plain list of ranges."
      })
  static final class Ranges implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions;

    @Option(
        names = "--provider",
        required = true,
        paramLabel = "NAME",
        description = "The provider's name (aws, azure, gcp...): a later load replaces it.")
    String provider;

    @Option(
        names = "--allow-shrink",
        description = "Load even when the file holds less than half of the provider's ranges now.")
    boolean allowShrink;

    @Parameters(paramLabel = "FILE", description = "The provider's ranges file.")
    String file;

    @Override
    public Integer call() {
      return load(
          spec,
          configOptions,
          "intel ranges",
          provider,
          (spark, config) ->
              new IntelLoadJob()
                  .loadRanges(spark, config, provider, file, allowShrink, Instant.now()));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "One line per feed: indicators by type, when it was first and last loaded.")
  static final class ListFeeds implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions;
    @Mixin SqlOutputOptions output;

    @Override
    public Integer call() {
      var format = output.format();
      HuntlakeConfig config = configOptions.load();
      SparkSession spark = SparkCommand.session(configOptions, config, "intel list");
      Dataset<Row> rows = IntelLake.rows(spark, config).orElseThrow(Errors::noThreatIntel);
      Dataset<Row> feeds =
          rows.groupBy(ThreatIntelTable.FEED)
              .agg(
                  functions.count(functions.lit(1)).as("indicators"),
                  count(ThreatIntelTable.INDICATOR_TYPE, "ip"),
                  count(ThreatIntelTable.INDICATOR_TYPE, "cidr"),
                  count(ThreatIntelTable.INDICATOR_TYPE, "domain"),
                  count(ThreatIntelTable.INDICATOR_TYPE, "url"),
                  functions.min(ThreatIntelTable.FIRST_LOADED).as("first_loaded"),
                  functions.max(ThreatIntelTable.LAST_LOADED).as("last_loaded"),
                  functions.first(ThreatIntelTable.SOURCE_FILE).as("source_file"))
              .orderBy(ThreatIntelTable.FEED);
      output.write(
          new io.huntlake.sql.ResultWriter(output.options(format)),
          feeds,
          "of intel list",
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
      return 0;
    }

    private static org.apache.spark.sql.Column count(String column, String value) {
      return functions
          .sum(functions.when(functions.col(column).equalTo(value), 1).otherwise(0))
          .as(value);
    }
  }

  @Command(
      name = "sweep",
      mixinStandardHelpOptions = true,
      description = {
        "Retro-hunt: every sighting, over the days given, of the indicators loaded on one day"
            + " (today by default): audit source addresses, flow addresses, DNS names and URLs,"
            + " container log and Kubernetes Event messages.",
        "One row per indicator, day, place and entity, with counts, first and last time and an"
            + " evidence id."
      })
  static final class Sweep implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions;
    @Mixin DateOptions dates;
    @Mixin SqlOutputOptions output;

    @Option(
        names = "--loaded-on",
        paramLabel = "YYYY-MM-DD",
        description = "Sweep for the indicators last loaded on this day (UTC; default today).")
    LocalDate loadedOn;

    @Option(names = "--feed", paramLabel = "NAME", description = "Only this feed's indicators.")
    String feed;

    @Override
    public Integer call() {
      var format = output.format();
      LocalDate day = loadedOn != null ? loadedOn : LocalDate.now(ZoneOffset.UTC);
      HuntlakeConfig config = configOptions.load();
      SparkSession spark = SparkCommand.session(configOptions, config, "intel sweep");
      IntelSweepJob.Result result =
          Steps.run(
              spark,
              "intel sweep",
              "intel sweep " + dates.first() + ".." + dates.last(),
              () ->
                  new IntelSweepJob()
                      .run(
                          spark,
                          config,
                          dates.first(),
                          dates.last(),
                          day,
                          Optional.ofNullable(feed)));
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          java.util.Locale.ROOT,
          "intel sweep: %d indicators loaded on %s%s, over %s..%s%n",
          result.indicators(),
          day,
          feed == null ? "" : " in feed " + feed,
          dates.first(),
          dates.last());
      if (result.indicators() == 0) {
        err.println(
            "No indicator was loaded on "
                + day
                + "; pass --loaded-on with the day of the load ('huntlake intel list' shows it).");
        err.flush();
        return 0;
      }
      err.flush();
      output.write(
          new io.huntlake.sql.ResultWriter(output.options(format)),
          result.sightings(),
          "of intel sweep",
          spec.commandLine().getOut(),
          err);
      return 0;
    }
  }

  /** Runs one load as a named step and prints what it did. */
  private static int load(
      picocli.CommandLine.Model.CommandSpec spec,
      ConfigOptions configOptions,
      String step,
      String name,
      java.util.function.BiFunction<SparkSession, HuntlakeConfig, IntelLoadJob.Report> job) {
    HuntlakeConfig config = configOptions.load();
    SparkSession spark = SparkCommand.session(configOptions, config, step);
    IntelLoadJob.Report report =
        Steps.run(spark, step, step + " " + name, () -> job.apply(spark, config));
    print(report, spec.commandLine().getOut());
    return 0;
  }

  private static void print(IntelLoadJob.Report report, PrintWriter out) {
    out.println(report.summary());
    report.problems().stream()
        .limit(PROBLEMS_SHOWN)
        .map(FeedContents.Problem::describe)
        .forEach(problem -> out.println("  not usable: " + problem));
    if (report.problems().size() > PROBLEMS_SHOWN) {
      out.println("  ... and " + (report.problems().size() - PROBLEMS_SHOWN) + " more");
    }
    out.flush();
  }
}
