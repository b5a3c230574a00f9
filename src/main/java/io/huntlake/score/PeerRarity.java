package io.huntlake.score;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.huntlake.config.ScoreSettings;
import io.huntlake.features.EntityFeatures;
import io.huntlake.table.AnomalyScoresTable;
import io.huntlake.table.BaselineTables;
import io.huntlake.table.EntityColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Something new for the entity that few of its peers do either: a service account reading secrets
 * its namespace's other accounts never read, a workload reaching a port no other workload of its
 * namespace uses. New behaviour that is common among peers (a rollout everybody does) is not rare;
 * new behaviour nobody like the entity shows is. Peer groups smaller than score.peer.min_peers are
 * skipped: with two members, everything is rare.
 */
public final class PeerRarity implements ScoringStrategy {
  @Override
  public String kind() {
    return "peer_rarity";
  }

  @Override
  public double weight(ScoreSettings settings) {
    return settings.weights().peerRarity();
  }

  @Override
  public Dataset<Row> reasons(ScoringInput input, ScoreSettings settings) {
    Column share =
        coalesce(col(ScoringInput.PEER_ENTITIES), lit(0)).divide(col(ScoringInput.PEER_SIZE));
    // Keys the entity had on any day of its window are its own habits, however short its
    // history; only keys new to it can be rare for it.
    Column newToEntity = col(ScoringInput.OWN_DAYS).isNull();
    return input
        .keys()
        .where(
            col(ScoringInput.STATUS)
                .notEqual(AnomalyScoresTable.STATUS_WARMING_UP)
                .and(newToEntity)
                .and(col(ScoringInput.PEER_SIZE).geq(settings.peerMinPeers())))
        .withColumn("share", share)
        .where(col("share").leq(settings.peerMaxShare()))
        .groupBy(col(EntityColumns.CLUSTER), col(EntityColumns.ENTITY_ID), col(FEATURE))
        .agg(
            count(lit(1)).cast("double").as(OBSERVED),
            sum(Keys.weight(settings)).as("weighted"),
            sum(when(col(EntityFeatures.SENSITIVE), 1).otherwise(0)).as("sensitive"),
            avg(col("share")).as("mean_share"),
            first(col(ScoringInput.PEER_SIZE)).as("peers"),
            first(col(ScoringInput.COMPARED_WITH)).as("group"),
            collect_list(col(BaselineTables.KEY)).as("rare_keys"))
        .select(
            col(EntityColumns.CLUSTER),
            col(EntityColumns.ENTITY_ID),
            col(FEATURE),
            col(OBSERVED),
            col("mean_share").as(BASELINE),
            lit(1.0).minus(col("mean_share")).as(DEVIATION),
            least(lit(1.0), col("weighted").divide(settings.noveltyFullKeys()))
                .multiply(lit(1.0).minus(col("mean_share")))
                .as(STRENGTH),
            concat(
                    Text.number(col(OBSERVED)),
                    lit(" "),
                    col(FEATURE),
                    lit(" keys"),
                    Keys.sensitiveNote(col("sensitive")),
                    lit(" rare among "),
                    col("group"),
                    format_string(
                        " (at most %.0f%% of %d had them): ",
                        lit(settings.peerMaxShare() * 100), col("peers")),
                    Text.examples(col("rare_keys")))
                .as(DETAIL));
  }
}
