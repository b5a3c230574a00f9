package io.huntlake.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
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
 * Something an established entity has not done in its whole window: a verb on a resource in a
 * namespace, a client network, a user agent, an hour of the day, a destination, a port, a log
 * template. One reason per set feature, stronger with more new keys. An entity with too little
 * history of its own gets one reason saying so instead: it is new, not normal.
 */
public final class Novelty implements ScoringStrategy {
  /** The feature name of the reason "this entity is new". */
  public static final String NEW_ENTITY = "new_entity";

  @Override
  public String kind() {
    return "novelty";
  }

  @Override
  public double weight(ScoreSettings settings) {
    return settings.weights().novelty();
  }

  @Override
  public Dataset<Row> reasons(ScoringInput input, ScoreSettings settings) {
    Column isNewKey = col(ScoringInput.OWN_DAYS).isNull();
    Dataset<Row> newKeys =
        input
            .keys()
            .where(col(ScoringInput.STATUS).equalTo(AnomalyScoresTable.STATUS_ESTABLISHED))
            .groupBy(col(EntityColumns.CLUSTER), col(EntityColumns.ENTITY_ID), col(FEATURE))
            .agg(
                sum(when(isNewKey, 1).otherwise(0)).cast("double").as(OBSERVED),
                sum(when(isNewKey, Keys.weight(settings)).otherwise(0.0)).as("weighted"),
                sum(when(isNewKey.and(col(EntityFeatures.SENSITIVE)), 1).otherwise(0))
                    .as("sensitive"),
                count(col(BaselineTables.KEY)).cast("double").as("today"),
                collect_list(when(isNewKey, col(BaselineTables.KEY))).as("new_keys"))
            .where(col(OBSERVED).gt(0))
            .select(
                col(EntityColumns.CLUSTER),
                col(EntityColumns.ENTITY_ID),
                col(FEATURE),
                col(OBSERVED),
                col("today").minus(col(OBSERVED)).as(BASELINE),
                col("weighted").as(DEVIATION),
                least(lit(1.0), col("weighted").divide(settings.noveltyFullKeys())).as(STRENGTH),
                concat(
                        Text.number(col(OBSERVED)),
                        lit(" new "),
                        col(FEATURE),
                        Keys.sensitiveNote(col("sensitive")),
                        format_string(
                            " not seen in its %d-day window: ", lit(input.window().windowDays())),
                        Text.examples(col("new_keys")))
                    .as(DETAIL));
    Dataset<Row> newEntities =
        input
            .entities()
            .where(col(ScoringInput.STATUS).equalTo(AnomalyScoresTable.STATUS_NEW))
            .select(
                col(EntityColumns.CLUSTER),
                col(EntityColumns.ENTITY_ID),
                lit(NEW_ENTITY).as(FEATURE),
                col(ScoringInput.BASELINE_DAYS).cast("double").as(OBSERVED),
                lit((double) input.window().minDays()).as(BASELINE),
                lit((double) input.window().minDays())
                    .minus(col(ScoringInput.BASELINE_DAYS))
                    .as(DEVIATION),
                lit(settings.newEntityStrength()).as(STRENGTH),
                format_string(
                        "new: seen on %d of the last %d days (its own baseline needs %d)",
                        col(ScoringInput.BASELINE_DAYS),
                        lit(input.window().windowDays()),
                        lit(input.window().minDays()))
                    .as(DETAIL))
            .where(col(STRENGTH).gt(0));
    return newKeys.unionByName(newEntities);
  }
}
