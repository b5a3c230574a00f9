package io.huntlake.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.huntlake.config.ScoreSettings;
import io.huntlake.features.EntityFeatures;
import org.apache.spark.sql.Column;

/** How much a set key counts towards novelty and rarity: sensitive operations count more. */
final class Keys {
  private Keys() {}

  /** A key's weight: score.novelty.sensitive_weight for a sensitive operation, else 1. */
  static Column weight(ScoreSettings settings) {
    return when(col(EntityFeatures.SENSITIVE), lit(settings.sensitiveWeight())).otherwise(lit(1.0));
  }

  /** " (2 sensitive)" when any of the keys are sensitive operations, else nothing. */
  static Column sensitiveNote(Column sensitiveCount) {
    return when(sensitiveCount.gt(0), format_string(" (%d sensitive)", sensitiveCount))
        .otherwise(lit(""));
  }
}
