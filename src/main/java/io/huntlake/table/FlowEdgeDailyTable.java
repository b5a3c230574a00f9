package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code flow_edge_daily}: traffic per edge (source workload to destination workload or external
 * ip:port) on one day, counting the opening half of each connection only.
 */
public final class FlowEdgeDailyTable {
  private FlowEdgeDailyTable() {}

  public static final String NAME = "flow_edge_daily";

  public static final String SOURCE = "source";
  public static final String DESTINATION = "destination";
  public static final String DESTINATION_EXTERNAL = "destination_external";
  public static final String FLOWS = "flows";
  public static final String BYTES = "bytes";
  public static final String PACKETS = "packets";
  public static final String FORWARDED_FLOWS = "forwarded_flows";
  public static final String DROPPED_FLOWS = "dropped_flows";
  public static final String HOURLY_FLOWS = "hourly_flows";
  public static final String DST_PORT_SET = "dst_port_set";

  public static final StructType SCHEMA =
      EntityColumns.leading("<source> -> <destination>")
          .add(
              SOURCE,
              StringType,
              false,
              "<namespace>/<workload>; a private address when no workload is known (VPC Flow Logs);"
                  + " external for any public address")
          .add(
              DESTINATION,
              StringType,
              false,
              "<namespace>/<workload>, or ip:port when outside the cluster or unknown")
          .add(
              DESTINATION_EXTERNAL,
              BooleanType,
              false,
              "destination address is outside private address space")
          .add(FLOWS, LongType, false, "flows opened on the edge")
          .add(BYTES, LongType, false, "bytes (VPC Flow Logs; Hubble has none)")
          .add(PACKETS, LongType, false, "packets (VPC Flow Logs; Hubble has none)")
          .add(FORWARDED_FLOWS, LongType, false, "flows forwarded")
          .add(DROPPED_FLOWS, LongType, false, "flows dropped by policy")
          .add(
              HOURLY_FLOWS,
              createArrayType(LongType, false),
              false,
              "24 counts: flows in each UTC hour")
          .add(DST_PORT_SET, createArrayType(StringType, false), false, "protocol/port reached");

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "Daily traffic per flow edge",
              SCHEMA,
              List.of(EntityColumns.EVENT_DATE),
              EntityColumns.EVENT_DATE,
              EntityColumns.dailyProperties())
          .retained(TableDefinition.Retention.DAILY)
          .zOrderedBy(EntityColumns.ENTITY_ID)
          .readByRules();
}
