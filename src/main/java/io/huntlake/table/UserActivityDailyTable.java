package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code user_activity_daily}: what each API-server identity (person, service account, node,
 * control-plane component) did on one day. A request made with impersonation counts for both the
 * impersonator and the impersonated user.
 */
public final class UserActivityDailyTable {
  private UserActivityDailyTable() {}

  public static final String NAME = "user_activity_daily";

  public static final String USER_KIND = "user_kind";
  public static final String REQUESTS = "requests";
  public static final String READS = "reads";
  public static final String WRITES = "writes";
  public static final String WRITE_RATIO = "write_ratio";
  public static final String NAMESPACES = "namespaces";
  public static final String SOURCE_IPS = "source_ips";
  public static final String SOURCE_SUBNETS = "source_subnets";
  public static final String USER_AGENTS = "user_agents";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String FORBIDDEN = "forbidden";
  public static final String DENIED_RATIO = "denied_ratio";
  public static final String SECRET_READS = "secret_reads";
  public static final String EXEC_SESSIONS = "exec_sessions";
  public static final String RBAC_WRITES = "rbac_writes";
  public static final String TOKEN_REQUESTS = "token_requests";
  public static final String CSR_REQUESTS = "csr_requests";
  public static final String DELETES = "deletes";
  public static final String IMPERSONATIONS = "impersonations";
  public static final String REQUESTS_BY_VERB = "requests_by_verb";
  public static final String REQUESTS_BY_RESOURCE = "requests_by_resource";
  public static final String HOURLY_REQUESTS = "hourly_requests";
  public static final String ACCESS_SET = "access_set";
  public static final String SOURCE_NETWORK_SET = "source_network_set";
  public static final String USER_AGENT_SET = "user_agent_set";
  public static final String FIRST_TS = "first_ts";
  public static final String LAST_TS = "last_ts";

  public static final StructType SCHEMA =
      EntityColumns.leading("user name as the API server authenticated it")
          .add(USER_KIND, StringType, false, "human, serviceaccount, node, system or anonymous")
          .add(REQUESTS, LongType, false, "requests (distinct audit IDs)")
          .add(READS, LongType, false, "get, list and watch requests")
          .add(WRITES, LongType, false, "create, update, patch, delete and deletecollection")
          .add(WRITE_RATIO, DoubleType, false, "writes / requests")
          .add(NAMESPACES, LongType, false, "distinct namespaces touched")
          .add(SOURCE_IPS, LongType, false, "distinct client addresses")
          .add(SOURCE_SUBNETS, LongType, false, "distinct client /24 networks")
          .add(USER_AGENTS, LongType, false, "distinct user agents (with versions)")
          .add(UNAUTHORIZED, LongType, false, "requests answered 401")
          .add(FORBIDDEN, LongType, false, "requests answered 403")
          .add(DENIED_RATIO, DoubleType, false, "(401 + 403) / requests")
          .add(SECRET_READS, LongType, false, "get, list or watch of secrets")
          .add(EXEC_SESSIONS, LongType, false, "pods/exec, pods/attach and pods/portforward")
          .add(
              RBAC_WRITES,
              LongType,
              false,
              "writes to roles, rolebindings, clusterroles, clusterrolebindings")
          .add(TOKEN_REQUESTS, LongType, false, "serviceaccounts/token creations")
          .add(CSR_REQUESTS, LongType, false, "writes to certificatesigningrequests")
          .add(DELETES, LongType, false, "delete and deletecollection requests")
          .add(IMPERSONATIONS, LongType, false, "requests made as or on behalf of another user")
          .add(
              REQUESTS_BY_VERB,
              createMapType(StringType, LongType, false),
              false,
              "requests per verb")
          .add(
              REQUESTS_BY_RESOURCE,
              createMapType(StringType, LongType, false),
              false,
              "requests per resource[/subresource]")
          .add(
              HOURLY_REQUESTS,
              createArrayType(LongType, false),
              false,
              "24 counts: requests in each UTC hour")
          .add(
              ACCESS_SET,
              createArrayType(StringType, false),
              false,
              "distinct 'verb resource[/subresource]', with ' *' when not namespaced (cluster-wide)")
          .add(
              SOURCE_NETWORK_SET,
              createArrayType(StringType, false),
              false,
              "client networks: a private address's /16, a public address's /24")
          .add(
              USER_AGENT_SET,
              createArrayType(StringType, false),
              false,
              "user agent products without versions (kubectl, argocd-application-controller)")
          .add(FIRST_TS, TimestampType, false, "first request of the day")
          .add(LAST_TS, TimestampType, false, "last request of the day");

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "Daily activity per API-server identity",
              SCHEMA,
              List.of(EntityColumns.EVENT_DATE),
              EntityColumns.EVENT_DATE,
              EntityColumns.dailyProperties())
          .retained(TableDefinition.Retention.DAILY)
          .zOrderedBy(EntityColumns.ENTITY_ID)
          .readByRules();
}
