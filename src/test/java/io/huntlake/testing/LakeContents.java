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
 * Left out are the few values that record when or in which attempt something happened rather than
 * what the data is: archive timestamps and what depends on them (manifest hashes), and Delta
 * version numbers that extra commits of killed attempts move on.
 */
public final class LakeContents {
  private LakeContents() {}

  private static final Set<String> WHEN_NOT_WHAT =
      Set.of(
          ArchiveManifestTable.ARCHIVED_TS,
          ArchiveManifestTable.MANIFEST_SHA256,
          ArchiveManifestTable.PREVIOUS_MANIFEST_SHA256,
          ArchiveManifestTable.SUPERSEDES_SHA256,
          ArchiveManifestTable.SOURCE_VERSION);

  public static Map<String, List<String>> of(SparkSession spark, String lake) {
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
            rows.select(kept).collectAsList().stream().map(Row::toString).sorted().toList());
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
