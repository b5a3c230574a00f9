package io.huntlake.source;

import static io.huntlake.table.ContainerLogsTable.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerParserTest {
  private static final String FILE =
      "payments-api-7d9f8b6c5d-x2x9q_payments_api-" + "ab".repeat(32) + ".log";

  private static Object value(CollectingSink sink, int row, String column) {
    return sink.value(row, SCHEMA, column);
  }

  @Test
  void criPartialsJoinPerStreamAndNameThePodFromTheFile() {
    String lines =
        String.join(
            "\n",
            "2026-11-02T10:00:00.000000001Z stdout P {\"level\":\"error\",\"msg\":\"part one ",
            "2026-11-02T10:00:00.000000002Z stderr P stderr starts ",
            "2026-11-02T10:00:00.000000003Z stdout P part two ",
            "2026-11-02T10:00:00.000000004Z stdout F end\"}",
            "2026-11-02T10:00:00.000000005Z stderr F and ends",
            "2026-11-02T10:00:01+00:00 stdout F W1102 10:00:01.000000       1 sync.go:42] slow",
            "2026-11-02T10:00:02Z stdout legacy line without a tag");
    CollectingSink sink = CollectingSink.parse(LogSource.CONTAINER, FILE, lines);
    assertThat(sink.rejects).isEmpty();
    assertThat(sink.rows).hasSize(4);
    assertThat(value(sink, 0, MESSAGE))
        .isEqualTo("{\"level\":\"error\",\"msg\":\"part one part two end\"}");
    assertThat(value(sink, 0, PARTS)).isEqualTo(3);
    assertThat(value(sink, 0, LEVEL)).isEqualTo("error");
    assertThat(value(sink, 0, EVENT_TS)).isEqualTo(Instant.parse("2026-11-02T10:00:00.000000001Z"));
    assertThat(value(sink, 0, SOURCE_LINE)).isEqualTo(1L);
    assertThat(value(sink, 1, MESSAGE)).isEqualTo("stderr starts and ends");
    assertThat(value(sink, 1, STREAM)).isEqualTo("stderr");
    assertThat(value(sink, 2, LEVEL)).isEqualTo("warn");
    assertThat(value(sink, 0, POD)).isEqualTo("payments-api-7d9f8b6c5d-x2x9q");
    assertThat(value(sink, 0, NAMESPACE)).isEqualTo("payments");
    assertThat(value(sink, 0, CONTAINER)).isEqualTo("api");
    assertThat(value(sink, 0, WORKLOAD)).isEqualTo("payments-api");
    assertThat(value(sink, 0, CONTAINER_ID)).isEqualTo("ab".repeat(32));
    assertThat(sink.joined).isEqualTo(3);
    assertThat(sink.reconciles()).isTrue();
  }

  @Test
  void anUntaggedLineStartingWithPOrFIsNotMistakenForATag() {
    CollectingSink sink =
        CollectingSink.parse(
            LogSource.CONTAINER,
            FILE,
            "2026-11-02T10:00:02Z stdout Ping timeout\n2026-11-02T10:00:03Z stdout F");
    assertThat(sink.rows).hasSize(2);
    assertThat(value(sink, 0, MESSAGE)).isEqualTo("Ping timeout");
    assertThat(value(sink, 1, MESSAGE)).isEqualTo("");
  }

  @Test
  void joinedLinesAreCappedAndFlagged() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      lines.append("2026-11-02T10:00:00Z stdout P ").append("x".repeat(20_000)).append('\n');
    }
    lines.append("2026-11-02T10:00:00Z stdout F end");
    CollectingSink sink = CollectingSink.parse(LogSource.CONTAINER, FILE, lines.toString());
    assertThat(value(sink, 0, TRUNCATED)).isEqualTo(true);
    assertThat(((String) value(sink, 0, MESSAGE)).length())
        .isEqualTo(CollectingSink.LIMITS.maxRecordBytes());
    assertThat(value(sink, 0, BYTES)).isEqualTo(100_003L);
  }

  @Test
  void dockerJsonFileJoinsRecordsWithoutNewlineAndRejectsBrokenOnes() {
    String lines =
        String.join(
            "\n",
            "{\"log\":\"1:M 09 Nov # User requested \",\"stream\":\"stdout\",\"time\":\"2026-11-02T10:00:00.1Z\"}",
            "{\"log\":\"shutdown...\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-02T10:00:00.2Z\"}",
            "{\"log\":\"hello\\n\",\"stream\":\"stdout\",\"attrs\":{\"KEY1\":\"value1\"},\"time\":\"2026-11-02T10:00:01Z\"}",
            "{\"log\":\"no time\\n\",\"stream\":\"stdout\"}",
            "{\"log\":\"shutdown...\\n\",\"stream",
            "{\"message\":\"no log\"}");
    CollectingSink sink = CollectingSink.parse(LogSource.CONTAINER, FILE, lines);
    assertThat(sink.rows).hasSize(2);
    assertThat(value(sink, 0, MESSAGE)).isEqualTo("1:M 09 Nov # User requested shutdown...");
    assertThat(value(sink, 1, EXTRA)).isEqualTo("{\"attrs\":{\"KEY1\":\"value1\"}}");
    assertThat(sink.rejects)
        .extracting(CollectingSink.Reject::reason)
        .containsExactly(
            "Docker record without a valid time",
            sink.rejects.get(1).reason(),
            "JSON record is neither Docker json-file nor Fluent Bit (no log field)");
    assertThat(sink.reconciles()).isTrue();
  }

  @Test
  void fluentBitRecordsCarryTheirOwnPodAndNode() {
    String line =
        "{\"date\":1793613600.5,\"log\":\"level=info msg=ok\\n\",\"stream\":\"stdout\",\"kubernetes\":{\"pod_name\":\"web-0\","
            + "\"namespace_name\":\"shop\",\"container_name\":\"web\",\"docker_id\":\"abc\",\"container_image\":\"nginx:1.27\",\"host\":\"node-1\",\"labels\":{\"app\":\"web\"}}}";
    CollectingSink sink = CollectingSink.parse(LogSource.CONTAINER, "node-1.jsonl", line);
    assertThat(sink.formats).containsExactly("fluent-bit");
    assertThat(value(sink, 0, POD)).isEqualTo("web-0");
    assertThat(value(sink, 0, WORKLOAD)).isEqualTo("web");
    assertThat(value(sink, 0, NODE)).isEqualTo("node-1");
    assertThat(value(sink, 0, IMAGE)).isEqualTo("nginx:1.27");
    assertThat(value(sink, 0, LEVEL)).isEqualTo("info");
    assertThat(value(sink, 0, EVENT_TS)).isEqualTo(Instant.parse("2026-11-02T10:00:00.500Z"));
    assertThat(value(sink, 0, EXTRA)).isEqualTo("{\"kubernetes\":{\"labels\":{\"app\":\"web\"}}}");
  }

  @Test
  void aFileEndingInsideASplitLineStillYieldsIt() {
    CollectingSink sink =
        CollectingSink.parse(
            LogSource.CONTAINER, FILE, "2026-11-02T10:00:00Z stdout P rotated mid-");
    assertThat(sink.rows).hasSize(1);
    assertThat(value(sink, 0, EXTRA)).isEqualTo("{\"incomplete\":true}");
    assertThat(sink.reconciles()).isTrue();
  }
}
