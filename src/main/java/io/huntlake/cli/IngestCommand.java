package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.config.LogSource;
import io.huntlake.error.Errors;
import io.huntlake.ingest.IngestJob;
import io.huntlake.ingest.IngestReport;
import io.huntlake.spark.Steps;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code huntlake ingest}: one day of raw logs into the lake's tables. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Read one day of archived audit, container and flow logs into audit_events, container_logs,"
          + " network_flows, rejects and ingest_ledger.",
      "Idempotent: rerunning a day replaces exactly the rows that day's folder produced."
    })
final class IngestCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "The day folder to ingest.")
  LocalDate date;

  @Option(
      names = "--source",
      split = ",",
      paramLabel = "audit,container,flow",
      description = "Sources to ingest (default: those with sources.<source>.enabled).")
  List<String> sources;

  @Option(
      names = "--allow-missing",
      description = "Record a missing day folder as an empty day instead of failing.")
  boolean allowMissing;

  @Override
  public Integer call() {
    HuntlakeConfig config = configOptions.load();
    Set<LogSource> selected = selected(config);
    SparkSession spark = SparkCommand.session(configOptions, config, "ingest");
    IngestReport report =
        Steps.run(
            spark,
            "ingest",
            "ingest " + date,
            () -> new IngestJob().run(spark, config, date, selected, allowMissing));
    PrintWriter out = spec.commandLine().getOut();
    out.println(report.summary());
    report.fileErrors().forEach(error -> out.println("  warning: " + error));
    out.flush();
    return 0;
  }

  private Set<LogSource> selected(HuntlakeConfig config) {
    if (sources == null || sources.isEmpty()) {
      return config.enabledSources();
    }
    Set<LogSource> selected = EnumSet.noneOf(LogSource.class);
    for (String source : sources) {
      try {
        selected.add(LogSource.fromId(source.trim()));
      } catch (IllegalArgumentException e) {
        throw Errors.badArgument(
            "--source",
            "'" + source + "' is not a source",
            "Use audit, container and/or flow, comma-separated.");
      }
    }
    return selected;
  }
}
