package io.huntlake.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;

/**
 * What a Delta table's current version holds per day partition, read from its log (no data files
 * are opened): file counts and sizes for compaction, and the days that exist for retention.
 */
public final class DeltaPartitions {
  private DeltaPartitions() {}

  /**
   * One day partition of the current version.
   *
   * @param smallFiles files below the size compaction considers small
   */
  public record Partition(LocalDate day, long files, long bytes, long smallFiles) {}

  /** The table's current version. */
  public static long version(SparkSession spark, String path) {
    return snapshot(spark, path).version();
  }

  /** The day partitions of the current version, oldest first. */
  public static List<Partition> of(
      SparkSession spark, String path, String partitionColumn, long smallBelowBytes) {
    List<Row> rows =
        snapshot(spark, path)
            .allFiles()
            .toDF()
            .select(
                col("partitionValues").getItem(partitionColumn).as("day"), col("size").as("size"))
            .groupBy("day")
            .agg(
                count(lit(1)),
                sum("size"),
                sum(when(col("size").lt(smallBelowBytes), 1).otherwise(0)))
            .orderBy("day")
            .collectAsList();
    return rows.stream()
        .filter(row -> !row.isNullAt(0))
        .map(
            row ->
                new Partition(
                    LocalDate.parse(row.getString(0)),
                    row.getLong(1),
                    row.getLong(2),
                    row.getLong(3)))
        .toList();
  }

  /** Bytes of one day partition of the current version; 0 when the day has no files. */
  public static long bytesOf(
      SparkSession spark, String path, String partitionColumn, LocalDate day) {
    return of(spark, path, partitionColumn, 0).stream()
        .filter(p -> p.day().equals(day))
        .mapToLong(Partition::bytes)
        .sum();
  }

  private static Snapshot snapshot(SparkSession spark, String path) {
    return DeltaLog.forTableWithSnapshot(spark, path)._2();
  }
}
