package io.huntlake.score;

import io.huntlake.config.ScoreSettings;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One way an entity's day can differ from normal. A strategy turns a {@link ScoringInput} into
 * reasons; the {@link Scorer} weighs and combines them. Strategies do no I/O.
 */
public interface ScoringStrategy {
  /** Columns of a reason row, besides the entity's cluster and entity_id. */
  String FEATURE = "feature";

  String OBSERVED = "observed";
  String BASELINE = "baseline";
  String DEVIATION = "deviation";
  String STRENGTH = "strength";
  String DETAIL = "detail";

  /** The reason kind this strategy gives: deviation, novelty, peer_rarity or volume. */
  String kind();

  /** Its weight in the combined score. */
  double weight(ScoreSettings settings);

  /**
   * Reasons: cluster, entity_id, feature, observed, baseline (nullable), deviation, strength (0–1,
   * how fully the reason counts) and detail (the reason in words). Only rows with strength &gt; 0.
   */
  Dataset<Row> reasons(ScoringInput input, ScoreSettings settings);
}
