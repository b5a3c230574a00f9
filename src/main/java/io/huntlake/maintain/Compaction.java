package io.huntlake.maintain;

import io.delta.tables.DeltaOptimizeBuilder;
import io.delta.tables.DeltaTable;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.DeltaPartitions;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Compacts the day partitions that reruns and late files left in small pieces: Delta OPTIMIZE,
 * Z-ordered on the columns hunters filter by, into files of maintain.target_file_mb.
 *
 * <p>A partition is compacted when it holds at least two files under half the target size. After
 * compaction it holds at most one, so a second run on the same day does nothing; and a partition
 * already in large files is not rewritten just to re-sort it.
 */
final class Compaction {
  /** What compaction did to one table. */
  record Result(String table, int partitions, long filesBefore, long filesAfter) {}

  private final SparkSession spark;
  private final HuntlakeConfig config;

  /** Files below this size are small: half the target, so a file compaction wrote is not. */
  static long smallBelow(HuntlakeConfig config) {
    return config.maintain().targetFileBytes() / 2;
  }

  Compaction(SparkSession spark, HuntlakeConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /**
   * Compacts the table's fragmented partitions up to {@code date} (later ones are being written).
   *
   * @param partitions the table's partitions as they are now, files under {@link #smallBelow}
   *     counted as small
   */
  Result run(MaintainedTable table, LocalDate date, List<DeltaPartitions.Partition> partitions) {
    String path = LakeTables.path(config, table.definition());
    List<DeltaPartitions.Partition> fragmented =
        partitions.stream().filter(p -> !p.day().isAfter(date) && p.smallFiles() >= 2).toList();
    if (fragmented.isEmpty()) {
      return new Result(table.name(), 0, 0, 0);
    }
    long small = smallBelow(config);
    long before = fragmented.stream().mapToLong(DeltaPartitions.Partition::files).sum();
    // The target file size is a session setting: set it on a session of compaction's own, so no
    // other job sharing the SparkContext sees it.
    SparkSession optimizing = io.huntlake.spark.Sessions.isolated(spark);
    optimizing
        .conf()
        .set(
            "spark.databricks.delta.optimize.maxFileSize",
            String.valueOf(config.maintain().targetFileBytes()));
    // One OPTIMIZE for all of the table's partitions: Delta compacts them as separate bins, in
    // parallel, without a planning round per day.
    String fragmentedDays =
        fragmented.stream()
            .map(p -> "DATE'" + p.day() + "'")
            .collect(java.util.stream.Collectors.joining(", "));
    DeltaOptimizeBuilder optimize =
        DeltaTable.forPath(optimizing, path)
            .optimize()
            .where(table.partitionColumn() + " IN (" + fragmentedDays + ")");
    if (table.zOrderBy().isEmpty()) {
      optimize.executeCompaction();
    } else {
      optimize.executeZOrderBy(table.zOrderBy().toArray(new String[0]));
    }
    List<LocalDate> days = fragmented.stream().map(DeltaPartitions.Partition::day).toList();
    long after =
        DeltaPartitions.of(spark, path, table.partitionColumn(), small).stream()
            .filter(p -> days.contains(p.day()))
            .mapToLong(DeltaPartitions.Partition::files)
            .sum();
    return new Result(table.name(), fragmented.size(), before, after);
  }
}
