package io.huntlake.maintain;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.huntlake.archive.ArchiveVerifier;
import io.huntlake.archive.Archiver;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.DeliveryGapsTable;
import io.huntlake.table.DeltaPartitions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code huntlake maintain}: keeps the lake fast and within its retention for day D. In order:
 * archive, verify and delete the days each table keeps no longer; compact the fragmented partitions
 * that remain; copy the day's raw files to the archive (archive.raw_files); VACUUM files no table
 * version within maintain.vacuum_retention_hours still uses. Reports the day's delivery gaps
 * alongside.
 */
public final class MaintainJob {
  /** What one run did. */
  public record Report(
      LocalDate date,
      List<Compaction.Result> compaction,
      List<Retention.Result> retention,
      Optional<Archiver.Outcome> rawFiles,
      long vacuumedFiles,
      int chainedManifests,
      Map<String, Long> gaps) {

    public String summary() {
      long partitions = compaction.stream().mapToLong(Compaction.Result::partitions).sum();
      long before = compaction.stream().mapToLong(Compaction.Result::filesBefore).sum();
      long after = compaction.stream().mapToLong(Compaction.Result::filesAfter).sum();
      long archived =
          retention.stream()
              .flatMap(r -> r.archived().stream())
              .filter(o -> o.status() == Archiver.Status.ARCHIVED)
              .count();
      long expiredDays = retention.stream().mapToLong(Retention.Result::deletedDays).sum();
      long expiredRows = retention.stream().mapToLong(Retention.Result::deletedRows).sum();
      return "maintain "
          + date
          + ": compacted_partitions="
          + partitions
          + " files="
          + before
          + "->"
          + after
          + " expired_days="
          + expiredDays
          + " expired_rows="
          + expiredRows
          + " newly_archived="
          + archived
          + " raw_files="
          + rawFiles.map(o -> o.status().name().toLowerCase(java.util.Locale.ROOT)).orElse("off")
          + " vacuumed_files="
          + vacuumedFiles
          + " archive_manifests="
          + chainedManifests
          + " delivery_gaps="
          + gaps.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line per table that had work, for the command's output. */
    public List<String> details() {
      List<String> lines = new ArrayList<>();
      for (Compaction.Result c : compaction) {
        if (c.partitions() > 0) {
          lines.add(
              "  compacted "
                  + c.table()
                  + ": "
                  + c.partitions()
                  + " partitions, "
                  + c.filesBefore()
                  + " files -> "
                  + c.filesAfter());
        }
      }
      for (Retention.Result r : retention) {
        for (Archiver.Outcome outcome : r.archived()) {
          lines.add("  expired " + outcome.describe() + ", then deleted from the lake");
        }
      }
      rawFiles.ifPresent(o -> lines.add("  raw files " + o.describe()));
      gaps.forEach((type, count) -> lines.add("  delivery gaps " + type + ": " + count));
      return lines;
    }
  }

  public Report run(SparkSession spark, HuntlakeConfig config, LocalDate date) {
    Compaction compaction = new Compaction(spark, config);
    Retention retention = new Retention(spark, config);
    List<Compaction.Result> compacted = new ArrayList<>();
    List<Retention.Result> expired = new ArrayList<>();
    for (MaintainedTable table : MaintainedTable.ALL) {
      String path = LakeTables.path(config, table.definition());
      if (LakeTables.read(spark, path).isEmpty()) {
        continue;
      }
      // Read from the table's log once: retention and compaction both work from it. Retention
      // goes first, so that no day is compacted just before it is archived and deleted.
      List<DeltaPartitions.Partition> partitions =
          DeltaPartitions.of(spark, path, table.partitionColumn(), Compaction.smallBelow(config));
      Retention.Result retained = retention.run(table, date, partitions);
      expired.add(retained);
      compacted.add(
          compaction.run(
              table,
              date,
              partitions.stream()
                  .filter(
                      p -> retained.firstKept() == null || !p.day().isBefore(retained.firstKept()))
                  .toList()));
    }
    Optional<Archiver.Outcome> raw =
        config.maintain().archiveRawFiles()
            ? Optional.of(new Archiver(spark, config).archiveRawFiles(date))
            : Optional.empty();
    long vacuumed = 0;
    for (MaintainedTable table : MaintainedTable.ALL) {
      vacuumed += vacuum(spark, config, table);
    }
    // Each day archived above was verified file by file before its deletion; the chains are
    // checked whole on every run (verify-archive re-hashes every file).
    ArchiveVerifier.Result chains = new ArchiveVerifier(spark, config).verifyChains();
    if (!chains.intact()) {
      throw Errors.archiveNotIntact(
          chains.problems().stream().map(ArchiveVerifier.Problem::describe).toList());
    }
    return new Report(
        date, compacted, expired, raw, vacuumed, chains.manifests(), gaps(spark, config, date));
  }

  /**
   * VACUUM with the configured retention, at most once a day per table: files become deletable only
   * after the retention anyway, and a backfill of many days would otherwise list every table once
   * per day. Returns the files it deleted.
   */
  private static long vacuum(SparkSession spark, HuntlakeConfig config, MaintainedTable table) {
    String path = LakeTables.path(config, table.definition());
    if (LakeTables.read(spark, path).isEmpty()) {
      return 0;
    }
    DeltaTable delta = DeltaTable.forPath(spark, path);
    Row lastVacuum =
        delta
            .history()
            .where(col("operation").equalTo(lit("VACUUM END")))
            .agg(org.apache.spark.sql.functions.max("timestamp"))
            .first();
    if (!lastVacuum.isNullAt(0)
        && toInstant(lastVacuum.get(0)).isAfter(Instant.now().minus(Duration.ofHours(24)))) {
      return 0;
    }
    // Logged VACUUMs leave START and END commits in the table's history: who removed which files,
    // and how many, stays auditable (and says when the table was last vacuumed).
    spark.conf().set("spark.databricks.delta.vacuum.logging.enabled", "true");
    delta.vacuum(config.maintain().vacuumRetentionHours());
    Row last = delta.history(1).select("operation", "operationMetrics").first();
    if (!"VACUUM END".equals(last.getString(0))) {
      return 0;
    }
    String deleted = last.<String, String>getJavaMap(1).get("numDeletedFiles");
    return deleted == null ? 0 : Long.parseLong(deleted);
  }

  private static Instant toInstant(Object timestamp) {
    return timestamp instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) timestamp;
  }

  private static Map<String, Long> gaps(SparkSession spark, HuntlakeConfig config, LocalDate date) {
    Map<String, Long> byType = new java.util.TreeMap<>();
    LakeTables.read(spark, LakeTables.path(config, DeliveryGapsTable.DEFINITION))
        .ifPresent(
            rows ->
                rows.where(col(DeliveryGapsTable.EVENT_DATE).equalTo(lit(date)))
                    .groupBy(DeliveryGapsTable.GAP_TYPE)
                    .count()
                    .collectAsList()
                    .forEach(row -> byType.put(row.getString(0), row.getLong(1))));
    return byType;
  }
}
