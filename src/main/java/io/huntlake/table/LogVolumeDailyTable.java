package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code log_volume_daily}: how much each source, cluster and talker logged on a day, in events and
 * in bytes as delivered, as archived and as stored in Delta. Capacity planners' trends, forecasts
 * and top talkers are sums over it; one day costs one read of that day's partitions.
 */
public final class LogVolumeDailyTable {
  private LogVolumeDailyTable() {}

  public static final String NAME = "log_volume_daily";

  public static final String EVENT_DATE = EntityColumns.EVENT_DATE;
  public static final String CLUSTER = EntityColumns.CLUSTER;
  public static final String SOURCE = "source";
  public static final String ORIGIN = "origin";
  public static final String NAMESPACE = "namespace";
  public static final String WORKLOAD = "workload";
  public static final String CONTAINER = "container";
  public static final String USER_NAME = "user_name";
  public static final String VERB = "verb";
  public static final String RESOURCE = "resource";
  public static final String USER_AGENT = "user_agent";
  public static final String EVENTS = "events";
  public static final String RAW_BYTES = "raw_bytes";
  public static final String RAW_UNCOMPRESSED_BYTES = "raw_uncompressed_bytes";
  public static final String DELTA_BYTES = "delta_bytes";

  /** origin: stored rows of the source's table, one row per talker. */
  public static final String ORIGIN_EVENTS = "events";

  /** origin: the talkers beyond volume.max_talkers of a cluster and source, in one row. */
  public static final String ORIGIN_OTHER_TALKERS = "other_talkers";

  /** origin: raw files of the day that stored no row (every line a duplicate or a reject). */
  public static final String ORIGIN_FILES_WITHOUT_ROWS = "files_without_rows";

  /** The talker columns, in the order a report lists them. */
  public static final List<String> TALKER_COLUMNS =
      List.of(NAMESPACE, WORKLOAD, CONTAINER, USER_NAME, VERB, RESOURCE, USER_AGENT);

  public static final StructType SCHEMA =
      new StructType()
          .add(EVENT_DATE, DateType, false, "UTC day of the events; the partition column")
          .add(CLUSTER, StringType, false, "cluster")
          .add(SOURCE, StringType, false, "audit, container or flow")
          .add(
              ORIGIN,
              StringType,
              false,
              "events (one talker), other_talkers (the small ones beyond volume.max_talkers, summed)"
                  + " or files_without_rows (files whose every line was a duplicate or reject)")
          .add(
              NAMESPACE,
              StringType,
              true,
              "namespace (flows: the source's); null for cluster-wide audit events")
          .add(
              WORKLOAD,
              StringType,
              true,
              "container logs: the pod's workload; flows: the source workload; else null")
          .add(CONTAINER, StringType, true, "container logs: the container; else null")
          .add(USER_NAME, StringType, true, "audit: the identity; else null")
          .add(VERB, StringType, true, "audit: the verb; else null")
          .add(RESOURCE, StringType, true, "audit: the resource; else null")
          .add(USER_AGENT, StringType, true, "audit: the user agent; else null")
          .add(EVENTS, LongType, false, "rows stored in the source's table")
          .add(
              RAW_BYTES,
              LongType,
              false,
              "bytes of the raw files as delivered and archived (compressed), this talker's share")
          .add(
              RAW_UNCOMPRESSED_BYTES,
              LongType,
              false,
              "the same files' bytes after decompression, this talker's share")
          .add(
              DELTA_BYTES,
              LongType,
              false,
              "bytes of the day's Delta files of the source's table, this talker's share");

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "Events and bytes per day, cluster, source and talker, for capacity planning",
              SCHEMA,
              List.of(EVENT_DATE),
              EVENT_DATE,
              TableDefinition.propertiesWithStatsOn(CLUSTER, SOURCE))
          .retained(TableDefinition.Retention.RESULTS);
}
