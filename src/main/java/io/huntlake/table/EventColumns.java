package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * The columns every event table (audit_events, container_logs, network_flows) begins and ends with:
 * the day it happened and the day folder it came from, then exactly where it was read and by which
 * run. Defined once so the tables, ingest and hunters agree on them.
 */
public final class EventColumns {
  public static final String EVENT_DATE = "event_date";
  public static final String INGEST_DATE = "ingest_date";
  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_LINE = "source_line";
  public static final String INGEST_RUN_ID = "ingest_run_id";

  /** Every event table also has these two, among its own columns. */
  public static final String EVENT_TS = "event_ts";

  public static final String CLUSTER = "cluster";

  private EventColumns() {}

  /** event_date (the partition column) and ingest_date (what reruns replace by). */
  static StructType leading() {
    return new StructType()
        .add(EVENT_DATE, DateType, false, "UTC day of event_ts; the partition column")
        .add(
            INGEST_DATE, DateType, false, "day folder the row was read from; reruns replace by it");
  }

  /** source_file, source_line and ingest_run_id, after a table's own columns. */
  static StructType withProvenance(StructType columns) {
    return columns
        .add(SOURCE_FILE, StringType, false, "file the row was read from")
        .add(
            SOURCE_LINE,
            LongType,
            false,
            "1-based line in that file (the first line of a joined container line)")
        .add(
            INGEST_RUN_ID,
            StringType,
            false,
            "content hash of the ingest run (same input files, same id)");
  }
}
