package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code user_baseline}, {@code workload_baseline}, {@code flow_edge_baseline}: what was normal
 * before a day, one row per entity (or peer group) and feature. Long rather than wide, so a hunter
 * asks "what was normal for alice on D" with one filter, and new features need no new columns.
 *
 * <p>Rows of scope {@code entity} describe one entity, rows of scope {@code peer_group} its peer
 * group, rows of scope {@code cluster} (entity_id {@code *}) all entities of the type in the
 * cluster: what scoring falls back to when a peer group is too small to say what is rare. Numeric
 * features have statistics and no key; set features (what was seen) have one row per key with when
 * it was first and last seen.
 */
public final class BaselineTables {
  private BaselineTables() {}

  public static final String SCOPE = "scope";
  public static final String FEATURE = "feature";
  public static final String KEY = "key";
  public static final String WINDOW_START = "window_start";
  public static final String WINDOW_END = "window_end";
  public static final String DAYS_OBSERVED = "days_observed";
  public static final String MEDIAN = "median";
  public static final String MAD = "mad";
  public static final String Q25 = "q25";
  public static final String Q75 = "q75";
  public static final String Q95 = "q95";
  public static final String MAX_VALUE = "max_value";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";
  public static final String PEER_ENTITIES = "peer_entities";
  public static final String PEER_SIZE = "peer_size";

  public static final String SCOPE_ENTITY = "entity";
  public static final String SCOPE_PEER_GROUP = "peer_group";
  public static final String SCOPE_CLUSTER = "cluster";

  /** entity_id and peer_group of the rows that describe all entities of a cluster together. */
  public static final String WHOLE_CLUSTER = "*";

  /** The feature name of the row that says on which days an entity was active at all. */
  public static final String ACTIVITY = "_active";

  public static final StructType SCHEMA =
      new StructType()
          .add(
              EntityColumns.EVENT_DATE,
              DateType,
              false,
              "the day this baseline is for; its window ends the day before")
          .add(EntityColumns.CLUSTER, StringType, false, "cluster")
          .add(
              SCOPE,
              StringType,
              false,
              "entity; peer_group for the entity's peers together; cluster for all of them")
          .add(
              EntityColumns.ENTITY_ID,
              StringType,
              false,
              "the entity, the peer group's name, or * for the whole cluster")
          .add(EntityColumns.PEER_GROUP, StringType, false, "the entity's peer group")
          .add(
              FEATURE,
              StringType,
              false,
              "a numeric feature, a set feature (…_set), or _active for the days seen at all")
          .add(KEY, StringType, true, "for set features: the value seen; null for numeric ones")
          .add(WINDOW_START, DateType, false, "first day of the trailing window")
          .add(WINDOW_END, DateType, false, "last day of the trailing window (the day before)")
          .add(
              DAYS_OBSERVED,
              IntegerType,
              false,
              "days in the window with the entity active (numeric) or the key seen (set)")
          .add(MEDIAN, DoubleType, true, "median over the active days")
          .add(MAD, DoubleType, true, "median absolute deviation from the median")
          .add(Q25, DoubleType, true, "25th percentile")
          .add(Q75, DoubleType, true, "75th percentile")
          .add(Q95, DoubleType, true, "95th percentile")
          .add(MAX_VALUE, DoubleType, true, "largest daily value")
          .add(FIRST_SEEN, DateType, false, "first day in the window it was seen")
          .add(LAST_SEEN, DateType, false, "last day in the window it was seen")
          .add(
              PEER_ENTITIES,
              IntegerType,
              true,
              "group scopes, set features: how many of the group's entities had this key")
          .add(
              PEER_SIZE,
              IntegerType,
              true,
              "group scopes: how many entities the group had in the window");

  public static final TableDefinition USER =
      baseline("user_baseline", "Trailing-window baseline per identity and its peer group");
  public static final TableDefinition WORKLOAD =
      baseline("workload_baseline", "Trailing-window baseline per workload and namespace");
  public static final TableDefinition FLOW_EDGE =
      baseline("flow_edge_baseline", "Trailing-window baseline per flow edge and source");

  private static TableDefinition baseline(String name, String description) {
    return new TableDefinition(
            name,
            description,
            SCHEMA,
            List.of(EntityColumns.EVENT_DATE),
            EntityColumns.EVENT_DATE,
            TableDefinition.propertiesWithStatsOn(
                EntityColumns.CLUSTER, EntityColumns.ENTITY_ID, FEATURE))
        .retained(TableDefinition.Retention.DAILY)
        .zOrderedBy(EntityColumns.ENTITY_ID)
        .readByRules()
        .documentedUnder("`user_baseline`, `workload_baseline`, `flow_edge_baseline`");
  }
}
