package io.huntlake.source;

import static io.huntlake.table.NetworkFlowsTable.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huntlake.table.NetworkFlowsTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flow records, detected per line: Cilium Hubble flow JSON (bare or in the {@code {"flow": ...}}
 * wrapper of {@code hubble observe -o json}) and AWS VPC Flow Logs, whose field list comes from the
 * file's header line (the 14-field v2 default is assumed for a file without one).
 */
final class FlowParser implements LineParser {
  static final String HUBBLE = "hubble";
  static final String VPC_V2 = "vpc-flow-v2";
  static final String VPC_CUSTOM = "vpc-flow-custom";
  static final List<String> VPC_DEFAULT_FIELDS =
      List.of(
          "version",
          "account-id",
          "interface-id",
          "srcaddr",
          "dstaddr",
          "srcport",
          "dstport",
          "protocol",
          "packets",
          "bytes",
          "start",
          "end",
          "action",
          "log-status");
  private static final Set<String> VPC_MAPPED =
      Set.of(
          "srcaddr",
          "dstaddr",
          "srcport",
          "dstport",
          "protocol",
          "packets",
          "bytes",
          "start",
          "end",
          "action",
          "interface-id",
          "tcp-flags",
          "flow-direction");
  private static final Set<String> HUBBLE_KNOWN =
      Set.of(
          "time",
          "verdict",
          "IP",
          "l4",
          "source",
          "destination",
          "Type",
          "node_name",
          "event_type",
          "traffic_direction",
          "is_reply",
          "reply",
          "Summary",
          "l7",
          "drop_reason",
          "drop_reason_desc",
          "ethernet",
          "trace_observation_point",
          "policy_match_type");
  private static final Map<String, String> PROTOCOLS =
      Map.of("1", "ICMPv4", "6", "TCP", "17", "UDP", "58", "ICMPv6", "132", "SCTP");
  private static final String[] TCP_FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG"};
  private static final int WIDTH = NetworkFlowsTable.SCHEMA.size();

  private final SourceFile file;
  private final ParseLimits limits;
  private List<String> header;

  FlowParser(SourceFile file, ParseLimits limits) {
    this.file = file;
    this.limits = limits;
  }

  @Override
  public void line(Line line, RecordSink sink) {
    String format = null;
    try {
      Lines.checkReadable(line, limits);
      if (line.bytes()[0] == '{') {
        format = HUBBLE;
        Lines.checkFormat(file, format);
        Object[] row = hubble(Lines.parseObject(line.bytes(), 0), line.number(), sink.keysOnly());
        sink.row(row, (Instant) row[SCHEMA.fieldIndex(EVENT_TS)], format);
        return;
      }
      String text = Utf8.decode(line);
      String[] fields = text.trim().split("\\s+");
      if (fields[0].equals("version") || text.contains("srcaddr")) {
        header = List.of(fields);
        format = header.equals(VPC_DEFAULT_FIELDS) ? VPC_V2 : VPC_CUSTOM;
        Lines.checkFormat(file, format);
        if (!header.contains("srcaddr")
            || !header.contains("dstaddr")
            || !header.contains("start")) {
          header = null;
          throw new Rejection("VPC Flow Log header without srcaddr, dstaddr and start");
        }
        sink.header();
        return;
      }
      List<String> names = header;
      if (names == null && fields.length == VPC_DEFAULT_FIELDS.size() && fields[0].equals("2")) {
        names = VPC_DEFAULT_FIELDS;
      }
      if (names == null) {
        throw new Rejection(
            "VPC Flow Log record before any header line naming its fields (and not the 14-field v2 default)");
      }
      format = names.equals(VPC_DEFAULT_FIELDS) ? VPC_V2 : VPC_CUSTOM;
      Lines.checkFormat(file, format);
      if (fields.length != names.size()) {
        throw new Rejection(
            "VPC Flow Log record has "
                + fields.length
                + " fields, the header names "
                + names.size());
      }
      Object[] row = vpc(names, fields, format, line.number());
      sink.row(row, (Instant) row[SCHEMA.fieldIndex(EVENT_TS)], format);
    } catch (Rejection rejection) {
      sink.reject(line.number(), rejection.getMessage(), line.text(), line.length(), format);
    }
  }

  /**
   * @param keysOnly return once the flow is known to be accepted, with its time (the survey's
   *     need): nothing after the time and address checks rejects a flow
   */
  private Object[] hubble(JsonNode root, long lineNumber, boolean keysOnly) throws Rejection {
    JsonNode flow = root.has("flow") && root.get("flow").isObject() ? root.get("flow") : root;
    Instant time = Timestamps.rfc3339(Json.text(flow, "time"));
    if (time == null) {
      time = Timestamps.rfc3339(Json.text(root, "time"));
    }
    if (time == null) {
      throw new Rejection("Hubble flow without a valid time");
    }
    JsonNode ip = flow.path("IP");
    String src = Json.text(ip, "source");
    String dst = Json.text(ip, "destination");
    if (src == null || dst == null) {
      throw new Rejection("Hubble flow without IP.source and IP.destination");
    }
    Object[] row = base(time, lineNumber, HUBBLE);
    set(row, SRC_IP, src);
    set(row, DST_IP, dst);
    if (keysOnly) {
      return row;
    }
    JsonNode l4 = flow.path("l4");
    Iterator<String> protocols = l4.fieldNames();
    if (protocols.hasNext()) {
      String protocol = protocols.next();
      JsonNode ports = l4.get(protocol);
      set(row, PROTOCOL, protocol);
      set(row, SRC_PORT, port(ports.get("source_port")));
      set(row, DST_PORT, port(ports.get("destination_port")));
      JsonNode flags = ports.get("flags");
      if (flags != null && flags.isObject()) {
        List<String> on = new ArrayList<>();
        flags
            .fields()
            .forEachRemaining(
                f -> {
                  if (f.getValue().asBoolean()) {
                    on.add(f.getKey());
                  }
                });
        set(row, TCP_FLAGS, String.join(",", on));
      }
    }
    endpoint(row, flow.path("source"), SRC_NAMESPACE, SRC_POD, SRC_WORKLOAD);
    endpoint(row, flow.path("destination"), DST_NAMESPACE, DST_POD, DST_WORKLOAD);
    set(row, VERDICT, Json.text(flow, "verdict"));
    set(row, DROP_REASON, Json.text(flow, "drop_reason_desc"));
    set(row, DIRECTION, Json.text(flow, "traffic_direction"));
    JsonNode reply = flow.has("is_reply") ? flow.get("is_reply") : flow.get("reply");
    set(row, IS_REPLY, reply == null ? null : reply.asBoolean());
    JsonNode l7 = flow.path("l7");
    set(row, L7_TYPE, Json.text(l7, "type"));
    JsonNode dns = l7.path("dns");
    set(row, DNS_QUERY, Json.text(dns, "query"));
    set(
        row,
        DNS_RCODE,
        dns.has("rcode") && dns.get("rcode").canConvertToInt()
            ? dns.get("rcode").intValue()
            : null);
    JsonNode http = l7.path("http");
    set(row, HTTP_METHOD, Json.text(http, "method"));
    set(row, HTTP_URL, Json.text(http, "url"));
    set(
        row,
        HTTP_CODE,
        http.has("code") && http.get("code").canConvertToInt()
            ? http.get("code").intValue()
            : null);
    String node = Json.text(flow, "node_name");
    set(row, NODE, node != null ? node : Json.text(root, "node_name"));
    ObjectNode extra = Json.MAPPER.createObjectNode();
    ObjectNode unknown = Json.unknownFieldsNode(flow, HUBBLE_KNOWN);
    if (unknown != null) {
      extra.set("flow", unknown);
    }
    labels(extra, flow.path("source"), "source_labels");
    labels(extra, flow.path("destination"), "destination_labels");
    set(row, EXTRA, extra.isEmpty() ? null : extra.toString());
    return row;
  }

  private static void labels(ObjectNode extra, JsonNode endpoint, String key) {
    JsonNode labels = endpoint.get("labels");
    if (labels != null && labels.isArray() && !labels.isEmpty()) {
      extra.set(key, labels);
    }
  }

  private static void endpoint(
      Object[] row,
      JsonNode endpoint,
      String namespaceColumn,
      String podColumn,
      String workloadColumn) {
    String pod = Json.text(endpoint, "pod_name");
    set(row, namespaceColumn, Json.text(endpoint, "namespace"));
    set(row, podColumn, pod);
    JsonNode workloads = endpoint.path("workloads");
    String workload =
        workloads.isArray() && !workloads.isEmpty() ? Json.text(workloads.get(0), "name") : null;
    set(row, workloadColumn, workload != null ? workload : Workloads.fromPod(pod));
  }

  private Object[] vpc(List<String> names, String[] fields, String format, long lineNumber)
      throws Rejection {
    Map<String, String> record = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      record.put(names.get(i), fields[i]);
    }
    String src = dash(record.get("srcaddr"));
    String dst = dash(record.get("dstaddr"));
    if (src == null || dst == null) {
      throw new Rejection(
          "VPC record with log-status "
              + record.getOrDefault("log-status", "?")
              + " carries no addresses");
    }
    Long start = number(record.get("start"), "start");
    if (start == null) {
      throw new Rejection("VPC record without a start time");
    }
    Instant startTime = Timestamps.epochSeconds(start);
    if (startTime == null) {
      throw new Rejection("VPC start " + start + " is not a time");
    }
    Object[] row = base(startTime, lineNumber, format);
    Long end = number(record.get("end"), "end");
    set(row, END_TS, end == null ? null : Timestamps.epochSeconds(end));
    set(row, SRC_IP, src);
    set(row, DST_IP, dst);
    Long srcPort = number(record.get("srcport"), "srcport");
    Long dstPort = number(record.get("dstport"), "dstport");
    set(row, SRC_PORT, srcPort == null ? null : srcPort.intValue());
    set(row, DST_PORT, dstPort == null ? null : dstPort.intValue());
    String protocol = dash(record.get("protocol"));
    set(row, PROTOCOL, protocol == null ? null : PROTOCOLS.getOrDefault(protocol, protocol));
    set(row, PACKETS, number(record.get("packets"), "packets"));
    set(row, BYTES, number(record.get("bytes"), "bytes"));
    String action = dash(record.get("action"));
    set(
        row,
        VERDICT,
        action == null
            ? null
            : action.equals("ACCEPT") ? "FORWARDED" : action.equals("REJECT") ? "DROPPED" : action);
    set(row, INTERFACE_ID, dash(record.get("interface-id")));
    String direction = dash(record.get("flow-direction"));
    set(row, DIRECTION, direction == null ? null : direction.toUpperCase(java.util.Locale.ROOT));
    Long flags = number(record.get("tcp-flags"), "tcp-flags");
    set(row, TCP_FLAGS, flags == null ? null : tcpFlags(flags.intValue()));
    ObjectNode extra = Json.MAPPER.createObjectNode();
    for (String name : names) {
      if (!VPC_MAPPED.contains(name) && dash(record.get(name)) != null) {
        extra.put(name, record.get(name));
      }
    }
    set(row, EXTRA, extra.isEmpty() ? null : extra.toString());
    return row;
  }

  private Object[] base(Instant time, long lineNumber, String format) {
    Object[] row = new Object[WIDTH];
    set(row, EVENT_DATE, Timestamps.utcDay(time));
    set(row, INGEST_DATE, file.ingestDate());
    set(row, EVENT_TS, time);
    set(row, CLUSTER, file.cluster());
    set(row, FLOW_SOURCE, format);
    set(row, SOURCE_FILE, file.path());
    set(row, SOURCE_LINE, lineNumber);
    set(row, INGEST_RUN_ID, "");
    return row;
  }

  private static void set(Object[] row, String column, Object value) {
    row[POSITIONS.get(column)] = value;
  }

  /** Column positions by name (a StructType's own lookup is a slower Scala map probe per call). */
  private static final Map<String, Integer> POSITIONS = new HashMap<>();

  static {
    for (int i = 0; i < SCHEMA.size(); i++) {
      POSITIONS.put(SCHEMA.fields()[i].name(), i);
    }
  }

  private static Integer port(JsonNode value) {
    return value != null && value.canConvertToInt() ? value.intValue() : null;
  }

  private static String dash(String value) {
    return value == null || value.equals("-") ? null : value;
  }

  private static Long number(String value, String field) throws Rejection {
    String text = dash(value);
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new Rejection("VPC field " + field + " is '" + text + "', not a number");
    }
  }

  static String tcpFlags(int bits) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < TCP_FLAG_NAMES.length; i++) {
      if ((bits & (1 << i)) != 0) {
        names.add(TCP_FLAG_NAMES[i]);
      }
    }
    return String.join(",", names);
  }
}
