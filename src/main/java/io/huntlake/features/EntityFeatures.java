package io.huntlake.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.huntlake.table.BaselineTables;
import io.huntlake.table.EntityColumns;
import io.huntlake.table.FlowEdgeDailyTable;
import io.huntlake.table.TableDefinition;
import io.huntlake.table.UserActivityDailyTable;
import io.huntlake.table.WorkloadActivityDailyTable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What baselines and scores know about one kind of entity: its daily table, its baseline table,
 * which daily columns are numbers to summarise and which are sets of things seen. Baselines and
 * scoring are written once against this description, not three times.
 *
 * @param numeric numeric features, each a column of the daily table
 * @param sets set features: a name and an expression over the daily row giving array&lt;string&gt;
 */
public record EntityFeatures(
    String entityType,
    TableDefinition daily,
    TableDefinition baseline,
    List<NumericFeature> numeric,
    List<SetFeature> sets) {

  /** How a numeric feature's spread is floored, and whether it measures volume. */
  public enum Measure {
    COUNT,
    RATIO,
    VOLUME
  }

  /** A numeric column of the daily table. */
  public record NumericFeature(String name, Measure measure) {}

  /**
   * A set of strings seen per day; new members are novelties.
   *
   * @param sensitive keys matching this pattern are sensitive operations (may be null: none are)
   */
  public record SetFeature(String name, Column keys, String sensitive) {}

  /** Column names of the long forms below. */
  public static final String FEATURE = BaselineTables.FEATURE;

  public static final String VALUE = "value";
  public static final String KEY = BaselineTables.KEY;
  public static final String SENSITIVE = "sensitive";

  /**
   * Access keys ('verb resource[/subresource][ *]') of the operations hunters treat as sensitive in
   * any cluster: reading secrets, exec/attach/port-forward into pods, the node proxy, RBAC and
   * admission-webhook writes, token and certificate requests, impersonation, deleting events (the
   * cluster's own record), and creating pods directly rather than through a controller.
   */
  static final String SENSITIVE_ACCESS =
      "^((get|list|watch) secrets"
          + "|\\S+ pods/(exec|attach|portforward)"
          + "|\\S+ nodes/proxy"
          + "|(create|update|patch|delete|deletecollection|escalate|bind)"
          + " (roles|rolebindings|clusterroles|clusterrolebindings"
          + "|mutatingwebhookconfigurations|validatingwebhookconfigurations"
          + "|certificatesigningrequests(/approval)?)"
          + "|create serviceaccounts/token"
          + "|(delete|deletecollection) events"
          + "|create pods"
          + "|impersonate \\S+)( \\*)?$";

  public static final EntityFeatures USER =
      new EntityFeatures(
          EntityColumns.USER,
          UserActivityDailyTable.DEFINITION,
          BaselineTables.USER,
          List.of(
              volume(UserActivityDailyTable.REQUESTS),
              // Reads and writes are volumes: people's vary severalfold from day to day.
              volume(UserActivityDailyTable.READS),
              volume(UserActivityDailyTable.WRITES),
              ratio(UserActivityDailyTable.WRITE_RATIO),
              count(UserActivityDailyTable.NAMESPACES),
              count(UserActivityDailyTable.SOURCE_IPS),
              count(UserActivityDailyTable.SOURCE_SUBNETS),
              count(UserActivityDailyTable.USER_AGENTS),
              count(UserActivityDailyTable.UNAUTHORIZED),
              count(UserActivityDailyTable.FORBIDDEN),
              ratio(UserActivityDailyTable.DENIED_RATIO),
              count(UserActivityDailyTable.SECRET_READS),
              count(UserActivityDailyTable.EXEC_SESSIONS),
              count(UserActivityDailyTable.RBAC_WRITES),
              count(UserActivityDailyTable.TOKEN_REQUESTS),
              count(UserActivityDailyTable.CSR_REQUESTS),
              count(UserActivityDailyTable.DELETES),
              count(UserActivityDailyTable.IMPERSONATIONS)),
          List.of(
              new SetFeature(
                  UserActivityDailyTable.ACCESS_SET,
                  col(UserActivityDailyTable.ACCESS_SET),
                  SENSITIVE_ACCESS),
              set(UserActivityDailyTable.SOURCE_NETWORK_SET),
              set(UserActivityDailyTable.USER_AGENT_SET),
              activeHours(UserActivityDailyTable.HOURLY_REQUESTS)));

  public static final EntityFeatures WORKLOAD =
      new EntityFeatures(
          EntityColumns.WORKLOAD,
          WorkloadActivityDailyTable.DEFINITION,
          BaselineTables.WORKLOAD,
          List.of(
              volume(WorkloadActivityDailyTable.LOG_LINES),
              volume(WorkloadActivityDailyTable.LOG_BYTES),
              count(WorkloadActivityDailyTable.ERROR_LINES),
              count(WorkloadActivityDailyTable.WARN_LINES),
              count(WorkloadActivityDailyTable.TEMPLATES),
              count(WorkloadActivityDailyTable.PODS),
              count(WorkloadActivityDailyTable.RESTARTS),
              volume(WorkloadActivityDailyTable.EGRESS_FLOWS),
              volume(WorkloadActivityDailyTable.EGRESS_BYTES),
              count(WorkloadActivityDailyTable.DESTINATIONS),
              count(WorkloadActivityDailyTable.DST_PORTS),
              count(WorkloadActivityDailyTable.EXTERNAL_DESTINATIONS),
              count(WorkloadActivityDailyTable.DNS_NAMES),
              count(WorkloadActivityDailyTable.DROPPED_FLOWS)),
          // Not template_set: applications log new message shapes every day, so a new template
          // says little on its own (the templates count still deviates when a workload's output
          // changes wholesale).
          List.of(
              set(WorkloadActivityDailyTable.DESTINATION_SET),
              set(WorkloadActivityDailyTable.DST_PORT_SET),
              set(WorkloadActivityDailyTable.DNS_NAME_SET)));

  public static final EntityFeatures FLOW_EDGE =
      new EntityFeatures(
          EntityColumns.FLOW_EDGE,
          FlowEdgeDailyTable.DEFINITION,
          BaselineTables.FLOW_EDGE,
          List.of(
              volume(FlowEdgeDailyTable.FLOWS),
              volume(FlowEdgeDailyTable.BYTES),
              volume(FlowEdgeDailyTable.PACKETS),
              count(FlowEdgeDailyTable.DROPPED_FLOWS)),
          // No set features: an edge is one destination, usually on one port, and carries too few
          // flows for its hours to mean much. What is new about where a workload connects is
          // the workload's destination_set and dst_port_set.
          List.of());

  public static final List<EntityFeatures> ALL = List.of(USER, WORKLOAD, FLOW_EDGE);

  /**
   * One row per entity, day and numeric feature: event_date, cluster, entity_id, peer_group,
   * feature, value (double).
   */
  public Dataset<Row> numericRows(Dataset<Row> daily) {
    Column[] features =
        numeric.stream()
            .map(f -> struct(lit(f.name()).as(FEATURE), col(f.name()).cast("double").as(VALUE)))
            .toArray(Column[]::new);
    return daily
        .select(entityColumns(explode(org.apache.spark.sql.functions.array(features)).as("f")))
        .select(entityColumns(col("f." + FEATURE).as(FEATURE), col("f." + VALUE).as(VALUE)));
  }

  /**
   * One row per entity, day, set feature and key: event_date, cluster, entity_id, peer_group,
   * feature, key, sensitive (whether the key is a sensitive operation).
   */
  public Dataset<Row> keyRows(Dataset<Row> daily) {
    if (sets.isEmpty()) {
      return daily
          .select(
              entityColumns(
                  lit(null).cast("string").as(FEATURE),
                  lit(null).cast("string").as(KEY),
                  lit(false).as(SENSITIVE)))
          .where(lit(false));
    }
    Column[] features =
        sets.stream()
            .map(
                s ->
                    struct(
                        lit(s.name()).as(FEATURE),
                        s.keys().as("keys"),
                        lit(s.sensitive()).cast("string").as("pattern")))
            .toArray(Column[]::new);
    return daily
        .select(entityColumns(explode(org.apache.spark.sql.functions.array(features)).as("f")))
        .select(
            entityColumns(
                col("f." + FEATURE).as(FEATURE),
                col("f.pattern").as("pattern"),
                explode(col("f.keys")).as(KEY)))
        .withColumn(
            SENSITIVE,
            org.apache.spark.sql.functions.coalesce(
                org.apache.spark.sql.functions.expr("key rlike pattern"), lit(false)))
        .drop("pattern");
  }

  /** The measure of a numeric feature. */
  public Measure measureOf(String feature) {
    return numeric.stream()
        .filter(f -> f.name().equals(feature))
        .map(NumericFeature::measure)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no numeric feature " + feature));
  }

  /** Names of the numeric features with this measure. */
  public List<String> numericNamed(Measure measure) {
    return numeric.stream().filter(f -> f.measure() == measure).map(NumericFeature::name).toList();
  }

  private static Column[] entityColumns(Column... more) {
    Column[] columns = new Column[4 + more.length];
    columns[0] = col(EntityColumns.EVENT_DATE);
    columns[1] = col(EntityColumns.CLUSTER);
    columns[2] = col(EntityColumns.ENTITY_ID);
    columns[3] = col(EntityColumns.PEER_GROUP);
    System.arraycopy(more, 0, columns, 4, more.length);
    return columns;
  }

  private static NumericFeature count(String name) {
    return new NumericFeature(name, Measure.COUNT);
  }

  private static NumericFeature ratio(String name) {
    return new NumericFeature(name, Measure.RATIO);
  }

  private static NumericFeature volume(String name) {
    return new NumericFeature(name, Measure.VOLUME);
  }

  private static SetFeature set(String column) {
    return new SetFeature(column, col(column), null);
  }

  /** The UTC hours ("00".."23") with any activity, from a 24-count histogram column. */
  private static SetFeature activeHours(String hourlyColumn) {
    return new SetFeature(
        "active_hours",
        expr(
            "filter(transform(sequence(0, 23), h -> if("
                + hourlyColumn
                + "[h] > 0, lpad(cast(h as string), 2, '0'), null)), x -> x is not null)"),
        null);
  }
}
