package io.huntlake.views;

import io.huntlake.spark.JoinKeys;
import io.huntlake.table.AuditEventsTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The views HuntLake derives from audit_events, shared by rules (cut to the day), {@code huntlake
 * sql}, hunts and notebooks (over the whole table), so every entry point parses requests the same
 * way:
 *
 * <ul>
 *   <li>{@code audit_requests}: one row per API request (audit_events has one per stage): its most
 *       complete stage
 *   <li>{@code exec_sessions}: exec and attach requests with the decoded command and container
 *   <li>{@code pod_specs}: one row per container of every pod or pod template written (pods,
 *       deployments, daemonsets, statefulsets, replicasets, jobs, cronjobs), with the security
 *       settings rules care about
 *   <li>{@code rbac_rules}: one row per rule of every role or cluster role written
 *   <li>{@code rbac_bindings}: one row per subject of every role binding written
 * </ul>
 *
 * Transforms only: no I/O, no actions.
 */
public final class RequestViews {
  public static final String AUDIT_REQUESTS = "audit_requests";
  public static final String EXEC_SESSIONS = "exec_sessions";
  public static final String POD_SPECS = "pod_specs";
  public static final String RBAC_RULES = "rbac_rules";
  public static final String RBAC_BINDINGS = "rbac_bindings";
  public static final String ESTATE_ADDRESSES = "estate_addresses";

  /**
   * Distinct hours of a day a node must be seen keeping its own Node or Lease object up to date
   * from an address before the address counts as the node's: a kubelet does so all day, every few
   * seconds; a credential replayed from elsewhere is a burst.
   */
  static final int NODE_ADDRESS_MIN_HOURS = 2;

  private static final String CONTAINER =
      "STRUCT<name: STRING, image: STRING, command: ARRAY<STRING>, args: ARRAY<STRING>,"
          + " securityContext: STRUCT<privileged: BOOLEAN, allowPrivilegeEscalation: BOOLEAN,"
          + " runAsUser: BIGINT, runAsNonRoot: BOOLEAN, capabilities: STRUCT<add: ARRAY<STRING>>>>";
  private static final String POD_SPEC =
      "hostPID: BOOLEAN, hostIPC: BOOLEAN, hostNetwork: BOOLEAN, serviceAccountName: STRING,"
          + " serviceAccount: STRING, securityContext: STRUCT<runAsUser: BIGINT>,"
          + " automountServiceAccountToken: BOOLEAN,"
          + " volumes: ARRAY<STRUCT<name: STRING, hostPath: STRUCT<path: STRING>,"
          + " secret: STRUCT<secretName: STRING>, projected: STRUCT<sources: ARRAY<STRUCT<"
          + "serviceAccountToken: STRUCT<audience: STRING, expirationSeconds: BIGINT, path: STRING>,"
          + " secret: STRUCT<name: STRING>>>>>>,"
          + " containers: ARRAY<"
          + CONTAINER
          + ">, initContainers: ARRAY<"
          + CONTAINER
          + ">, ephemeralContainers: ARRAY<"
          + CONTAINER
          + ">";
  private static final String WORKLOAD_OBJECT =
      "STRUCT<kind: STRING, metadata: STRUCT<name: STRING, generateName: STRING,"
          + " ownerReferences: ARRAY<STRUCT<kind: STRING, name: STRING>>>, spec: STRUCT<"
          + POD_SPEC
          + ", template: STRUCT<spec: STRUCT<"
          + POD_SPEC
          + ">>, jobTemplate: STRUCT<spec: STRUCT<template: STRUCT<spec: STRUCT<"
          + POD_SPEC
          + ">>>>>>";
  private static final String ROLE_OBJECT =
      "STRUCT<metadata: STRUCT<name: STRING>, rules: ARRAY<STRUCT<apiGroups: ARRAY<STRING>,"
          + " resources: ARRAY<STRING>, verbs: ARRAY<STRING>, resourceNames: ARRAY<STRING>,"
          + " nonResourceURLs: ARRAY<STRING>>>>";
  private static final String BINDING_OBJECT =
      "STRUCT<metadata: STRUCT<name: STRING>, roleRef: STRUCT<kind: STRING, name: STRING>,"
          + " subjects: ARRAY<STRUCT<kind: STRING, name: STRING, namespace: STRING>>>";

  /** Resources whose writes carry a pod spec, directly or as a template. */
  private static final String POD_RESOURCES =
      "('pods', 'deployments', 'daemonsets', 'statefulsets', 'replicasets', 'jobs', 'cronjobs',"
          + " 'replicationcontrollers')";

  private RequestViews() {}

  /** The names of the views, in the order they are built. */
  public static final List<String> NAMES =
      List.of(
          AUDIT_REQUESTS, EXEC_SESSIONS, POD_SPECS, RBAC_RULES, RBAC_BINDINGS, ESTATE_ADDRESSES);

  /**
   * audit_requests and the views parsed from it, over any span of audit_events: the rule engine
   * passes one day, {@code huntlake sql} the whole table. A filter on event_date reaches the scan.
   * Registers the SQL functions the views and the queries over them use.
   */
  public static Map<String, Dataset<Row>> of(SparkSession spark, Dataset<Row> auditEvents) {
    return of(spark, auditEvents, name -> true);
  }

  /**
   * The views {@code wanted} names, and none other: building one means analysing its plan, which
   * costs more than running it over a handful of test rows.
   */
  public static Map<String, Dataset<Row>> of(
      SparkSession spark, Dataset<Row> auditEvents, Predicate<String> wanted) {
    Map<String, Dataset<Row>> views = new LinkedHashMap<>();
    if (NAMES.stream().noneMatch(wanted)) {
      return views;
    }
    Dataset<Row> requests = auditRequests(auditEvents);
    if (wanted.test(AUDIT_REQUESTS)) {
      views.put(AUDIT_REQUESTS, requests);
    }
    views.putAll(derived(spark, requests, wanted));
    return views;
  }

  /** The views parsed from audit_requests. */
  public static Map<String, Dataset<Row>> derived(SparkSession spark, Dataset<Row> requests) {
    return derived(spark, requests, name -> true);
  }

  private static Map<String, Dataset<Row>> derived(
      SparkSession spark, Dataset<Row> requests, Predicate<String> wanted) {
    SqlFunctions.register(spark);
    Map<String, Function<Dataset<Row>, Dataset<Row>>> builders = new LinkedHashMap<>();
    builders.put(EXEC_SESSIONS, RequestViews::execSessions);
    builders.put(POD_SPECS, RequestViews::podSpecs);
    builders.put(RBAC_RULES, RequestViews::rbacRules);
    builders.put(RBAC_BINDINGS, RequestViews::rbacBindings);
    builders.put(ESTATE_ADDRESSES, RequestViews::estateAddresses);
    Map<String, Dataset<Row>> views = new LinkedHashMap<>();
    builders.forEach(
        (name, build) -> {
          if (wanted.test(name)) {
            views.put(name, build.apply(requests));
          }
        });
    return views;
  }

  /**
   * One row per request and day: the ResponseComplete stage where there is one (almost always),
   * else the day's latest stage (a long exec or watch may end after the archive day). Only the few
   * requests without a completed stage are grouped, so the day is not shuffled as a whole. Keying
   * by event_date as well lets a filter on the day reach the scan of both branches.
   */
  static Dataset<Row> auditRequests(Dataset<Row> events) {
    String[] columns = events.columns();
    Column complete = col(AuditEventsTable.STAGE).equalTo("ResponseComplete");
    Dataset<Row> completed = events.where(complete);
    Dataset<Row> unfinished =
        events
            .where(org.apache.spark.sql.functions.not(complete))
            .join(
                completed.select(
                    AuditEventsTable.EVENT_DATE,
                    AuditEventsTable.CLUSTER,
                    AuditEventsTable.AUDIT_ID),
                JoinKeys.of(
                    AuditEventsTable.EVENT_DATE,
                    AuditEventsTable.CLUSTER,
                    AuditEventsTable.AUDIT_ID),
                "left_anti")
            .groupBy(
                AuditEventsTable.EVENT_DATE, AuditEventsTable.CLUSTER, AuditEventsTable.AUDIT_ID)
            .agg(expr("max_by(struct(*), stage_ts) AS latest"))
            .select("latest.*")
            .select(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length));
    return completed.unionByName(unfinished);
  }

  /** Exec and attach requests: pod, container and the command as one decoded string. */
  static Dataset<Row> execSessions(Dataset<Row> requests) {
    return requests
        .where("resource = 'pods' AND subresource IN ('exec', 'attach')")
        .withColumn(
            "query_params",
            expr(
                "CASE WHEN instr(request_uri, '?') > 0"
                    + " THEN split(substring_index(request_uri, '?', -1), '&')"
                    + " ELSE array() END"))
        .withColumn("pod", col(AuditEventsTable.OBJECT_NAME))
        .withColumn(
            "container",
            expr(
                "hl_url_decode(substr(element_at(filter(query_params,"
                    + " p -> p LIKE 'container=%'), 1), 11))"))
        .withColumn(
            "command",
            expr(
                "array_join(transform(filter(query_params, p -> p LIKE 'command=%'),"
                    + " p -> hl_url_decode(substr(p, 9))), ' ')"))
        .withColumn("tty", expr("array_contains(query_params, 'tty=true')"))
        .drop("query_params");
  }

  /** One row per container (init and ephemeral included) of every pod spec written. */
  static Dataset<Row> podSpecs(Dataset<Row> requests) {
    Dataset<Row> parsed =
        requests
            .where(
                "resource IN "
                    + POD_RESOURCES
                    + " AND verb IN ('create', 'update', 'patch') AND request_object IS NOT NULL"
                    + " AND (subresource IS NULL OR subresource = 'ephemeralcontainers')")
            .withColumn("o", expr("from_json(request_object, '" + WORKLOAD_OBJECT + "')"));
    return parsed
        .withColumn(
            "workload_name",
            expr("coalesce(object_name, o.metadata.name, o.metadata.generateName)"))
        .withColumn("owner_kind", expr("o.metadata.ownerReferences[0].kind"))
        .withColumn("host_pid", podField("hostPID"))
        .withColumn("host_ipc", podField("hostIPC"))
        .withColumn("host_network", podField("hostNetwork"))
        .withColumn(
            "service_account",
            expr(
                "coalesce("
                    + podPath("serviceAccountName")
                    + ", "
                    + podPath("serviceAccount")
                    + ")"))
        .withColumn("pod_run_as_user", podField("securityContext.runAsUser"))
        .withColumn("automount_token", podField("automountServiceAccountToken"))
        .withColumn(
            "secret_volumes",
            expr(
                "array_distinct(concat("
                    + "transform(filter(coalesce("
                    + podPath("volumes")
                    + ", array()), v -> v.secret.secretName IS NOT NULL), v -> v.secret.secretName),"
                    + " flatten(transform(coalesce("
                    + podPath("volumes")
                    + ", array()), v -> transform(filter(coalesce(v.projected.sources, array()),"
                    + " s -> s.secret.name IS NOT NULL), s -> s.secret.name)))))"))
        .withColumn(
            "token_volumes",
            expr(
                "flatten(transform(coalesce("
                    + podPath("volumes")
                    + ", array()), v -> transform(filter(coalesce(v.projected.sources, array()),"
                    + " s -> s.serviceAccountToken IS NOT NULL), s -> named_struct('audience',"
                    + " s.serviceAccountToken.audience, 'expiration_seconds',"
                    + " s.serviceAccountToken.expirationSeconds))))"))
        .withColumn(
            "host_paths",
            expr(
                "transform(filter(coalesce("
                    + podPath("volumes")
                    + ", array()), v -> v.hostPath IS NOT NULL), v -> v.hostPath.path)"))
        .withColumn(
            "all_containers",
            expr(
                "concat("
                    + tagged("containers", "container")
                    + ", "
                    + tagged("initContainers", "init")
                    + ", "
                    + tagged("ephemeralContainers", "ephemeral")
                    + ")"))
        .withColumn("c", expr("explode_outer(all_containers)"))
        .withColumn("container_type", expr("c.type"))
        .withColumn("container_name", expr("c.spec.name"))
        .withColumn("image", expr("c.spec.image"))
        .withColumn("image_ref", imageRef("c.spec.image"))
        .withColumn(
            "registry", expr("substring_index(" + imageRefSql("c.spec.image") + ", '/', 1)"))
        .withColumn("privileged", expr("coalesce(c.spec.securityContext.privileged, false)"))
        .withColumn(
            "allow_privilege_escalation", expr("c.spec.securityContext.allowPrivilegeEscalation"))
        .withColumn(
            "run_as_user", expr("coalesce(c.spec.securityContext.runAsUser, pod_run_as_user)"))
        .withColumn(
            "capabilities_add", expr("coalesce(c.spec.securityContext.capabilities.add, array())"))
        .withColumn(
            "container_command",
            expr(
                "array_join(concat(coalesce(c.spec.command, array()),"
                    + " coalesce(c.spec.args, array())), ' ')"))
        .drop("o", "all_containers", "c", "pod_run_as_user");
  }

  /** One row per rule of every Role or ClusterRole created, updated or patched. */
  static Dataset<Row> rbacRules(Dataset<Row> requests) {
    return requests
        .where(
            "resource IN ('roles', 'clusterroles') AND verb IN ('create', 'update', 'patch')"
                + " AND request_object IS NOT NULL")
        .withColumn("o", expr("from_json(request_object, '" + ROLE_OBJECT + "')"))
        .withColumn("role_kind", expr("IF(resource = 'roles', 'Role', 'ClusterRole')"))
        .withColumn("role_name", expr("coalesce(object_name, o.metadata.name)"))
        .withColumn("r", expr("explode_outer(o.rules)"))
        .withColumn("rule_verbs", expr("coalesce(r.verbs, array())"))
        .withColumn("rule_resources", expr("coalesce(r.resources, array())"))
        .withColumn("rule_api_groups", expr("coalesce(r.apiGroups, array())"))
        .withColumn("rule_resource_names", expr("coalesce(r.resourceNames, array())"))
        .withColumn("rule_non_resource_urls", expr("coalesce(r.nonResourceURLs, array())"))
        .drop("o", "r");
  }

  /** One row per subject of every RoleBinding or ClusterRoleBinding created, updated or patched. */
  static Dataset<Row> rbacBindings(Dataset<Row> requests) {
    return requests
        .where(
            "resource IN ('rolebindings', 'clusterrolebindings')"
                + " AND verb IN ('create', 'update', 'patch') AND request_object IS NOT NULL")
        .withColumn("o", expr("from_json(request_object, '" + BINDING_OBJECT + "')"))
        .withColumn(
            "binding_kind",
            expr("IF(resource = 'rolebindings', 'RoleBinding', 'ClusterRoleBinding')"))
        .withColumn("binding_name", expr("coalesce(object_name, o.metadata.name)"))
        .withColumn("role_ref_kind", expr("o.roleRef.kind"))
        .withColumn("role_ref_name", expr("o.roleRef.name"))
        .withColumn("s", expr("explode_outer(o.subjects)"))
        .withColumn("subject_kind", expr("s.kind"))
        .withColumn("subject_name", expr("s.name"))
        .withColumn("subject_namespace", expr("s.namespace"))
        .drop("o", "s");
  }

  /**
   * The addresses the cluster's own machinery called the API from on each day, learned from what it
   * did rather than configured: a node's kubelet renewing its own Lease or updating its own Node
   * (in at least {@link #NODE_ADDRESS_MIN_HOURS} hours of the day), and the control plane's
   * components (controller manager, scheduler, API server). On managed clusters these are often
   * public cloud addresses (a node pool's outbound address, a hosted control plane); they are the
   * cluster's own all the same. One row per day, cluster and address, with why it counts.
   */
  static Dataset<Row> estateAddresses(Dataset<Row> requests) {
    Dataset<Row> nodes =
        addressesOf(
                requests,
                "user_name LIKE 'system:node:%' AND resource IN ('nodes', 'leases')"
                    + " AND object_name = substr(user_name, 13)",
                "node")
            .where(col("hours").geq(NODE_ADDRESS_MIN_HOURS));
    Dataset<Row> controlPlane =
        addressesOf(
            requests,
            "user_name IN ('system:kube-controller-manager', 'system:kube-scheduler',"
                + " 'system:apiserver')",
            "control plane");
    return nodes.unionByName(controlPlane);
  }

  /** Per day, cluster and address: the identities of the allowed requests {@code which} selects. */
  private static Dataset<Row> addressesOf(Dataset<Row> requests, String which, String reason) {
    return requests
        .where("(" + which + ") AND source_ip IS NOT NULL AND coalesce(response_code, 0) < 400")
        .groupBy(
            col(AuditEventsTable.EVENT_DATE),
            col(AuditEventsTable.CLUSTER),
            col(AuditEventsTable.SOURCE_IP).as("address"))
        .agg(
            expr("array_sort(collect_set(user_name)) AS identities"),
            expr("count(DISTINCT hour(event_ts)) AS hours"))
        .withColumn("reason", org.apache.spark.sql.functions.lit(reason));
  }

  /** A pod-level field wherever the object keeps its pod spec. */
  private static Column podField(String path) {
    return expr(podPath(path));
  }

  private static String podPath(String path) {
    return "coalesce(o.spec."
        + path
        + ", o.spec.template.spec."
        + path
        + ", o.spec.jobTemplate.spec.template.spec."
        + path
        + ")";
  }

  private static String tagged(String field, String type) {
    return "transform(coalesce("
        + podPath(field)
        + ", array()), x -> named_struct('type', '"
        + type
        + "', 'spec', x))";
  }

  private static Column imageRef(String image) {
    return expr(imageRefSql(image));
  }

  /**
   * The image with its registry spelled out, as trusted-registry prefixes are written: {@code
   * nginx} → {@code docker.io/library/nginx}, {@code grafana/grafana} → {@code
   * docker.io/grafana/grafana}. A first segment with a dot or a port, or "localhost", is a
   * registry.
   */
  private static String imageRefSql(String image) {
    return "CASE WHEN "
        + image
        + " IS NULL THEN NULL"
        + " WHEN "
        + image
        + " RLIKE '^(localhost|[^/]*[.:][^/]*)/' THEN "
        + image
        + " WHEN instr("
        + image
        + ", '/') > 0 THEN concat('docker.io/', "
        + image
        + ") ELSE concat('docker.io/library/', "
        + image
        + ") END";
  }

  private static Column col(String name) {
    return org.apache.spark.sql.functions.col(name);
  }

  private static Column expr(String sql) {
    return org.apache.spark.sql.functions.expr(sql);
  }
}
