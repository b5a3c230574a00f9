package io.huntlake.cli;

import io.huntlake.archive.Archiver;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.maintain.ArchiveJob;
import io.huntlake.spark.Steps;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code huntlake archive}: archive one day now, deleting nothing. */
@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    description = {
      "Archive one day of every table (or one) now, whatever the retention: zstd Parquet and a"
          + " manifest chained to the table's previous one, under storage.archive. Nothing is"
          + " deleted from the lake: for legal hold, or before a risky change.",
      "Idempotent: an unchanged day is not archived again; a changed one gets a new version that"
          + " names the one it supersedes."
    })
final class ArchiveCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "The day to archive (event_date; ingest_date for rejects and the ledger).")
  LocalDate date;

  @Option(
      names = "--table",
      paramLabel = "TABLE",
      description = "Only this table, or raw_files for the day's raw input files.")
  String table;

  @Override
  public Integer call() {
    HuntlakeConfig config = configOptions.load();
    SparkSession spark = SparkCommand.session(configOptions, config, "archive");
    List<Archiver.Outcome> outcomes =
        Steps.run(
            spark,
            "archive",
            "archive " + date,
            () -> new ArchiveJob().run(spark, config, date, Optional.ofNullable(table)));
    PrintWriter out = spec.commandLine().getOut();
    outcomes.forEach(outcome -> out.println(outcome.describe()));
    out.flush();
    return 0;
  }
}
