package io.huntlake.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.lake.LakeTables;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers that own different rows of one partition (the ingest jobs of each source share their
 * day's rejects and ingest_ledger partition) run at the same time when Airflow ingests the sources
 * in parallel. Delta rejects the commit that loses; {@link LakeTables#replace} must run it again
 * rather than fail the job or lose either writer's rows.
 */
@ExtendWith(SharedSpark.class)
class ConcurrentReplaceIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  private static final StructType SCHEMA =
      new StructType()
          .add("ingest_date", DataTypes.DateType, false)
          .add("source", DataTypes.StringType, false)
          .add("line", DataTypes.LongType, false);
  private static final TableDefinition TABLE =
      new TableDefinition(
          "ledger_like",
          "rows of several writers in one partition",
          SCHEMA,
          List.of("ingest_date"),
          "source",
          TableDefinition.DEFAULT_PROPERTIES);
  private static final List<String> SOURCES = List.of("audit", "container", "flow");

  @Test
  void writersOfOnePartitionEachKeepTheirRows(@TempDir Path dir) throws Exception {
    SparkSession spark = SharedSpark.session();
    String path = dir.resolve(TABLE.name()).toString();
    LakeTables.ensure(spark, TABLE, path);

    // Two rounds of three simultaneous writers, each replacing its own source's rows: the second
    // round also deletes what the writer wrote before, as a rerun does.
    for (int round = 1; round <= 2; round++) {
      int rows = round * 10;
      writeAtOnce(spark, path, rows);
      assertThat(counts(spark, path))
          .as("round %d: each source's rows exactly once", round)
          .containsExactly("audit=" + rows, "container=" + rows, "flow=" + rows);
    }
  }

  /** Per-source ingests of a day on a new lake all find no table and create it at once. */
  @Test
  void writersThatCreateANewTableTogetherAllSucceed(@TempDir Path dir) throws Exception {
    SparkSession spark = SharedSpark.session();
    for (int attempt = 1; attempt <= 2; attempt++) {
      String path = dir.resolve("new-" + attempt).toString();
      writeAtOnce(spark, path, 5);
      assertThat(counts(spark, path))
          .as("attempt %d", attempt)
          .containsExactly("audit=5", "container=5", "flow=5");
    }
  }

  /** One writer per source, started together, each replacing its source's rows of the day. */
  private static void writeAtOnce(SparkSession spark, String path, int rows) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SOURCES.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (String source : SOURCES) {
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  LakeTables.replace(
                      spark,
                      TABLE,
                      path,
                      spark.createDataFrame(rows(source, rows), SCHEMA),
                      "ingest_date = DATE'" + DAY + "' AND source = '" + source + "'");
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> counts(SparkSession spark, String path) {
    return spark
        .read()
        .format("delta")
        .load(path)
        .groupBy("source")
        .count()
        .orderBy("source")
        .collectAsList()
        .stream()
        .map(r -> r.getString(0) + "=" + r.getLong(1))
        .toList();
  }

  private static List<Row> rows(String source, int count) {
    List<Row> rows = new ArrayList<>();
    for (long line = 0; line < count; line++) {
      rows.add(RowFactory.create(DAY, source, line));
    }
    return rows;
  }
}
