package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code delivery_gaps}: where log delivery failed on a day. Hours a cluster's source sent nothing
 * or far less than usual, and files whose events lie outside their folder's day. Missing audit logs
 * also raise a finding (rule log-audit-delivery-gap): an attacker may have stopped them.
 */
public final class DeliveryGapsTable {
  private DeliveryGapsTable() {}

  public static final String NAME = "delivery_gaps";

  public static final String EVENT_DATE = EntityColumns.EVENT_DATE;
  public static final String CLUSTER = EntityColumns.CLUSTER;
  public static final String SOURCE = "source";
  public static final String GAP_TYPE = "gap_type";
  public static final String HOUR_START = "hour_start";
  public static final String EVENTS = "events";
  public static final String EXPECTED_EVENTS = "expected_events";
  public static final String SOURCE_FILE = "source_file";
  public static final String DETAIL = "detail";

  /** An hour with no events at all. */
  public static final String MISSING_HOUR = "missing_hour";

  /** An hour with far fewer events than the same hour usually has. */
  public static final String LOW_HOUR = "low_hour";

  /** A file whose events lie well outside the day of the folder it was delivered in. */
  public static final String FILE_OUTSIDE_DAY = "file_outside_day";

  public static final StructType SCHEMA =
      new StructType()
          .add(EVENT_DATE, DateType, false, "the day checked; the partition column")
          .add(CLUSTER, StringType, false, "cluster")
          .add(SOURCE, StringType, false, "audit, container or flow")
          .add(GAP_TYPE, StringType, false, "missing_hour, low_hour or file_outside_day")
          .add(HOUR_START, TimestampType, true, "start of the hour (UTC), for hour gaps")
          .add(
              EVENTS,
              LongType,
              false,
              "events in the hour; for a misplaced file, its events outside the day")
          .add(
              EXPECTED_EVENTS,
              DoubleType,
              true,
              "median of the same hour over the baseline window (null: too little history)")
          .add(SOURCE_FILE, StringType, true, "the misplaced file, for file_outside_day")
          .add(DETAIL, StringType, false, "one sentence: what is missing and compared with what");

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "Hours with missing or low log delivery, and misplaced files",
              SCHEMA,
              List.of(EVENT_DATE),
              EVENT_DATE,
              TableDefinition.propertiesWithStatsOn(CLUSTER, SOURCE, GAP_TYPE))
          .retained(TableDefinition.Retention.RESULTS)
          .readByRules();
}
