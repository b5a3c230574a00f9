package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.ingest.IngestJob;
import io.huntlake.ingest.IngestReport;
import io.huntlake.source.LogSource;
import io.huntlake.spark.Steps;
import java.io.PrintWriter;
import java.time.LocalDate;
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

  @Mixin SourceOptions sourceOptions;

  @Option(
      names = "--allow-missing",
      description = "Record a missing day folder as an empty day instead of failing.")
  boolean allowMissing;

  @Option(
      names = "--allow-shrink",
      description =
          "Commit even when the day would lose more of its rows than ingest.max_shrink allows"
              + " (a deliberate correction, or raw files that retention deleted).")
  boolean allowShrink;

  @Override
  public Integer call() {
    HuntlakeConfig config = configOptions.load();
    Set<LogSource> selected = sourceOptions.selected(config);
    PrintWriter out = spec.commandLine().getOut();
    for (LogSource source : sourceOptions.disabled(config)) {
      out.println(
          "ingest "
              + date
              + ": "
              + source.id()
              + " is disabled (sources."
              + source.id()
              + ".enabled: false); not read");
    }
    if (selected.isEmpty()) {
      out.flush();
      return 0;
    }
    SparkSession spark = SparkCommand.session(configOptions, config, "ingest");
    IngestReport report =
        Steps.run(
            spark,
            "ingest",
            "ingest " + date,
            () ->
                new IngestJob()
                    .run(
                        spark,
                        config,
                        date,
                        selected,
                        new IngestJob.Options(allowMissing, allowShrink)));
    out.println(report.summary());
    report.fileErrors().forEach(error -> out.println("  warning: " + error));
    out.flush();
    return 0;
  }
}
