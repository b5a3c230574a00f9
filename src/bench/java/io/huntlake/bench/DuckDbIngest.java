package io.huntlake.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The moonshot: DuckDB's read_json_auto over the same files, the same projection, to zstd Parquet.
 *
 * <p>Usage: DuckDbIngest OUT_FILE INPUT_FILE...
 */
public final class DuckDbIngest {
  private DuckDbIngest() {}

  public static void main(String[] args) throws Exception {
    String files = Arrays.stream(args, 1, args.length).map(f -> "'" + f + "'").collect(Collectors.joining(", "));
    long start = System.nanoTime();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("COPY (SELECT CAST(requestReceivedTimestamp AS TIMESTAMP) AS event_ts, auditID AS audit_id, verb,"
          + " \"user\".username AS user_name, objectRef.resource AS resource, objectRef.namespace AS namespace,"
          + " responseStatus.code AS response_code FROM read_json_auto([" + files + "], maximum_object_size = 67108864))"
          + " TO '" + args[0] + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM read_parquet('" + args[0] + "')")) {
        rows.next();
        System.out.printf("duckdb rows=%d seconds=%.1f%n", rows.getLong(1), (System.nanoTime() - start) / 1e9);
      }
    }
  }
}
