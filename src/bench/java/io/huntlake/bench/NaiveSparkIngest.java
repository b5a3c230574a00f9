package io.huntlake.bench;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The baseline: what a Spark user writes without HuntLake, per shape of log. Audit and flows:
 * Spark's JSON reader with schema inference and a projection of the columns a hunter needs first;
 * container logs: Spark's text reader and regular expressions for the CRI fields and the pod, namespace
 * and container in the file name. Each writes a Delta table partitioned by day.
 *
 * <p>Usage: NaiveSparkIngest audit|container|flow OUT_TABLE INPUT_FILE...
 */
public final class NaiveSparkIngest {
  private NaiveSparkIngest() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("naive-ingest").master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .getOrCreate();
    long start = System.nanoTime();
    String[] files = Arrays.copyOfRange(args, 2, args.length);
    Dataset<Row> rows = switch (args[0]) {
      case "audit" -> spark.read().json(files).selectExpr(
          "to_timestamp(requestReceivedTimestamp) AS event_ts", "auditID AS audit_id", "verb",
          "user.username AS user_name", "objectRef.resource AS resource", "objectRef.namespace AS namespace",
          "responseStatus.code AS response_code");
      case "container" -> spark.read().text(files).selectExpr(
          "to_timestamp(regexp_extract(value, '^(\\\\S+) ', 1)) AS event_ts",
          "regexp_extract(value, '^\\\\S+ (stdout|stderr) ', 1) AS stream",
          "regexp_extract(value, '^\\\\S+ \\\\S+ [PF] (.*)$', 1) AS message",
          "regexp_extract(input_file_name(), '([^/_]+)_[^/_]+_[^/]+\\\\.log$', 1) AS pod",
          "regexp_extract(input_file_name(), '_([^/_]+)_[^/]+\\\\.log$', 1) AS namespace",
          "regexp_extract(input_file_name(), '_([^/_]+)-[0-9a-f]{64}\\\\.log$', 1) AS container");
      case "flow" -> spark.read().json(files).selectExpr(
          "to_timestamp(flow.time) AS event_ts", "flow.verdict AS verdict", "flow.IP.source AS src_ip",
          "flow.IP.destination AS dst_ip", "coalesce(flow.l4.TCP.destination_port, flow.l4.UDP.destination_port) AS dst_port",
          "flow.source.namespace AS src_namespace", "flow.destination.namespace AS dst_namespace");
      default -> throw new IllegalArgumentException("shape " + args[0] + ": audit, container or flow");
    };
    rows.selectExpr("*", "to_date(event_ts) AS event_date")
        .write().format("delta").partitionBy("event_date").mode("overwrite").save(args[1]);
    long count = spark.read().format("delta").load(args[1]).count();
    System.out.printf("naive-spark rows=%d seconds=%.1f%n", count, (System.nanoTime() - start) / 1e9);
    spark.stop();
  }
}
