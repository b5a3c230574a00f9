package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code workload_activity_daily}: what each workload (the owner of pods, so it survives pod churn)
 * logged and where it connected on one day.
 */
public final class WorkloadActivityDailyTable {
  private WorkloadActivityDailyTable() {}

  public static final String NAME = "workload_activity_daily";

  public static final String NAMESPACE = "namespace";
  public static final String WORKLOAD = "workload";
  public static final String WORKLOAD_KIND = "workload_kind";
  public static final String LOG_LINES = "log_lines";
  public static final String LOG_BYTES = "log_bytes";
  public static final String ERROR_LINES = "error_lines";
  public static final String WARN_LINES = "warn_lines";
  public static final String TEMPLATES = "templates";
  public static final String PODS = "pods";
  public static final String RESTARTS = "restarts";
  public static final String EGRESS_FLOWS = "egress_flows";
  public static final String EGRESS_BYTES = "egress_bytes";
  public static final String DESTINATIONS = "destinations";
  public static final String DST_PORTS = "dst_ports";
  public static final String EXTERNAL_DESTINATIONS = "external_destinations";
  public static final String DNS_NAMES = "dns_names";
  public static final String DROPPED_FLOWS = "dropped_flows";
  public static final String TEMPLATE_SET = "template_set";
  public static final String DESTINATION_SET = "destination_set";
  public static final String DST_PORT_SET = "dst_port_set";
  public static final String DNS_NAME_SET = "dns_name_set";

  public static final StructType SCHEMA =
      EntityColumns.leading("<namespace>/<workload>")
          .add(NAMESPACE, StringType, false, "namespace")
          .add(WORKLOAD, StringType, false, "owning workload derived from pod names")
          .add(
              WORKLOAD_KIND,
              StringType,
              false,
              "deployment, cronjob, statefulset, daemonset-or-job or pod, from the pod name shape")
          .add(LOG_LINES, LongType, false, "container log lines")
          .add(LOG_BYTES, LongType, false, "container log bytes (full messages, before any cap)")
          .add(ERROR_LINES, LongType, false, "lines at level error")
          .add(WARN_LINES, LongType, false, "lines at level warn")
          .add(
              TEMPLATES,
              LongType,
              false,
              "distinct message templates (numbers, hex, ids and addresses masked)")
          .add(PODS, LongType, false, "distinct pods that logged or connected")
          .add(RESTARTS, LongType, false, "container restarts (extra container ids per container)")
          .add(EGRESS_FLOWS, LongType, false, "flows the workload opened")
          .add(
              EGRESS_BYTES,
              LongType,
              false,
              "bytes of those flows (VPC Flow Logs; Hubble has none)")
          .add(DESTINATIONS, LongType, false, "distinct destinations (workloads or ip:port)")
          .add(DST_PORTS, LongType, false, "distinct destination protocol/ports")
          .add(
              EXTERNAL_DESTINATIONS,
              LongType,
              false,
              "distinct destinations outside private address space")
          .add(DNS_NAMES, LongType, false, "distinct DNS names queried")
          .add(DROPPED_FLOWS, LongType, false, "flows the network policy dropped")
          .add(
              TEMPLATE_SET,
              createArrayType(StringType, false),
              false,
              "hashes of the message templates (at most 200, the most frequent)")
          .add(
              DESTINATION_SET,
              createArrayType(StringType, false),
              false,
              "destinations: <namespace>/<workload> or ip:port")
          .add(DST_PORT_SET, createArrayType(StringType, false), false, "protocol/port reached")
          .add(DNS_NAME_SET, createArrayType(StringType, false), false, "DNS names queried");

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "Daily activity per workload: logs and connections",
              SCHEMA,
              List.of(EntityColumns.EVENT_DATE),
              EntityColumns.EVENT_DATE,
              EntityColumns.dailyProperties())
          .retained(TableDefinition.Retention.DAILY)
          .zOrderedBy(EntityColumns.ENTITY_ID)
          .readByRules();
}
