package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * The columns every per-entity table (daily features, baselines, scores) begins with, so that
 * features, baselines and scores join on the same names.
 */
public final class EntityColumns {
  public static final String EVENT_DATE = "event_date";
  public static final String CLUSTER = "cluster";
  public static final String ENTITY_TYPE = "entity_type";
  public static final String ENTITY_ID = "entity_id";
  public static final String PEER_GROUP = "peer_group";

  /** The three kinds of entity HuntLake baselines and scores. */
  public static final String USER = "user";

  public static final String WORKLOAD = "workload";
  public static final String FLOW_EDGE = "flow_edge";

  private EntityColumns() {}

  /** event_date, cluster, entity_id and peer_group, with the entity described by its table. */
  static StructType leading(String entityMeaning) {
    return new StructType()
        .add(EVENT_DATE, DateType, false, "UTC day the activity happened; the partition column")
        .add(CLUSTER, StringType, false, "cluster the activity was seen in")
        .add(ENTITY_ID, StringType, false, entityMeaning)
        .add(
            PEER_GROUP,
            StringType,
            false,
            "entities expected to behave alike; baselines and peer rarity compare within it");
  }

  /** Daily tables are owned by their event_date: a features run replaces its day. */
  static java.util.Map<String, String> dailyProperties() {
    return TableDefinition.propertiesWithStatsOn(CLUSTER, ENTITY_ID, PEER_GROUP);
  }
}
