package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** {@code network_flows}: one row per flow record (Hubble flow event or VPC Flow Log record). */
public final class NetworkFlowsTable {
  private NetworkFlowsTable() {}

  public static final String NAME = "network_flows";

  public static final String EVENT_DATE = EventColumns.EVENT_DATE;
  public static final String INGEST_DATE = EventColumns.INGEST_DATE;
  public static final String EVENT_TS = "event_ts";
  public static final String END_TS = "end_ts";
  public static final String CLUSTER = "cluster";
  public static final String SRC_IP = "src_ip";
  public static final String SRC_PORT = "src_port";
  public static final String SRC_NAMESPACE = "src_namespace";
  public static final String SRC_POD = "src_pod";
  public static final String SRC_WORKLOAD = "src_workload";
  public static final String DST_IP = "dst_ip";
  public static final String DST_PORT = "dst_port";
  public static final String DST_NAMESPACE = "dst_namespace";
  public static final String DST_POD = "dst_pod";
  public static final String DST_WORKLOAD = "dst_workload";
  public static final String PROTOCOL = "protocol";
  public static final String VERDICT = "verdict";
  public static final String DROP_REASON = "drop_reason";
  public static final String DIRECTION = "direction";
  public static final String IS_REPLY = "is_reply";
  public static final String TCP_FLAGS = "tcp_flags";
  public static final String BYTES = "bytes";
  public static final String PACKETS = "packets";
  public static final String L7_TYPE = "l7_type";
  public static final String DNS_QUERY = "dns_query";
  public static final String DNS_RCODE = "dns_rcode";
  public static final String HTTP_METHOD = "http_method";
  public static final String HTTP_URL = "http_url";
  public static final String HTTP_CODE = "http_code";
  public static final String NODE = "node";
  public static final String INTERFACE_ID = "interface_id";
  public static final String FLOW_SOURCE = "flow_source";
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
                  "Hubble: flow time; VPC: start of the capture window")
              .add(END_TS, TimestampType, true, "VPC: end of the capture window")
              .add(
                  CLUSTER,
                  StringType,
                  false,
                  "cluster=<name> path segment, else the config's cluster")
              .add(SRC_IP, StringType, false, "source address")
              .add(SRC_PORT, IntegerType, true, "source port")
              .add(SRC_NAMESPACE, StringType, true, "Hubble: source endpoint namespace")
              .add(SRC_POD, StringType, true, "Hubble: source pod")
              .add(
                  SRC_WORKLOAD,
                  StringType,
                  true,
                  "source workload (Hubble workloads, else derived from the pod)")
              .add(DST_IP, StringType, false, "destination address")
              .add(DST_PORT, IntegerType, true, "destination port")
              .add(DST_NAMESPACE, StringType, true, "Hubble: destination endpoint namespace")
              .add(DST_POD, StringType, true, "Hubble: destination pod")
              .add(DST_WORKLOAD, StringType, true, "destination workload")
              .add(
                  PROTOCOL, StringType, true, "TCP, UDP, ICMPv4, ... (VPC numbers mapped to names)")
              .add(
                  VERDICT,
                  StringType,
                  true,
                  "FORWARDED, DROPPED, ... (VPC: ACCEPT -> FORWARDED, REJECT -> DROPPED)")
              .add(DROP_REASON, StringType, true, "Hubble drop_reason_desc")
              .add(
                  DIRECTION,
                  StringType,
                  true,
                  "INGRESS or EGRESS (Hubble traffic_direction, VPC flow-direction)")
              .add(IS_REPLY, BooleanType, true, "Hubble: the reply half of a connection")
              .add(TCP_FLAGS, StringType, true, "TCP flags, comma-separated (SYN,ACK)")
              .add(BYTES, LongType, true, "VPC: bytes in the window (Hubble has none)")
              .add(PACKETS, LongType, true, "VPC: packets in the window")
              .add(L7_TYPE, StringType, true, "Hubble L7: REQUEST or RESPONSE")
              .add(DNS_QUERY, StringType, true, "Hubble L7 DNS query name")
              .add(DNS_RCODE, IntegerType, true, "Hubble L7 DNS response code")
              .add(HTTP_METHOD, StringType, true, "Hubble L7 HTTP method")
              .add(HTTP_URL, StringType, true, "Hubble L7 HTTP URL")
              .add(HTTP_CODE, IntegerType, true, "Hubble L7 HTTP status code")
              .add(NODE, StringType, true, "Hubble node_name")
              .add(INTERFACE_ID, StringType, true, "VPC interface-id")
              .add(FLOW_SOURCE, StringType, false, "hubble, vpc-flow-v2 or vpc-flow-custom")
              .add(EXTRA, StringType, true, "JSON of fields HuntLake does not map"));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "Network flows from Cilium Hubble and AWS VPC Flow Logs",
              SCHEMA,
              List.of(EVENT_DATE),
              INGEST_DATE,
              TableDefinition.propertiesWithStatsOn(
                  INGEST_DATE, EVENT_TS, SRC_IP, DST_IP, SRC_WORKLOAD, DST_WORKLOAD, DST_PORT),
              List.of(EVENT_TS, END_TS, SRC_PORT, SOURCE_LINE, BYTES, PACKETS, EXTRA))
          .retained(TableDefinition.Retention.RAW_EVENTS)
          .zOrderedBy(SRC_WORKLOAD, DST_IP)
          .readByRules();
}
