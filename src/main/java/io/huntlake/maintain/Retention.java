package io.huntlake.maintain;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.huntlake.archive.ArchiveVerifier;
import io.huntlake.archive.Archiver;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.DeltaPartitions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.spark.sql.SparkSession;

/**
 * Expires the days a table keeps no longer, in an order that never loses data: each expired day is
 * archived (or found already archived and unchanged), its archive verified, and only then deleted
 * from the hot table, in one commit per table. A run stopped at any point leaves every day in the
 * archive, the hot table, or both; rerunning finishes the job without archiving a day twice. VACUUM
 * later removes the deleted files, after maintain.vacuum_retention_hours.
 */
final class Retention {
  /** What retention did to one table. */
  record Result(
      String table,
      OptionalInt keptDays,
      LocalDate firstKept,
      List<Archiver.Outcome> archived,
      long deletedRows) {
    int deletedDays() {
      return archived.size();
    }
  }

  private final SparkSession spark;
  private final HuntlakeConfig config;
  private final Archiver archiver;
  private final ArchiveVerifier verifier;

  Retention(SparkSession spark, HuntlakeConfig config) {
    this.spark = spark;
    this.config = config;
    this.archiver = new Archiver(spark, config);
    this.verifier = new ArchiveVerifier(spark, config);
  }

  /** The first day a retention of {@code days} keeps, maintaining {@code date}. */
  static LocalDate firstKept(LocalDate date, int days) {
    return date.minusDays(days - 1L);
  }

  /** Expires the table's days before its retention, given its partitions as they are now. */
  Result run(MaintainedTable table, LocalDate date, List<DeltaPartitions.Partition> partitions) {
    OptionalInt days = config.maintain().retention(table.name());
    String path = LakeTables.path(config, table.definition());
    if (days.isEmpty()) {
      return new Result(table.name(), days, null, List.of(), 0);
    }
    LocalDate firstKept = firstKept(date, days.getAsInt());
    List<LocalDate> expired =
        partitions.stream()
            .map(DeltaPartitions.Partition::day)
            .filter(day -> day.isBefore(firstKept))
            .toList();
    if (expired.isEmpty()) {
      return new Result(table.name(), days, firstKept, List.of(), 0);
    }
    long version = DeltaPartitions.version(spark, path);
    List<Archiver.Outcome> archived = new ArrayList<>();
    long rows = 0;
    for (LocalDate day : expired) {
      Archiver.Outcome outcome = archiver.archiveTable(table.definition(), day);
      if (outcome.manifest().isPresent()) {
        List<String> problems =
            verifier.verifyVersion(outcome.manifest().get()).stream()
                .map(ArchiveVerifier.Problem::describe)
                .toList();
        if (!problems.isEmpty()) {
          throw Errors.archiveUnverified(table.name(), day.toString(), problems);
        }
        rows += outcome.manifest().get().manifest().rows();
      }
      archived.add(outcome);
    }
    if (DeltaPartitions.version(spark, path) != version) {
      throw Errors.writtenDuringMaintenance(table.name());
    }
    // Deleting whole partitions only touches the log: no data file is read or rewritten.
    DeltaTable.forPath(spark, path).delete(col(table.partitionColumn()).isin(expired.toArray()));
    return new Result(table.name(), days, firstKept, archived, rows);
  }
}
