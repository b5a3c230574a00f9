package io.huntlake.source;

import static io.huntlake.table.NetworkFlowsTable.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FlowParserTest {
  private static Object value(CollectingSink sink, int row, String column) {
    return sink.value(row, SCHEMA, column);
  }

  @Test
  void hubbleFlowsMapEndpointsPortsAndDns() {
    String tcp =
        "{\"flow\":{\"time\":\"2026-11-02T10:00:00.123456789Z\",\"verdict\":\"DROPPED\",\"drop_reason_desc\":\"POLICY_DENIED\","
            + "\"IP\":{\"source\":\"10.100.0.5\",\"destination\":\"10.100.1.9\"},\"l4\":{\"TCP\":{\"source_port\":40000,\"destination_port\":5432,\"flags\":{\"SYN\":true}}},"
            + "\"source\":{\"namespace\":\"catalog\",\"pod_name\":\"catalog-api-6d4cf56db6-bq2xz\",\"labels\":[\"k8s:app=catalog\"]},"
            + "\"destination\":{\"namespace\":\"payments\",\"pod_name\":\"payments-db-0\",\"workloads\":[{\"name\":\"payments-db\",\"kind\":\"StatefulSet\"}]},"
            + "\"traffic_direction\":\"EGRESS\",\"is_reply\":false,\"trace_observation_point\":\"TO_STACK\",\"new_field\":1},\"node_name\":\"n1\",\"time\":\"2026-11-02T10:00:00.123456789Z\"}";
    String dns =
        "{\"time\":\"2026-11-02T10:00:01Z\",\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.100.0.5\",\"destination\":\"10.100.0.2\"},"
            + "\"l4\":{\"UDP\":{\"source_port\":53000,\"destination_port\":53}},\"Type\":\"L7\",\"l7\":{\"type\":\"REQUEST\",\"dns\":{\"query\":\"pool.example.\",\"qtypes\":[\"A\"]}}}";
    CollectingSink sink = CollectingSink.parse(LogSource.FLOW, "n1.jsonl", tcp + "\n" + dns);
    assertThat(sink.rejects).isEmpty();
    assertThat(value(sink, 0, EVENT_TS)).isEqualTo(Instant.parse("2026-11-02T10:00:00.123456789Z"));
    assertThat(value(sink, 0, PROTOCOL)).isEqualTo("TCP");
    assertThat(value(sink, 0, DST_PORT)).isEqualTo(5432);
    assertThat(value(sink, 0, TCP_FLAGS)).isEqualTo("SYN");
    assertThat(value(sink, 0, VERDICT)).isEqualTo("DROPPED");
    assertThat(value(sink, 0, DROP_REASON)).isEqualTo("POLICY_DENIED");
    assertThat(value(sink, 0, SRC_WORKLOAD)).isEqualTo("catalog-api");
    assertThat(value(sink, 0, DST_WORKLOAD)).isEqualTo("payments-db");
    assertThat(value(sink, 0, NODE)).isEqualTo("n1");
    assertThat((String) value(sink, 0, EXTRA))
        .contains("\"new_field\":1")
        .contains("k8s:app=catalog");
    assertThat(value(sink, 1, DNS_QUERY)).isEqualTo("pool.example.");
    assertThat(value(sink, 1, L7_TYPE)).isEqualTo("REQUEST");
  }

  @Test
  void vpcFieldsComeFromTheHeaderLine() {
    String lines =
        String.join(
            "\n",
            "version vpc-id srcaddr dstaddr srcport dstport protocol bytes packets start end action tcp-flags flow-direction log-status",
            "5 vpc-1 10.0.0.71 52.95.128.179 34210 443 6 15044 14 1616729292 1616729349 ACCEPT 19 egress OK",
            "5 vpc-1 - - - - - - - 1616729292 1616729349 - - - NODATA",
            "5 vpc-1 10.0.0.71");
    CollectingSink sink = CollectingSink.parse(LogSource.FLOW, "custom.log", lines);
    assertThat(sink.headers).isEqualTo(1);
    assertThat(sink.formats).containsExactly("vpc-flow-custom");
    assertThat(value(sink, 0, BYTES)).isEqualTo(15044L);
    assertThat(value(sink, 0, PACKETS)).isEqualTo(14L);
    assertThat(value(sink, 0, PROTOCOL)).isEqualTo("TCP");
    assertThat(value(sink, 0, VERDICT)).isEqualTo("FORWARDED");
    assertThat(value(sink, 0, TCP_FLAGS)).isEqualTo("FIN,SYN,ACK");
    assertThat(value(sink, 0, DIRECTION)).isEqualTo("EGRESS");
    assertThat(value(sink, 0, EVENT_TS)).isEqualTo(Instant.ofEpochSecond(1616729292));
    assertThat(value(sink, 0, END_TS)).isEqualTo(Instant.ofEpochSecond(1616729349));
    assertThat(value(sink, 0, EXTRA))
        .isEqualTo("{\"version\":\"5\",\"vpc-id\":\"vpc-1\",\"log-status\":\"OK\"}");
    assertThat(sink.rejects)
        .extracting(CollectingSink.Reject::reason)
        .containsExactly(
            "VPC record with log-status NODATA carries no addresses",
            "VPC Flow Log record has 3 fields, the header names 15");
    assertThat(sink.reconciles()).isTrue();
  }

  @Test
  void vpcV2WithoutHeaderIsTheDefaultFormatAndOthersNeedOne() {
    CollectingSink sink =
        CollectingSink.parse(
            LogSource.FLOW,
            "v2.log",
            String.join(
                "\n",
                "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK",
                "3 000000000000 - 2a02:cf40:: 1.128.0.0 42910 80 17 51 33615 1755678754 1755678775 REJECT NODATA"));
    assertThat(sink.formats).containsExactly("vpc-flow-v2");
    assertThat(value(sink, 0, VERDICT)).isEqualTo("DROPPED");
    assertThat(sink.rejects)
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("VPC Flow Log record before any header"));
  }
}
