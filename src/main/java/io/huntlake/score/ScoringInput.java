package io.huntlake.score;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.huntlake.config.BaselineSettings;
import io.huntlake.features.EntityFeatures;
import io.huntlake.spark.JoinKeys;
import io.huntlake.table.AnomalyScoresTable;
import io.huntlake.table.BaselineTables;
import io.huntlake.table.EntityColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One day of one entity type, laid next to its baseline, ready for the scoring strategies.
 *
 * @param entities every entity active on the day: cluster, entity_id, peer_group, baseline_status,
 *     baseline_days, cluster_days, and the group it is compared with (group_scope, group_id,
 *     compared_with): its peer group, or all entities of its type in the cluster when the peer
 *     group has fewer than score.peer.min_peers members
 * @param numeric one row per entity and numeric feature: the day's {@code value}, the entity's own
 *     baseline ({@code own_median}, {@code own_mad}) and its compared group's ({@code peer_median},
 *     {@code peer_mad}, {@code peer_q95}, {@code peer_size}, {@code peer_days}), with the entity's
 *     status
 * @param keys one row per entity, set feature and key seen on the day: {@code own_days} (days the
 *     entity had the key in the window, null when never), {@code peer_entities} and {@code
 *     peer_size}, with the entity's status
 */
public record ScoringInput(
    EntityFeatures features,
    Dataset<Row> entities,
    Dataset<Row> numeric,
    Dataset<Row> keys,
    BaselineSettings window) {

  static final String STATUS = AnomalyScoresTable.BASELINE_STATUS;
  static final String BASELINE_DAYS = AnomalyScoresTable.BASELINE_DAYS;
  static final String CLUSTER_DAYS = "cluster_days";
  static final String VALUE = EntityFeatures.VALUE;
  static final String OWN_MEDIAN = "own_median";
  static final String OWN_MAD = "own_mad";
  static final String OWN_DAYS = "own_days";
  static final String PEER_MEDIAN = "peer_median";
  static final String PEER_MAD = "peer_mad";
  static final String PEER_Q95 = "peer_q95";
  static final String PEER_DAYS = "peer_days";
  static final String PEER_SIZE = "peer_size";
  static final String PEER_ENTITIES = "peer_entities";

  /** Which group an entity is compared with: its peer group, or the whole cluster when small. */
  static final String GROUP_SCOPE = "group_scope";

  static final String GROUP_ID = "group_id";

  /** The compared group in words, for details: "its peers in namespace:payments". */
  static final String COMPARED_WITH = "compared_with";

  private static final String CLUSTER = EntityColumns.CLUSTER;
  private static final String ENTITY = EntityColumns.ENTITY_ID;
  private static final String PEERS = EntityColumns.PEER_GROUP;
  private static final String FEATURE = BaselineTables.FEATURE;
  private static final String KEY = BaselineTables.KEY;

  /**
   * @param today the entity type's daily rows for the scored day
   * @param baseline the baseline rows for the scored day
   * @param minPeers peer groups smaller than this are replaced by the whole cluster
   */
  public static ScoringInput of(
      EntityFeatures features,
      Dataset<Row> today,
      Dataset<Row> baseline,
      BaselineSettings window,
      int minPeers) {
    Dataset<Row> own =
        baseline.where(col(BaselineTables.SCOPE).equalTo(BaselineTables.SCOPE_ENTITY));
    Dataset<Row> groups =
        baseline.where(col(BaselineTables.SCOPE).notEqual(BaselineTables.SCOPE_ENTITY));
    Dataset<Row> groupActivity =
        groups
            .where(col(FEATURE).equalTo(BaselineTables.ACTIVITY))
            .select(
                col(CLUSTER),
                col(BaselineTables.SCOPE).as(GROUP_SCOPE),
                col(ENTITY).as(GROUP_ID),
                col(BaselineTables.PEER_SIZE).as(PEER_SIZE),
                col(BaselineTables.DAYS_OBSERVED).as(PEER_DAYS));
    Dataset<Row> clusterDays =
        groupActivity
            .where(col(GROUP_SCOPE).equalTo(BaselineTables.SCOPE_CLUSTER))
            .select(col(CLUSTER), col(PEER_DAYS).as(CLUSTER_DAYS));
    Dataset<Row> peerSizes =
        groupActivity
            .where(col(GROUP_SCOPE).equalTo(BaselineTables.SCOPE_PEER_GROUP))
            .select(col(CLUSTER), col(GROUP_ID).as(PEERS), col(PEER_SIZE).as("own_group_size"));

    Column status =
        when(col(CLUSTER_DAYS).lt(window.minDays()), lit(AnomalyScoresTable.STATUS_WARMING_UP))
            .when(col(BASELINE_DAYS).lt(window.minDays()), lit(AnomalyScoresTable.STATUS_NEW))
            .otherwise(lit(AnomalyScoresTable.STATUS_ESTABLISHED));
    Column ownGroupUsable = coalesce(col("own_group_size"), lit(0)).geq(minPeers);
    Dataset<Row> entities =
        today
            .select(col(CLUSTER), col(ENTITY), col(PEERS))
            .join(
                own.where(col(FEATURE).equalTo(BaselineTables.ACTIVITY))
                    .select(
                        col(CLUSTER),
                        col(ENTITY),
                        col(BaselineTables.DAYS_OBSERVED).as(BASELINE_DAYS)),
                JoinKeys.of(CLUSTER, ENTITY),
                "left")
            .join(clusterDays, JoinKeys.of(CLUSTER), "left")
            .join(peerSizes, JoinKeys.of(CLUSTER, PEERS), "left")
            .withColumn(BASELINE_DAYS, coalesce(col(BASELINE_DAYS), lit(0)))
            .withColumn(CLUSTER_DAYS, coalesce(col(CLUSTER_DAYS), lit(0)))
            .withColumn(STATUS, status)
            .withColumn(
                GROUP_SCOPE,
                when(ownGroupUsable, lit(BaselineTables.SCOPE_PEER_GROUP))
                    .otherwise(lit(BaselineTables.SCOPE_CLUSTER)))
            .withColumn(
                GROUP_ID,
                when(ownGroupUsable, col(PEERS)).otherwise(lit(BaselineTables.WHOLE_CLUSTER)))
            .withColumn(
                COMPARED_WITH,
                when(ownGroupUsable, concat(lit("its peers in "), col(PEERS)))
                    .otherwise(
                        lit("all " + features.entityType().replace('_', ' ') + "s of the cluster")))
            .drop("own_group_size");
    Dataset<Row> entityStatus =
        entities.select(
            col(CLUSTER),
            col(ENTITY),
            col(STATUS),
            col(BASELINE_DAYS),
            col(GROUP_SCOPE),
            col(GROUP_ID),
            col(COMPARED_WITH));

    Dataset<Row> numeric =
        features
            .numericRows(today)
            .join(entityStatus, JoinKeys.of(CLUSTER, ENTITY))
            .join(
                own.where(col(KEY).isNull())
                    .select(
                        col(CLUSTER),
                        col(ENTITY),
                        col(FEATURE),
                        col(BaselineTables.MEDIAN).as(OWN_MEDIAN),
                        col(BaselineTables.MAD).as(OWN_MAD)),
                JoinKeys.of(CLUSTER, ENTITY, FEATURE),
                "left")
            .join(
                groups
                    .where(col(KEY).isNull())
                    .select(
                        col(CLUSTER),
                        col(BaselineTables.SCOPE).as(GROUP_SCOPE),
                        col(ENTITY).as(GROUP_ID),
                        col(FEATURE),
                        col(BaselineTables.MEDIAN).as(PEER_MEDIAN),
                        col(BaselineTables.MAD).as(PEER_MAD),
                        col(BaselineTables.Q95).as(PEER_Q95)),
                JoinKeys.of(CLUSTER, GROUP_SCOPE, GROUP_ID, FEATURE),
                "left")
            .join(groupActivity, JoinKeys.of(CLUSTER, GROUP_SCOPE, GROUP_ID), "left");

    Dataset<Row> keys =
        features
            .keyRows(today)
            .join(entityStatus, JoinKeys.of(CLUSTER, ENTITY))
            .join(
                own.where(col(KEY).isNotNull())
                    .select(
                        col(CLUSTER),
                        col(ENTITY),
                        col(FEATURE),
                        col(KEY),
                        col(BaselineTables.DAYS_OBSERVED).as(OWN_DAYS)),
                JoinKeys.of(CLUSTER, ENTITY, FEATURE, KEY),
                "left")
            .join(
                groups
                    .where(col(KEY).isNotNull())
                    .select(
                        col(CLUSTER),
                        col(BaselineTables.SCOPE).as(GROUP_SCOPE),
                        col(ENTITY).as(GROUP_ID),
                        col(FEATURE),
                        col(KEY),
                        col(BaselineTables.PEER_ENTITIES).as(PEER_ENTITIES)),
                JoinKeys.of(CLUSTER, GROUP_SCOPE, GROUP_ID, FEATURE, KEY),
                "left")
            .join(groupActivity, JoinKeys.of(CLUSTER, GROUP_SCOPE, GROUP_ID), "left");
    return new ScoringInput(features, entities, numeric, keys, window);
  }

  /**
   * The same input with its datasets cached: every strategy reads them, and recomputing the joins
   * for each would cost more than the scoring itself. Release with {@link #unpersist()}.
   */
  public ScoringInput cached() {
    return new ScoringInput(features, entities.cache(), numeric.cache(), keys.cache(), window);
  }

  public void unpersist() {
    entities.unpersist();
    numeric.unpersist();
    keys.unpersist();
  }
}
