package io.huntlake.baseline;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.features.EntityFeatures;
import io.huntlake.lake.LakeTables;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code huntlake baseline}: the baselines for day D from the daily feature tables of the
 * baseline.window_days days before it, replacing D's partition of each baseline table. A day's
 * baseline never looks at D itself, so scoring D compares it with the past only.
 */
public final class BaselineJob {
  /** Rows written per table, and the window used. */
  public record Report(
      LocalDate date, LocalDate windowStart, LocalDate windowEnd, Map<String, Long> rows) {
    public String summary() {
      StringBuilder line =
          new StringBuilder(
              "baseline " + date + " (window " + windowStart + ".." + windowEnd + "):");
      rows.forEach((table, count) -> line.append(' ').append(table).append('=').append(count));
      return line.toString();
    }
  }

  public Report run(SparkSession spark, HuntlakeConfig config, LocalDate date) {
    int windowDays = config.baseline().windowDays();
    LocalDate start = date.minusDays(windowDays);
    LocalDate end = date.minusDays(1);
    Map<String, Long> rows = new LinkedHashMap<>();
    for (EntityFeatures features : EntityFeatures.ALL) {
      // Cached: the entity, peer-group and cluster summaries each read the window.
      Dataset<Row> window =
          LakeTables.readDays(spark, config, features.daily(), start, end).cache();
      try {
        Dataset<Row> baseline = Baselines.compute(features, window, date, windowDays);
        rows.put(
            features.baseline().name(),
            LakeTables.replaceDay(spark, config, features.baseline(), date, baseline));
      } finally {
        window.unpersist();
      }
    }
    return new Report(date, start, end, rows);
  }
}
