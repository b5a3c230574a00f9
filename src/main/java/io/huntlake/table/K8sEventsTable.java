package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code k8s_events}: Kubernetes Event objects ({@code kubectl get events}), one row per event and
 * ingest day: the updates of one event (its count going up) collapse into the last one read, with
 * its count and its first and last times.
 */
public final class K8sEventsTable {
  private K8sEventsTable() {}

  public static final String NAME = "k8s_events";

  public static final String EVENT_DATE = EventColumns.EVENT_DATE;
  public static final String INGEST_DATE = EventColumns.INGEST_DATE;
  public static final String EVENT_TS = EventColumns.EVENT_TS;
  public static final String FIRST_TS = "first_ts";
  public static final String CLUSTER = EventColumns.CLUSTER;
  public static final String EVENT_UID = "event_uid";
  public static final String EVENT_NAME = "event_name";
  public static final String NAMESPACE = "namespace";
  public static final String TYPE = "type";
  public static final String REASON = "reason";
  public static final String MESSAGE = "message";
  public static final String ACTION = "action";
  public static final String COUNT = "count";
  public static final String OBJECT_KIND = "object_kind";
  public static final String OBJECT_NAMESPACE = "object_namespace";
  public static final String OBJECT_NAME = "object_name";
  public static final String OBJECT_UID = "object_uid";
  public static final String OBJECT_FIELD_PATH = "object_field_path";
  public static final String POD = "pod";
  public static final String WORKLOAD = "workload";
  public static final String REPORTING_COMPONENT = "reporting_component";
  public static final String REPORTING_INSTANCE = "reporting_instance";
  public static final String SOURCE_FORMAT = "source_format";
  public static final String EXTRA = "extra";
  public static final String SOURCE_FILE = EventColumns.SOURCE_FILE;
  public static final String SOURCE_LINE = EventColumns.SOURCE_LINE;
  public static final String INGEST_RUN_ID = EventColumns.INGEST_RUN_ID;

  public static final StructType SCHEMA =
      EventColumns.withProvenance(
          EventColumns.leading()
              .add(
                  EVENT_TS,
                  TimestampType,
                  false,
                  "last time the event was seen: series.lastObservedTime, lastTimestamp,"
                      + " eventTime or creation time")
              .add(
                  FIRST_TS,
                  TimestampType,
                  false,
                  "first time it was seen: firstTimestamp or eventTime (event_ts when neither)")
              .add(
                  CLUSTER,
                  StringType,
                  false,
                  "cluster=<name> path segment, else the config's cluster")
              .add(
                  EVENT_UID,
                  StringType,
                  false,
                  "metadata.uid; without one, namespace/name of the event")
              .add(EVENT_NAME, StringType, true, "metadata.name")
              .add(NAMESPACE, StringType, true, "metadata.namespace (the involved object's)")
              .add(TYPE, StringType, true, "Normal or Warning")
              .add(
                  REASON,
                  StringType,
                  true,
                  "short machine reason: BackOff, FailedMount, Failed, OOMKilling, Evicted,"
                      + " FailedCreate, NodeNotReady, ...")
              .add(MESSAGE, StringType, true, "message (core/v1) or note (events.k8s.io/v1)")
              .add(ACTION, StringType, true, "action taken (events.k8s.io/v1), e.g. Binding")
              .add(
                  COUNT,
                  IntegerType,
                  false,
                  "times it happened: count or series.count, the highest read (1 when absent)")
              .add(OBJECT_KIND, StringType, true, "kind of the object it is about (Pod, Node, ...)")
              .add(OBJECT_NAMESPACE, StringType, true, "namespace of that object")
              .add(OBJECT_NAME, StringType, true, "name of that object")
              .add(OBJECT_UID, StringType, true, "uid of that object")
              .add(
                  OBJECT_FIELD_PATH,
                  StringType,
                  true,
                  "part of the object, e.g. spec.containers{miner}")
              .add(POD, StringType, true, "the pod, when the object is one")
              .add(
                  WORKLOAD,
                  StringType,
                  true,
                  "the pod's owning workload derived from its name, else the object's name")
              .add(
                  REPORTING_COMPONENT,
                  StringType,
                  true,
                  "who reported it: reportingController or source.component (kubelet, ...)")
              .add(
                  REPORTING_INSTANCE,
                  StringType,
                  true,
                  "reportingInstance or source.host (often the node)")
              .add(
                  EXTRA,
                  StringType,
                  true,
                  "JSON of fields HuntLake does not map (labels, annotations, old_event, ...)")
              .add(
                  SOURCE_FORMAT,
                  StringType,
                  false,
                  "k8s-event (core/v1), events-k8s-io (events.k8s.io/v1), eventrouter or"
                      + " k8s-event-list"));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "Kubernetes Event objects: pulls, kills, evictions, denials, node trouble",
              SCHEMA,
              List.of(EVENT_DATE),
              INGEST_DATE,
              TableDefinition.propertiesWithStatsOn(
                  INGEST_DATE, EVENT_TS, NAMESPACE, REASON, TYPE, OBJECT_NAME),
              List.of(EVENT_UID, EVENT_TS, FIRST_TS, MESSAGE, SOURCE_LINE, EXTRA))
          .retained(TableDefinition.Retention.RAW_EVENTS)
          .zOrderedBy(NAMESPACE, REASON)
          .readByRules();
}
