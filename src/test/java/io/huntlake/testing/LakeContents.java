package io.huntlake.testing;

import io.delta.tables.DeltaTable;
import io.huntlake.table.ArchiveManifestTable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Every Delta table of a lake by content: per table, its rows as sorted strings. Two lakes built
 * from the same input by the same commands must be equal, however often their runs were killed.
 * Left out are the few values that record when, in which attempt or in which encoding something was
 * written rather than what the data is: archive timestamps and what depends on them (manifest
 * hashes), Delta version numbers that extra commits of killed attempts move on, and the byte size
 * of archived Parquet files (their row fingerprint is compared).
 */
public final class LakeContents {
  private LakeContents() {}

  private static final Set<String> WHEN_NOT_WHAT =
      Set.of(
          ArchiveManifestTable.ARCHIVED_TS,
          ArchiveManifestTable.MANIFEST_SHA256,
          ArchiveManifestTable.PREVIOUS_MANIFEST_SHA256,
          ArchiveManifestTable.SUPERSEDES_SHA256,
          ArchiveManifestTable.SOURCE_VERSION,
          // the size of the archived Parquet: its encoding, not its rows (a fingerprint of those
          // is compared)
          ArchiveManifestTable.BYTES,
          // a day's share of its partition's Parquet bytes: how the files were cut (a retried
          // task on a cluster cuts them differently), not what the rows are
          io.huntlake.table.LogVolumeDailyTable.DELTA_BYTES);

  public static Map<String, List<String>> of(SparkSession spark, String lake) {
    return of(spark, lake, null);
  }

  /**
   * @param pathsUnder a folder whose path values hold (the archive's manifest paths, say), written
   *     as {@code <root>} so that two lakes under different folders compare equal
   */
  public static Map<String, List<String>> of(SparkSession spark, String lake, String pathsUnder) {
    Map<String, List<String>> tables = new TreeMap<>();
    try {
      Path root = new Path(lake);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return tables;
      }
      for (FileStatus folder : fs.listStatus(root)) {
        String path = folder.getPath().toString();
        if (!folder.isDirectory() || !DeltaTable.isDeltaTable(spark, path)) {
          continue;
        }
        var rows = spark.read().format("delta").load(path);
        Column[] kept =
            Arrays.stream(rows.columns())
                .filter(c -> !WHEN_NOT_WHAT.contains(c))
                .map(functions::col)
                .toArray(Column[]::new);
        tables.put(
            folder.getPath().getName(),
            rows.select(kept).collectAsList().stream()
                .map(Row::toString)
                .map(row -> pathsUnder == null ? row : row.replace(pathsUnder, "<root>"))
                .sorted()
                .toList());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return tables;
  }

  /** Row counts per table, for messages. */
  public static Map<String, Integer> counts(Map<String, List<String>> contents) {
    Map<String, Integer> counts = new TreeMap<>();
    contents.forEach((table, rows) -> counts.put(table, rows.size()));
    return counts;
  }
}
