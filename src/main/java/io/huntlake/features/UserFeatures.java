package io.huntlake.features;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.huntlake.spark.JoinKeys;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.EntityColumns;
import io.huntlake.table.UserActivityDailyTable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Daily features per API-server identity, from one day of audit_events. */
public final class UserFeatures {
  private static final List<String> READ_VERBS = List.of("get", "list", "watch");
  private static final List<String> WRITE_VERBS =
      List.of("create", "update", "patch", "delete", "deletecollection");
  private static final List<String> RBAC_RESOURCES =
      List.of("roles", "rolebindings", "clusterroles", "clusterrolebindings");
  private static final List<String> SESSION_SUBRESOURCES = List.of("exec", "attach", "portforward");

  /** Stage order: the latest stage of a request carries its response. */
  private static final String STAGE_ORDER =
      "case stage when 'Panic' then 3 when 'ResponseComplete' then 2"
          + " when 'ResponseStarted' then 1 else 0 end";

  private static final String ACTOR = "actor";

  private UserFeatures() {}

  /** One row per (cluster, identity) active in {@code auditEvents} (one day of them). */
  public static Dataset<Row> compute(Dataset<Row> auditEvents) {
    Dataset<Row> requests = attributed(requests(auditEvents)).cache();
    try {
      Dataset<Row> totals = totals(requests);
      Dataset<Row> byVerb = countsBy(requests, col(AuditEventsTable.VERB), "by_verb");
      Dataset<Row> byResource = countsBy(requests, col("resource_path"), "by_resource");
      Dataset<Row> hourly = hourly(requests);
      return totals
          .join(byVerb, keys(), "left")
          .join(byResource, keys(), "left")
          .join(hourly, keys(), "left")
          .select(outputColumns());
    } finally {
      requests.unpersist();
    }
  }

  /** One row per request (audit ID), with the fields of its latest stage. */
  static Dataset<Row> requests(Dataset<Row> auditEvents) {
    String[] fields = {
      AuditEventsTable.EVENT_DATE,
      AuditEventsTable.EVENT_TS,
      AuditEventsTable.VERB,
      AuditEventsTable.USER_NAME,
      AuditEventsTable.USER_GROUPS,
      AuditEventsTable.IMPERSONATED_USER,
      AuditEventsTable.SOURCE_IP,
      AuditEventsTable.USER_AGENT,
      AuditEventsTable.RESOURCE,
      AuditEventsTable.SUBRESOURCE,
      AuditEventsTable.NAMESPACE,
      AuditEventsTable.REQUEST_URI,
      AuditEventsTable.RESPONSE_CODE
    };
    Column latest =
        max_by(
            struct(java.util.Arrays.stream(fields).map(f -> col(f)).toArray(Column[]::new)),
            expr(STAGE_ORDER));
    Dataset<Row> collapsed =
        auditEvents
            .groupBy(col(AuditEventsTable.CLUSTER), col(AuditEventsTable.AUDIT_ID))
            .agg(latest.as("r"));
    Column[] columns = new Column[fields.length + 1];
    columns[0] = col(AuditEventsTable.CLUSTER);
    for (int i = 0; i < fields.length; i++) {
      columns[i + 1] = col("r." + fields[i]).as(fields[i]);
    }
    return collapsed.select(columns);
  }

  /**
   * Each request once per identity it is attributed to: the authenticated user, and the
   * impersonated one when there is one.
   */
  static Dataset<Row> attributed(Dataset<Row> requests) {
    Column actors =
        filter(
            array(col(AuditEventsTable.USER_NAME), col(AuditEventsTable.IMPERSONATED_USER)),
            a -> a.isNotNull());
    Column verb = col(AuditEventsTable.VERB);
    Column resource = col(AuditEventsTable.RESOURCE);
    Column sub = col(AuditEventsTable.SUBRESOURCE);
    Column resourcePath =
        when(
                resource.isNull(),
                concat(
                    lit("url:"), regexp_extract(col(AuditEventsTable.REQUEST_URI), "^([^?]*)", 1)))
            .when(sub.isNull(), resource)
            .otherwise(concat(resource, lit("/"), sub));
    Column isWrite = verb.isin(WRITE_VERBS.toArray());
    return requests
        .withColumn(ACTOR, explode(actors))
        .withColumn("resource_path", resourcePath)
        .withColumn("is_read", verb.isin(READ_VERBS.toArray()))
        .withColumn("is_write", isWrite)
        .withColumn(
            "access_key",
            // Without the namespace: kubelets and controllers touch whichever namespace their pods
            // are in, so namespaced keys would make every rescheduling a novelty. The namespaces
            // count stays a numeric feature.
            concat_ws(
                " ",
                verb,
                resourcePath,
                when(col(AuditEventsTable.NAMESPACE).isNull(), lit("*")).otherwise(lit(null))))
        .withColumn("subnet", Addresses.subnet24(col(AuditEventsTable.SOURCE_IP)))
        .withColumn("network", Addresses.network(col(AuditEventsTable.SOURCE_IP)))
        .withColumn(
            "agent_product",
            coalesce(expr("nullif(regexp_extract(user_agent, '^([^/ ]+)', 1), '')"), lit("(none)")))
        .withColumn("hour", expr("hour(event_ts)"))
        .withColumn("secret_read", resource.equalTo("secrets").and(verb.isin(READ_VERBS.toArray())))
        .withColumn(
            "session", resource.equalTo("pods").and(sub.isin(SESSION_SUBRESOURCES.toArray())))
        .withColumn("rbac_write", resource.isin(RBAC_RESOURCES.toArray()).and(isWrite))
        .withColumn(
            "token_request",
            resource
                .equalTo("serviceaccounts")
                .and(sub.equalTo("token"))
                .and(verb.equalTo("create")))
        .withColumn("csr", resource.equalTo("certificatesigningrequests").and(isWrite))
        .withColumn("is_delete", verb.isin("delete", "deletecollection"));
  }

  private static Dataset<Row> totals(Dataset<Row> requests) {
    Column code = col(AuditEventsTable.RESPONSE_CODE);
    return requests
        .groupBy(col(EntityColumns.EVENT_DATE), col(AuditEventsTable.CLUSTER), col(ACTOR))
        .agg(
            count(lit(1)).as(UserActivityDailyTable.REQUESTS),
            countIf(col("is_read")).as(UserActivityDailyTable.READS),
            countIf(col("is_write")).as(UserActivityDailyTable.WRITES),
            count_distinct(col(AuditEventsTable.NAMESPACE)).as(UserActivityDailyTable.NAMESPACES),
            count_distinct(col(AuditEventsTable.SOURCE_IP)).as(UserActivityDailyTable.SOURCE_IPS),
            count_distinct(col("subnet")).as(UserActivityDailyTable.SOURCE_SUBNETS),
            count_distinct(col(AuditEventsTable.USER_AGENT)).as(UserActivityDailyTable.USER_AGENTS),
            countIf(code.equalTo(401)).as(UserActivityDailyTable.UNAUTHORIZED),
            countIf(code.equalTo(403)).as(UserActivityDailyTable.FORBIDDEN),
            countIf(col("secret_read")).as(UserActivityDailyTable.SECRET_READS),
            countIf(col("session")).as(UserActivityDailyTable.EXEC_SESSIONS),
            countIf(col("rbac_write")).as(UserActivityDailyTable.RBAC_WRITES),
            countIf(col("token_request")).as(UserActivityDailyTable.TOKEN_REQUESTS),
            countIf(col("csr")).as(UserActivityDailyTable.CSR_REQUESTS),
            countIf(col("is_delete")).as(UserActivityDailyTable.DELETES),
            countIf(col(AuditEventsTable.IMPERSONATED_USER).isNotNull())
                .as(UserActivityDailyTable.IMPERSONATIONS),
            sort_array(collect_set(col("access_key"))).as(UserActivityDailyTable.ACCESS_SET),
            sort_array(collect_set(col("network"))).as(UserActivityDailyTable.SOURCE_NETWORK_SET),
            sort_array(collect_set(col("agent_product"))).as(UserActivityDailyTable.USER_AGENT_SET),
            min(col(AuditEventsTable.EVENT_TS)).as(UserActivityDailyTable.FIRST_TS),
            max(col(AuditEventsTable.EVENT_TS)).as(UserActivityDailyTable.LAST_TS))
        .withColumnRenamed(ACTOR, EntityColumns.ENTITY_ID)
        .withColumn(UserActivityDailyTable.USER_KIND, userKind(col(EntityColumns.ENTITY_ID)))
        .withColumn(EntityColumns.PEER_GROUP, peerGroup(col(EntityColumns.ENTITY_ID)))
        .withColumn(
            UserActivityDailyTable.WRITE_RATIO,
            col(UserActivityDailyTable.WRITES).divide(col(UserActivityDailyTable.REQUESTS)))
        .withColumn(
            UserActivityDailyTable.DENIED_RATIO,
            col(UserActivityDailyTable.UNAUTHORIZED)
                .plus(col(UserActivityDailyTable.FORBIDDEN))
                .divide(col(UserActivityDailyTable.REQUESTS)));
  }

  /** human, serviceaccount, node, system or anonymous, from the user name's shape. */
  static Column userKind(Column user) {
    return when(user.startsWith("system:serviceaccount:"), lit("serviceaccount"))
        .when(user.startsWith("system:node:"), lit("node"))
        .when(user.equalTo("system:anonymous"), lit("anonymous"))
        .when(user.startsWith("system:"), lit("system"))
        .otherwise(lit("human"));
  }

  /**
   * Service accounts are compared with the other service accounts of their namespace, nodes with
   * nodes, control-plane components with each other, and people with people. Not people by group:
   * teams are small, and a group of two says little about what is rare for a person.
   */
  private static Column peerGroup(Column user) {
    Column kind = userKind(user);
    return when(
            kind.equalTo("serviceaccount"),
            concat(lit("serviceaccounts:"), expr("split(entity_id, ':')[2]")))
        .when(kind.equalTo("node"), lit("nodes"))
        .when(kind.equalTo("system"), lit("control-plane"))
        .when(kind.equalTo("anonymous"), lit("anonymous"))
        .otherwise(lit("people"));
  }

  private static Dataset<Row> countsBy(Dataset<Row> requests, Column key, String name) {
    return requests
        .groupBy(
            col(EntityColumns.EVENT_DATE), col(AuditEventsTable.CLUSTER), col(ACTOR), key.as("k"))
        .agg(count(lit(1)).as("n"))
        .where(col("k").isNotNull())
        .groupBy(col(EntityColumns.EVENT_DATE), col(AuditEventsTable.CLUSTER), col(ACTOR))
        .agg(expr("map_from_entries(sort_array(collect_list(struct(k, n))))").as(name))
        .withColumnRenamed(ACTOR, EntityColumns.ENTITY_ID);
  }

  private static Dataset<Row> hourly(Dataset<Row> requests) {
    return requests
        .groupBy(
            col(EntityColumns.EVENT_DATE), col(AuditEventsTable.CLUSTER), col(ACTOR), col("hour"))
        .agg(count(lit(1)).as("n"))
        .groupBy(col(EntityColumns.EVENT_DATE), col(AuditEventsTable.CLUSTER), col(ACTOR))
        .agg(Histograms.hourly(col("hour"), col("n")).as("hourly"))
        .withColumnRenamed(ACTOR, EntityColumns.ENTITY_ID);
  }

  private static scala.collection.Seq<String> keys() {
    return JoinKeys.of(EntityColumns.EVENT_DATE, AuditEventsTable.CLUSTER, EntityColumns.ENTITY_ID);
  }

  private static Column[] outputColumns() {
    return java.util.Arrays.stream(UserActivityDailyTable.SCHEMA.fieldNames())
        .map(
            name ->
                switch (name) {
                  case UserActivityDailyTable.REQUESTS_BY_VERB ->
                      coalesce(col("by_verb"), expr("map()")).as(name);
                  case UserActivityDailyTable.REQUESTS_BY_RESOURCE ->
                      coalesce(col("by_resource"), expr("map()")).as(name);
                  case UserActivityDailyTable.HOURLY_REQUESTS -> col("hourly").as(name);
                  default -> col(name);
                })
        .toArray(Column[]::new);
  }

  static Column countIf(Column condition) {
    return sum(when(condition, 1L).otherwise(0L));
  }
}
