package io.huntlake.config;

import java.util.Map;
import java.util.Optional;

/**
 * How the Spark session is built: an explicit master (empty: spark-submit's or local[*]) and extra
 * Spark settings applied last.
 */
public record SparkSettings(Optional<String> master, Map<String, String> conf) {
  public SparkSettings {
    conf = Map.copyOf(conf);
  }
}
