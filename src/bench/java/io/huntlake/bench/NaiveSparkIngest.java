package io.huntlake.bench;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The baseline: what a Spark user writes without HuntLake. Spark's JSON reader with schema
 * inference, a seven-column projection, a Delta write partitioned by day.
 *
 * <p>Usage: NaiveSparkIngest OUT_TABLE INPUT_FILE...
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
    Dataset<Row> events = spark.read().json(Arrays.copyOfRange(args, 1, args.length));
    events.selectExpr("to_timestamp(requestReceivedTimestamp) AS event_ts", "auditID AS audit_id", "verb",
            "user.username AS user_name", "objectRef.resource AS resource", "objectRef.namespace AS namespace",
            "responseStatus.code AS response_code")
        .selectExpr("*", "to_date(event_ts) AS event_date")
        .write().format("delta").partitionBy("event_date").mode("overwrite").save(args[0]);
    long rows = spark.read().format("delta").load(args[0]).count();
    System.out.printf("naive-spark rows=%d seconds=%.1f%n", rows, (System.nanoTime() - start) / 1e9);
    spark.stop();
  }
}
