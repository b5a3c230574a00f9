package io.huntlake.lake;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.error.HuntlakeException;
import io.huntlake.table.EventColumns;
import io.huntlake.table.TableDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Creates HuntLake's Delta tables with their schema, partitioning and properties, and replaces the
 * rows one job run owns in a single atomic commit ({@code replaceWhere}), so reruns and backfills
 * never duplicate or lose rows.
 */
public final class LakeTables {
  private LakeTables() {}

  public static String path(HuntlakeConfig config, TableDefinition table) {
    return config.storage().table(table.name());
  }

  /**
   * Creates the table if it does not exist, safely when several writers do so at once (the
   * per-source ingests of a day on a new lake). A table that lacks columns this version added is
   * given them (they read as null in old rows); one whose columns otherwise differ is refused. A
   * creation that was killed before its first commit is simply done again.
   */
  public static void ensure(SparkSession spark, TableDefinition table, String path) {
    for (int attempt = 1; ; attempt++) {
      try {
        if (hasCommits(spark, path)) {
          checkOrAddColumns(spark, table, path);
          return;
        }
        AbandonedCreation.clear(spark, path);
        DeltaTableBuilder builder =
            DeltaTable.createIfNotExists(spark)
                .location(path)
                .addColumns(table.schema())
                .partitionedBy(table.partitionColumns().toArray(new String[0]))
                .comment(table.description());
        for (Map.Entry<String, String> property : table.properties().entrySet()) {
          builder = builder.property(property.getKey(), property.getValue());
        }
        builder.execute();
        return;
      } catch (HuntlakeException e) {
        throw e;
      } catch (Exception e) { // Spark's AnalysisException is checked, and Scala throws it anyway
        // Another writer created the table between the check and this commit: use theirs.
        boolean raced = concurrentCommit(e) || DeltaTable.isDeltaTable(spark, path);
        if (!raced || attempt == CONCURRENT_COMMIT_ATTEMPTS) {
          throw Errors.storageUnwritable(path, "storage.lake", e);
        }
        pauseBeforeRetry(attempt);
      }
    }
  }

  /**
   * Whether the table has been committed at least once. A {@code _delta_log} folder without a
   * commit is a creation in progress (its creator commits soon, and this writer's retry finds the
   * table) or one that was killed (see {@link AbandonedCreation}).
   */
  private static boolean hasCommits(SparkSession spark, String path) throws Exception {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return false;
    }
    try {
      DeltaTable.forPath(spark, path);
      return true;
    } catch (Exception e) { // Delta's AnalysisException is checked, and Scala throws it anyway
      if (tableNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  private static void checkOrAddColumns(SparkSession spark, TableDefinition table, String path) {
    StructType existing = DeltaTable.forPath(spark, path).toDF().schema();
    if (sameColumns(existing, table.schema())) {
      return;
    }
    List<StructField> missing = missingColumns(existing, table.schema());
    if (missing.isEmpty()) {
      throw Errors.tableSchemaMismatch(
          table.name(), path, existing.simpleString(), table.schema().simpleString());
    }
    StringBuilder columns = new StringBuilder();
    for (StructField field : missing) {
      columns
          .append(columns.length() == 0 ? "" : ", ")
          .append('`')
          .append(field.name())
          .append("` ")
          .append(field.dataType().sql())
          .append(" COMMENT '")
          .append(comment(field).replace("\\", "\\\\").replace("'", "\\'"))
          .append('\'');
    }
    spark.sql("ALTER TABLE delta.`" + path.replace("`", "``") + "` ADD COLUMNS (" + columns + ")");
  }

  private static String comment(StructField field) {
    return field.getComment().isDefined() ? field.getComment().get() : "";
  }

  /**
   * The expected columns an older table lacks, when that is its only difference (each column it has
   * is expected, with the same type); otherwise empty.
   */
  private static List<StructField> missingColumns(StructType actual, StructType expected) {
    List<String> expectedNames = Arrays.asList(expected.fieldNames());
    for (StructField field : actual.fields()) {
      if (!expectedNames.contains(field.name())
          || !expected.apply(field.name()).dataType().sameType(field.dataType())) {
        return List.of();
      }
    }
    List<String> actualNames = Arrays.asList(actual.fieldNames());
    return Arrays.stream(expected.fields()).filter(f -> !actualNames.contains(f.name())).toList();
  }

  /**
   * Atomically replaces the rows matching {@code ownedRows} with {@code rows} (all of which must
   * match it).
   */
  public static void replace(
      SparkSession spark, TableDefinition table, String path, Dataset<Row> rows, String ownedRows) {
    ensure(spark, table, path);
    for (String column : table.uniqueValueColumns()) {
      spark
          .sparkContext()
          .hadoopConfiguration()
          .set("parquet.enable.dictionary#" + column, "false");
    }
    Column[] columns =
        Arrays.stream(table.schema().fieldNames()).map(functions::col).toArray(Column[]::new);
    for (int attempt = 1; ; attempt++) {
      try {
        rows.select(columns)
            .write()
            .format("delta")
            .mode("overwrite")
            .option("replaceWhere", ownedRows)
            .save(path);
        return;
      } catch (Exception e) { // see ensure
        if (!concurrentCommit(e)) {
          // A task may have failed for a reason of its own (a raw file it could not read).
          throw HuntlakeException.within(e)
              .orElseGet(() -> Errors.storageUnwritable(path, "storage.lake", e));
        }
        if (attempt == CONCURRENT_COMMIT_ATTEMPTS) {
          throw Errors.concurrentWrite(table.name(), path, e);
        }
        pauseBeforeRetry(attempt);
      }
    }
  }

  /**
   * Attempts at a replace whose commit lost to a concurrent writer. Writers that own different rows
   * of one partition conflict at file level (the ingest jobs of different sources share the rejects
   * and ingest_ledger partition of their day); a replace is idempotent, so it is simply run again
   * against the new snapshot.
   */
  static final int CONCURRENT_COMMIT_ATTEMPTS = 8;

  private static boolean concurrentCommit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.apache.spark.sql.delta.DeltaConcurrentModificationException) {
        return true;
      }
    }
    // Another writer is creating the table: its _delta_log folder exists, its first commit
    // not yet, and Delta calls the table missing.
    return tableNotFound(e);
  }

  private static boolean tableNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("DELTA_TABLE_NOT_FOUND")) {
        return true;
      }
    }
    return false;
  }

  private static void pauseBeforeRetry(int attempt) {
    // Jitter, so that two writers that collided do not collide again on the same beat.
    long millis =
        (long)
            (500L
                * attempt
                * (0.5 + java.util.concurrent.ThreadLocalRandom.current().nextDouble()));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a Delta commit", e);
    }
  }

  /** The table's rows, or empty when it has not been written yet. */
  public static Optional<Dataset<Row>> read(SparkSession spark, String path) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(spark.read().format("delta").load(path));
    } catch (RuntimeException e) {
      // Another writer is creating the table (log folder there, first commit not yet).
      if (concurrentCommit(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The table's rows with {@code event_date} from {@code from} to {@code to} (inclusive), read
   * partition-pruned; no rows (with the table's schema) when the table has not been written yet.
   */
  public static Dataset<Row> readDays(
      SparkSession spark,
      HuntlakeConfig config,
      TableDefinition table,
      java.time.LocalDate from,
      java.time.LocalDate to) {
    Column days =
        functions.col(EventColumns.EVENT_DATE).between(functions.lit(from), functions.lit(to));
    return read(spark, path(config, table))
        .orElseGet(() -> spark.createDataFrame(java.util.List.of(), table.schema()))
        .where(days);
  }

  /** One day of the table; see {@link #readDays}. */
  public static Dataset<Row> readDay(
      SparkSession spark, HuntlakeConfig config, TableDefinition table, java.time.LocalDate day) {
    return readDays(spark, config, table, day, day);
  }

  /**
   * Replaces the table's rows of one event_date with {@code rows} (all of that date).
   *
   * @return the number of rows written, from the commit's own metrics (no second read)
   */
  public static long replaceDay(
      SparkSession spark,
      HuntlakeConfig config,
      TableDefinition table,
      java.time.LocalDate day,
      Dataset<Row> rows) {
    String path = path(config, table);
    replace(spark, table, path, rows, EventColumns.EVENT_DATE + " = DATE'" + day + "'");
    Row commit = DeltaTable.forPath(spark, path).history(1).select("operationMetrics").first();
    String written = commit.<String, String>getJavaMap(0).get("numOutputRows");
    return written == null ? 0 : Long.parseLong(written);
  }

  private static boolean sameColumns(StructType actual, StructType expected) {
    if (actual.size() != expected.size()) {
      return false;
    }
    for (StructField field : expected.fields()) {
      if (!Arrays.asList(actual.fieldNames()).contains(field.name())
          || !actual.apply(field.name()).dataType().sameType(field.dataType())) {
        return false;
      }
    }
    return true;
  }
}
