package io.huntlake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.error.HuntlakeException;
import io.huntlake.lake.LakeTables;
import io.huntlake.source.LogSource;
import io.huntlake.source.SourceFile;
import io.huntlake.spark.RunReports;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.RejectsTable;
import io.huntlake.table.TableDefinition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code huntlake ingest}: reads one day of raw logs into {@code audit_events}, {@code
 * container_logs}, {@code network_flows}, {@code rejects} and {@code ingest_ledger}.
 *
 * <p>Files are parsed in Spark tasks by HuntLake's own streaming parsers (not Spark's JSON reader),
 * in two passes so that memory stays flat however large the day is. The survey pass yields the
 * audit keys, the rejects and each file's ledger entry (small, kept); duplicate files (same sha256)
 * and duplicate audit events (same auditID and stage, in this batch or stored from another day) are
 * worked out from it, and the ledger must reconcile before anything is written. The write pass then
 * parses each source's files again and streams their rows, minus the duplicates, into one atomic
 * commit per table that replaces the rows of this ingest date; a file whose bytes changed between
 * the passes fails the run. So a rerun gives the same tables, and an event from another day lands
 * in, and stays in, its own event_date partition.
 */
public final class IngestJob {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IngestJob.class);

  /** The event tables share these column names (a test pins it). */
  static final String SOURCE_FILE = AuditEventsTable.SOURCE_FILE;

  static final String INGEST_RUN_ID = AuditEventsTable.INGEST_RUN_ID;

  /** What a user may allow an ingest run that it would otherwise refuse. */
  public record Options(boolean allowMissing, boolean allowShrink) {
    public static final Options STRICT = new Options(false, false);
  }

  /**
   * @param sources the sources to ingest; others keep their rows for this date
   * @param allowMissing treat a missing day folder as an empty day instead of failing
   */
  public IngestReport run(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      Set<LogSource> sources,
      boolean allowMissing) {
    return run(spark, config, date, sources, new Options(allowMissing, false));
  }

  public IngestReport run(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      Set<LogSource> sources,
      Options options) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    long listing = System.nanoTime();
    List<InputFiles.DayFiles> listed = new ArrayList<>();
    for (LogSource source : sources) {
      Optional<InputFiles.DayFiles> day = InputFiles.list(config, source, date, hadoop);
      if (day.isEmpty() && !options.allowMissing()) {
        throw Errors.missingInput(
            source.id(),
            config.sourcePath(source).resolve(config.storage().raw(), source, date),
            date.toString());
      }
      day.ifPresent(listed::add);
    }
    LOG.info(
        "ingest {}: {} files listed in {} ms",
        date,
        listed.stream().mapToInt(day -> day.files().size() + day.skipped().size()).sum(),
        (System.nanoTime() - listing) / 1_000_000);
    return ingest(spark, config, date, sources, listed, options);
  }

  /** Ingests files already listed (tests use this seam to fail storage after the listing). */
  IngestReport ingest(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      Set<LogSource> sources,
      List<InputFiles.DayFiles> listed,
      Options options) {
    try {
      return ingestListed(spark, config, date, sources, listed, options);
    } catch (HuntlakeException e) {
      throw e;
    } catch (Exception e) { // Spark's job failures are checked exceptions that Scala throws anyway
      throw Errors.stepFailed("ingest", e);
    }
  }

  private IngestReport ingestListed(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      Set<LogSource> sources,
      List<InputFiles.DayFiles> listed,
      Options options) {
    long started = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<SourceFile> files = new ArrayList<>();
    List<InputFiles.Skipped> skipped = new ArrayList<>();
    for (InputFiles.DayFiles day : listed) {
      files.addAll(day.files());
      skipped.addAll(day.skipped());
    }
    // Pass 1, the survey: keys, rejects and ledger entries only; small enough to keep.
    Dataset<Row> survey =
        FilePasses.run(
                spark,
                files,
                config.ingest(),
                hadoop,
                FileRows.Pass.SURVEY,
                Optional.empty(),
                Map.of(),
                Envelope.SCHEMA,
                null)
            .persist(StorageLevel.MEMORY_AND_DISK());
    // Per source, the rows the write pass leaves out (repeats), kept on the executors.
    Map<LogSource, Dataset<Row>> drops = new EnumMap<>(LogSource.class);
    try {
      List<Row> parsedLedger =
          new ArrayList<>(
              survey
                  .filter(col(Envelope.KIND).equalTo(Envelope.LEDGER))
                  .select(Envelope.LEDGER + ".*")
                  .collectAsList());
      skipped.forEach(entry -> parsedLedger.add(Ledgers.skipped(entry.file(), entry.reason())));
      LOG.info(
          "ingest {}: files surveyed after {} ms", date, (System.nanoTime() - started) / 1_000_000);
      Set<String> duplicateFiles = Duplicates.files(parsedLedger);
      Map<String, Long> duplicates = new HashMap<>();
      for (LogSource source : sources) {
        if (source.dedupe().isEmpty()) {
          continue;
        }
        Dataset<Row> keys =
            survey
                .filter(col(Envelope.KIND).equalTo(Envelope.KEY))
                .select(Envelope.KEY + ".*")
                .filter(col(Envelope.SOURCE).equalTo(source.id()));
        if (!duplicateFiles.isEmpty()) {
          keys = keys.filter(functions.not(col(SOURCE_FILE).isin(duplicateFiles.toArray())));
        }
        Duplicates.records(spark, config, date, source, keys, parsedLedger, duplicates)
            .ifPresent(rows -> drops.put(source, rows));
      }
      List<Row> ledger = Ledgers.reconcile(parsedLedger, duplicateFiles, duplicates);
      LOG.info(
          "ingest {}: duplicates found and ledger reconciled after {} ms",
          date,
          (System.nanoTime() - started) / 1_000_000);
      if (!options.allowShrink()) {
        ShrinkGuard.check(spark, config, date, sources, ledger);
      }
      String runId = Ledgers.runId(date, sources, ledger);
      // Pass 2, per source: parse again and stream the rows into the table's one commit.
      Map<String, String> shaByFile = new HashMap<>();
      for (Row row : ledger) {
        shaByFile.put(
            row.getAs(IngestLedgerTable.SOURCE_FILE), row.getAs(IngestLedgerTable.SHA256));
      }
      org.apache.spark.util.CollectionAccumulator<String> redactions =
          spark.sparkContext().collectionAccumulator("ingest redactions " + date);
      for (LogSource source : sources) {
        List<SourceFile> sourceFiles =
            files.stream()
                .filter(f -> f.source() == source && !duplicateFiles.contains(f.path()))
                .toList();
        TableDefinition table = source.table();
        Dataset<Row> rows =
            FilePasses.run(
                spark,
                sourceFiles,
                config.ingest(),
                hadoop,
                FileRows.Pass.EVENTS,
                Optional.ofNullable(drops.get(source)),
                shaByFile,
                table.schema(),
                redactions);
        long start = System.nanoTime();
        LakeTables.replace(
            spark,
            table,
            LakeTables.path(config, table),
            rows.withColumn(INGEST_RUN_ID, lit(runId)),
            "ingest_date = DATE'" + date + "'");
        LOG.info(
            "ingest {}: {} written in {} ms",
            date,
            table.name(),
            (System.nanoTime() - start) / 1_000_000);
      }
      ledger = Ledgers.withRedactions(ledger, FilePasses.redactionsPerFile(redactions.value()));
      writeRejectsAndLedger(spark, config, date, sources, survey, ledger, runId);
      IngestReport report =
          Ledgers.report(date, runId, sources, ledger, (System.nanoTime() - started) / 1e9);
      // Per-source runs of one day (the Airflow DAG ingests sources side by side) each keep
      // their own report instead of overwriting one another's.
      String reportName =
          sources.equals(config.enabledSources())
              ? date.toString()
              : date
                  + "-"
                  + sources.stream()
                      .map(LogSource::id)
                      .sorted()
                      .collect(java.util.stream.Collectors.joining("-"));
      RunReports.write(hadoop, config.storage().reports(), "ingest", reportName, report);
      LOG.info(report.summary());
      return report;
    } finally {
      drops.values().forEach(Dataset::unpersist);
      survey.unpersist();
    }
  }

  private static void writeRejectsAndLedger(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      Set<LogSource> sources,
      Dataset<Row> survey,
      List<Row> ledger,
      String runId) {
    String owned =
        "ingest_date = DATE'"
            + date
            + "' AND source IN ("
            + sources.stream()
                .map(s -> "'" + s.id() + "'")
                .sorted()
                .collect(Collectors.joining(", "))
            + ")";
    Dataset<Row> rejects =
        survey
            .filter(col(Envelope.KIND).equalTo(Envelope.REJECT))
            .select(Envelope.REJECT + ".*")
            .withColumn(RejectsTable.INGEST_RUN_ID, lit(runId));
    LakeTables.replace(
        spark,
        RejectsTable.DEFINITION,
        LakeTables.path(config, RejectsTable.DEFINITION),
        rejects,
        owned);
    // The ledger is written last: its rows for a date mean that date's ingest completed.
    Dataset<Row> ledgerRows =
        spark
            .createDataFrame(ledger, IngestLedgerTable.SCHEMA)
            .withColumn(IngestLedgerTable.INGEST_RUN_ID, lit(runId));
    LakeTables.replace(
        spark,
        IngestLedgerTable.DEFINITION,
        LakeTables.path(config, IngestLedgerTable.DEFINITION),
        ledgerRows,
        owned);
  }
}
