package io.huntlake.bench;

import io.huntlake.baseline.BaselineJob;
import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.features.EntityFeatures;
import io.huntlake.spark.SparkSessionFactory;
import io.huntlake.lake.LakeTables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Baseline cost against window length. Copies the daily feature tables of a source lake (the demo's)
 * into a bench lake, repeated to cover 40 days, then times {@code huntlake baseline} for the last
 * day with a 7-day and a 28-day window (best of three, warm session), and prints the daily rows
 * each window reads. Raw events are never read, so cost follows daily rows, not log volume.
 *
 * <p>Usage: BaselineWindowBench SOURCE_LAKE BENCH_LAKE
 */
public final class BaselineWindowBench {
  private static final int DAYS = 40;
  private static final int RUNS = 3;

  private BaselineWindowBench() {}

  public static void main(String[] args) {
    Path workDir = Path.of(".").toAbsolutePath();
    HuntlakeConfig source =
        new ConfigLoader(Map.of(), workDir).load(Optional.empty(), List.of("storage.lake=" + args[0]));
    SparkSession spark = SparkSessionFactory.create(source, "baseline-bench", Optional.empty());
    LocalDate last = LocalDate.of(2026, 12, 31);
    HuntlakeConfig bench =
        new ConfigLoader(Map.of(), workDir).load(Optional.empty(), List.of("storage.lake=" + args[1]));
    for (EntityFeatures features : EntityFeatures.ALL) {
      Dataset<Row> days = LakeTables.read(spark, LakeTables.path(source, features.daily())).orElseThrow();
      List<LocalDate> sourceDays =
          days.select("event_date").distinct().orderBy("event_date").collectAsList().stream()
              .map(r -> r.<LocalDate>getAs(0))
              .toList();
      for (int i = 0; i < DAYS; i++) {
        LocalDate target = last.minusDays(DAYS - 1 - i);
        LocalDate from = sourceDays.get(i % sourceDays.size());
        LakeTables.replaceDay(
            spark,
            bench,
            features.daily(),
            target,
            days.where(functions.col("event_date").equalTo(functions.lit(from)))
                .withColumn("event_date", functions.lit(target)));
      }
    }
    for (int window : new int[] {7, 28}) {
      HuntlakeConfig config =
          new ConfigLoader(Map.of(), workDir)
              .load(
                  Optional.empty(),
                  List.of(
                      "storage.lake=" + args[1],
                      "baseline.window_days=" + window,
                      "baseline.min_days=5"));
      long rows = 0;
      for (EntityFeatures features : EntityFeatures.ALL) {
        rows +=
            LakeTables.readDays(spark, config, features.daily(), last.minusDays(window), last.minusDays(1))
                .count();
      }
      List<Double> seconds = new ArrayList<>();
      for (int run = 0; run < RUNS; run++) {
        long start = System.nanoTime();
        new BaselineJob().run(spark, config, last);
        seconds.add((System.nanoTime() - start) / 1e9);
      }
      System.out.printf(
          "baseline window=%d days: daily rows read %,d, best %.1f s (runs %s)%n",
          window, rows, seconds.stream().mapToDouble(d -> d).min().orElseThrow(), seconds);
    }
    spark.stop();
  }
}
