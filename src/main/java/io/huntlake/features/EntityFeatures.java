package io.huntlake.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

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

  /**
   * A numeric column of the daily table.
   *
   * @param signal what the feature measures, shared by features that move together (an edge's bytes
   *     and packets): the scorer counts one reason per signal, so one burst is not counted twice
   */
  public record NumericFeature(String name, Measure measure, String signal) {}

  /**
   * A set of strings seen per day; new members are novelties.
   *
   * @param sensitive keys matching this pattern are sensitive operations (may be null: none are)
   * @param signal shared by sets that one event fills together (a workload's new destination, its
   *     port and its DNS name): the scorer counts one reason per signal
   */
  public record SetFeature(String name, Column keys, String sensitive, String signal) {}

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

  /*
   * Signals shared by features that move together. A user's reads and writes are part of its
   * requests; addresses and their networks grow together; 401s, 403s and the denied ratio are one
   * refusal. One connection fills a workload's destination, port and DNS name sets and its counts
   * at once; log lines come with log bytes, flows with bytes and packets.
   */
  private static final String REQUESTS_SIGNAL = "requests";
  private static final String CLIENTS_SIGNAL = "client_addresses";
  private static final String DENIALS_SIGNAL = "denials";
  private static final String LOGS_SIGNAL = "logs";
  private static final String EGRESS_SIGNAL = "egress";
  private static final String CONNECTIONS_SIGNAL = "connections";
  private static final String TRAFFIC_SIGNAL = "traffic";

  public static final EntityFeatures USER =
      new EntityFeatures(
          EntityColumns.USER,
          UserActivityDailyTable.DEFINITION,
          BaselineTables.USER,
          List.of(
              volume(UserActivityDailyTable.REQUESTS, REQUESTS_SIGNAL),
              // Reads and writes are volumes: people's vary severalfold from day to day.
              volume(UserActivityDailyTable.READS, REQUESTS_SIGNAL),
              volume(UserActivityDailyTable.WRITES, REQUESTS_SIGNAL),
              ratio(UserActivityDailyTable.WRITE_RATIO),
              count(UserActivityDailyTable.NAMESPACES),
              count(UserActivityDailyTable.SOURCE_IPS, CLIENTS_SIGNAL),
              count(UserActivityDailyTable.SOURCE_SUBNETS, CLIENTS_SIGNAL),
              count(UserActivityDailyTable.USER_AGENTS),
              count(UserActivityDailyTable.UNAUTHORIZED, DENIALS_SIGNAL),
              count(UserActivityDailyTable.FORBIDDEN, DENIALS_SIGNAL),
              ratio(UserActivityDailyTable.DENIED_RATIO, DENIALS_SIGNAL),
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
                  SENSITIVE_ACCESS,
                  UserActivityDailyTable.ACCESS_SET),
              set(UserActivityDailyTable.SOURCE_NETWORK_SET),
              set(UserActivityDailyTable.USER_AGENT_SET),
              activeHours(UserActivityDailyTable.HOURLY_REQUESTS)));

  public static final EntityFeatures WORKLOAD =
      new EntityFeatures(
          EntityColumns.WORKLOAD,
          WorkloadActivityDailyTable.DEFINITION,
          BaselineTables.WORKLOAD,
          List.of(
              volume(WorkloadActivityDailyTable.LOG_LINES, LOGS_SIGNAL),
              volume(WorkloadActivityDailyTable.LOG_BYTES, LOGS_SIGNAL),
              count(WorkloadActivityDailyTable.ERROR_LINES),
              count(WorkloadActivityDailyTable.WARN_LINES),
              count(WorkloadActivityDailyTable.TEMPLATES),
              count(WorkloadActivityDailyTable.PODS),
              count(WorkloadActivityDailyTable.RESTARTS),
              volume(WorkloadActivityDailyTable.EGRESS_FLOWS, EGRESS_SIGNAL),
              volume(WorkloadActivityDailyTable.EGRESS_BYTES, EGRESS_SIGNAL),
              count(WorkloadActivityDailyTable.DESTINATIONS, CONNECTIONS_SIGNAL),
              count(WorkloadActivityDailyTable.DST_PORTS, CONNECTIONS_SIGNAL),
              count(WorkloadActivityDailyTable.EXTERNAL_DESTINATIONS, CONNECTIONS_SIGNAL),
              count(WorkloadActivityDailyTable.DNS_NAMES, CONNECTIONS_SIGNAL),
              count(WorkloadActivityDailyTable.DROPPED_FLOWS)),
          // Not template_set: applications log new message shapes every day, so a new template
          // says little on its own (the templates count still deviates when a workload's output
          // changes wholesale).
          List.of(
              set(WorkloadActivityDailyTable.DESTINATION_SET, CONNECTIONS_SIGNAL),
              set(WorkloadActivityDailyTable.DST_PORT_SET, CONNECTIONS_SIGNAL),
              set(WorkloadActivityDailyTable.DNS_NAME_SET, CONNECTIONS_SIGNAL)));

  public static final EntityFeatures FLOW_EDGE =
      new EntityFeatures(
          EntityColumns.FLOW_EDGE,
          FlowEdgeDailyTable.DEFINITION,
          BaselineTables.FLOW_EDGE,
          List.of(
              volume(FlowEdgeDailyTable.FLOWS, TRAFFIC_SIGNAL),
              volume(FlowEdgeDailyTable.BYTES, TRAFFIC_SIGNAL),
              volume(FlowEdgeDailyTable.PACKETS, TRAFFIC_SIGNAL),
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

  /**
   * The signal of a feature named by a column: the shared signal of correlated features, else the
   * feature itself (also for features no catalogue entry names, such as "new_entity").
   */
  public Column signalOf(Column feature) {
    Column signal = feature;
    for (NumericFeature f : numeric) {
      signal = when(feature.equalTo(f.name()), lit(f.signal())).otherwise(signal);
    }
    for (SetFeature s : sets) {
      signal = when(feature.equalTo(s.name()), lit(s.signal())).otherwise(signal);
    }
    return signal;
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
    return count(name, name);
  }

  private static NumericFeature count(String name, String signal) {
    return new NumericFeature(name, Measure.COUNT, signal);
  }

  private static NumericFeature ratio(String name) {
    return ratio(name, name);
  }

  private static NumericFeature ratio(String name, String signal) {
    return new NumericFeature(name, Measure.RATIO, signal);
  }

  private static NumericFeature volume(String name, String signal) {
    return new NumericFeature(name, Measure.VOLUME, signal);
  }

  private static SetFeature set(String column) {
    return set(column, column);
  }

  private static SetFeature set(String column, String signal) {
    return new SetFeature(column, col(column), null, signal);
  }

  /** The UTC hours ("00".."23") with any activity, from a 24-count histogram column. */
  private static SetFeature activeHours(String hourlyColumn) {
    return new SetFeature(
        "active_hours",
        expr(
            "filter(transform(sequence(0, 23), h -> if("
                + hourlyColumn
                + "[h] > 0, lpad(cast(h as string), 2, '0'), null)), x -> x is not null)"),
        null,
        "active_hours");
  }
}
