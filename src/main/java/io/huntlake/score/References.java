package io.huntlake.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.huntlake.config.ScoreSettings;
import io.huntlake.table.AnomalyScoresTable;
import org.apache.spark.sql.Column;

/**
 * What a numeric feature is compared with: an established entity's own median, or for a new entity
 * the 95th percentile of the group it is compared with. A new entity is measured from the top of
 * its peers' range, not their middle: being new is already a reason of its own, and a new entity
 * only deviates when it outdoes nearly every peer day.
 */
final class References {
  private References() {}

  static Column established() {
    return col(ScoringInput.STATUS).equalTo(AnomalyScoresTable.STATUS_ESTABLISHED);
  }

  /** The reference value. */
  static Column value() {
    return when(established(), col(ScoringInput.OWN_MEDIAN)).otherwise(col(ScoringInput.PEER_Q95));
  }

  /** Whether there is a reference: own history, or a compared group big and old enough. */
  static Column exists(ScoreSettings settings, int minDays) {
    Column isNew = col(ScoringInput.STATUS).equalTo(AnomalyScoresTable.STATUS_NEW);
    return established()
        .and(col(ScoringInput.OWN_MEDIAN).isNotNull())
        .or(
            isNew
                .and(col(ScoringInput.PEER_Q95).isNotNull())
                .and(col(ScoringInput.PEER_SIZE).geq(settings.peerMinPeers()))
                .and(col(ScoringInput.PEER_DAYS).geq(minDays)));
  }

  /** The reference in words: {@code own} for an established entity. */
  static Column described(Column own) {
    return when(established(), own)
        .otherwise(concat(lit("the 95th percentile of "), col(ScoringInput.COMPARED_WITH)));
  }
}
