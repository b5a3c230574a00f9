package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** {@code container_logs}: one row per logical log line (partial runtime records joined). */
public final class ContainerLogsTable {
  private ContainerLogsTable() {}

  public static final String NAME = "container_logs";

  public static final String EVENT_DATE = EventColumns.EVENT_DATE;
  public static final String INGEST_DATE = EventColumns.INGEST_DATE;
  public static final String EVENT_TS = "event_ts";
  public static final String CLUSTER = "cluster";
  public static final String NAMESPACE = "namespace";
  public static final String POD = "pod";
  public static final String WORKLOAD = "workload";
  public static final String CONTAINER = "container";
  public static final String CONTAINER_ID = "container_id";
  public static final String NODE = "node";
  public static final String STREAM = "stream";
  public static final String LEVEL = "level";
  public static final String MESSAGE = "message";
  public static final String BYTES = "bytes";
  public static final String PARTS = "parts";
  public static final String TRUNCATED = "truncated";
  public static final String IMAGE = "image";
  public static final String EXTRA = "extra";
  public static final String SOURCE_FORMAT = "source_format";
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
                  "time the runtime recorded (first part of a joined line)")
              .add(
                  CLUSTER,
                  StringType,
                  false,
                  "cluster=<name> path segment, else the config's cluster")
              .add(NAMESPACE, StringType, true, "from the file name or the kubernetes block")
              .add(POD, StringType, true, "pod name")
              .add(
                  WORKLOAD,
                  StringType,
                  true,
                  "owning workload derived from the pod name (payments-7d9f8b6c5-x2x9q -> payments)")
              .add(CONTAINER, StringType, true, "container name")
              .add(CONTAINER_ID, StringType, true, "container id from the file name or docker_id")
              .add(NODE, StringType, true, "node, when the record or path names it")
              .add(STREAM, StringType, true, "stdout or stderr")
              .add(
                  LEVEL,
                  StringType,
                  true,
                  "error, warn, info or debug when the line says (JSON, logfmt, klog, prefixes)")
              .add(
                  MESSAGE,
                  StringType,
                  false,
                  "the line, partial records joined, capped at ingest.max_record_bytes")
              .add(BYTES, LongType, false, "UTF-8 bytes of the full message before any cap")
              .add(
                  PARTS,
                  IntegerType,
                  false,
                  "runtime records joined into this line (1 when not split)")
              .add(
                  TRUNCATED,
                  BooleanType,
                  false,
                  "true when the message was cut at ingest.max_record_bytes")
              .add(IMAGE, StringType, true, "container image when the record names it (Fluent Bit)")
              .add(
                  EXTRA,
                  StringType,
                  true,
                  "JSON of fields HuntLake does not map (labels, attrs, ...)")
              .add(SOURCE_FORMAT, StringType, false, "cri, docker-json or fluent-bit"));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "Container stdout/stderr lines with pod, workload and level",
              SCHEMA,
              List.of(EVENT_DATE),
              INGEST_DATE,
              TableDefinition.propertiesWithStatsOn(
                  INGEST_DATE, EVENT_TS, NAMESPACE, WORKLOAD, POD, LEVEL),
              List.of(EVENT_TS, MESSAGE, SOURCE_LINE, EXTRA))
          .retained(TableDefinition.Retention.RAW_EVENTS)
          .zOrderedBy(NAMESPACE, WORKLOAD)
          .readByRules();
}
