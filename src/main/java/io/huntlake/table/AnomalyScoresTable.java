package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code anomaly_scores}: one row per entity active on a day, with a 0–100 score, its rank in the
 * day and the reasons that make it up, strongest first.
 */
public final class AnomalyScoresTable {
  private AnomalyScoresTable() {}

  public static final String NAME = "anomaly_scores";

  public static final String EVENT_DATE = EntityColumns.EVENT_DATE;
  public static final String ENTITY_TYPE = EntityColumns.ENTITY_TYPE;
  public static final String ENTITY_ID = EntityColumns.ENTITY_ID;
  public static final String CLUSTER = EntityColumns.CLUSTER;
  public static final String SCORE = "score";
  public static final String RANK = "rank";
  public static final String ALERT = "alert";
  public static final String BASELINE_STATUS = "baseline_status";
  public static final String BASELINE_DAYS = "baseline_days";
  public static final String BASELINE_WINDOW_START = "baseline_window_start";
  public static final String BASELINE_WINDOW_END = "baseline_window_end";
  public static final String PEER_GROUP = EntityColumns.PEER_GROUP;
  public static final String REASONS = "reasons";
  public static final String SUMMARY = "summary";
  public static final String MODEL_VERSION = "model_version";

  /** Fields of one reason. */
  public static final String REASON_FEATURE = "feature";

  public static final String REASON_OBSERVED = "observed";
  public static final String REASON_BASELINE = "baseline";
  public static final String REASON_DEVIATION = "deviation";
  public static final String REASON_KIND = "kind";
  public static final String REASON_CONTRIBUTION = "contribution";
  public static final String REASON_DETAIL = "detail";

  /** baseline_status values. */
  public static final String STATUS_ESTABLISHED = "established";

  public static final String STATUS_NEW = "new";
  public static final String STATUS_WARMING_UP = "warming_up";

  /** Fields are nullable only because Delta cannot enforce NOT NULL inside arrays. */
  public static final StructType REASON =
      new StructType()
          .add(REASON_FEATURE, StringType, true, "the feature that deviates")
          .add(REASON_OBSERVED, DoubleType, true, "its value on the day (a count for sets)")
          .add(
              REASON_BASELINE,
              DoubleType,
              true,
              "what was normal: the median, or the number of known keys for sets")
          .add(
              REASON_DEVIATION,
              DoubleType,
              true,
              "robust z-score, ratio, new-key count or rarity, by kind")
          .add(REASON_KIND, StringType, true, "deviation, novelty, peer_rarity or volume")
          .add(REASON_CONTRIBUTION, DoubleType, true, "score points this reason adds")
          .add(REASON_DETAIL, StringType, true, "the reason in words, with examples");

  public static final StructType SCHEMA =
      new StructType()
          .add(EVENT_DATE, DateType, false, "the scored day; the partition column")
          .add(ENTITY_TYPE, StringType, false, "user, workload or flow_edge")
          .add(ENTITY_ID, StringType, false, "the entity, as in its *_activity_daily table")
          .add(CLUSTER, StringType, false, "cluster")
          .add(SCORE, DoubleType, false, "0-100: 100 × (1 − e^(−sum of weighted reason strengths))")
          .add(RANK, IntegerType, false, "1 = most anomalous entity of the day, all clusters")
          .add(ALERT, BooleanType, false, "score ≥ score.alert_threshold")
          .add(
              BASELINE_STATUS,
              StringType,
              false,
              "established; new (too little own history, compared with peers); warming_up (the"
                  + " cluster itself has too little history, not scored)")
          .add(BASELINE_DAYS, IntegerType, false, "days the entity was seen in the window")
          .add(BASELINE_WINDOW_START, DateType, false, "first day of the baseline window")
          .add(BASELINE_WINDOW_END, DateType, false, "last day of the baseline window")
          .add(PEER_GROUP, StringType, false, "peer group compared with")
          .add(
              REASONS,
              createArrayType(REASON, false),
              false,
              "why it scored, strongest contribution first")
          .add(SUMMARY, StringType, false, "the top reasons in one line")
          .add(MODEL_VERSION, StringType, false, "scoring model version (changes with weights)");

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "Explained anomaly scores per entity and day",
              SCHEMA,
              List.of(EVENT_DATE),
              EVENT_DATE,
              TableDefinition.propertiesWithStatsOn(ENTITY_TYPE, ENTITY_ID, CLUSTER, SCORE))
          .retained(TableDefinition.Retention.RESULTS)
          .zOrderedBy(ENTITY_ID);
}
