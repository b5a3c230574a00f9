package io.huntlake.archive;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;

/**
 * A fingerprint of a set of rows that does not depend on their order or on how they are split into
 * files: the row count and the sum of a 64-bit hash of every row. Compaction rewrites files without
 * changing it; a changed, added or removed row changes it. It decides whether a day needs archiving
 * again; integrity is the sha256 of the archived files.
 */
final class ContentFingerprint {
  private ContentFingerprint() {}

  static String of(Dataset<Row> rows) {
    Column[] columns =
        Arrays.stream(rows.schema().fields())
            .map(
                field ->
                    // Spark does not hash maps; their JSON is as stable as the stored order.
                    field.dataType() instanceof MapType
                        ? to_json(col(field.name()))
                        : col(field.name()))
            .toArray(Column[]::new);
    Row result =
        rows.select(xxhash64(columns).cast("decimal(38,0)").as("hash"))
            .agg(count(lit(1)), sum("hash"))
            .first();
    long count = result.getLong(0);
    Object hashSum = result.isNullAt(1) ? "0" : result.get(1);
    return "rows=" + count + ";xxhash64_sum=" + hashSum;
  }

  /** The row count a fingerprint records. */
  static long rows(String fingerprint) {
    String count = fingerprint.substring("rows=".length(), fingerprint.indexOf(';'));
    return Long.parseLong(count);
  }
}
