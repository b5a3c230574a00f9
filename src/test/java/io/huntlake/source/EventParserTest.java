package io.huntlake.source;

import static io.huntlake.table.K8sEventsTable.COUNT;
import static io.huntlake.table.K8sEventsTable.EVENT_TS;
import static io.huntlake.table.K8sEventsTable.EVENT_UID;
import static io.huntlake.table.K8sEventsTable.FIRST_TS;
import static io.huntlake.table.K8sEventsTable.MESSAGE;
import static io.huntlake.table.K8sEventsTable.SCHEMA;
import static io.huntlake.table.K8sEventsTable.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.testing.Projects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kubernetes Event objects in each shape people archive (src/test/resources/events/, written after
 * the documented shapes of core/v1 and events.k8s.io/v1 Events, kubernetes-event-exporter,
 * eventrouter and {@code kubectl get events -o json}): every row and reject is compared with the
 * sample's golden file. Regenerate the golden files after a deliberate change with {@code mvn test
 * -Dtest=EventParserTest -Dhuntlake.golden.update=true} and review the diff.
 */
class EventParserTest {
  private static final Path SAMPLES = Path.of("src", "test", "resources", "events");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "core-v1-exporter.jsonl",
        "events-k8s-io-v1.jsonl",
        "eventrouter.log",
        "kubectl-get-events.json",
        "hostile.jsonl"
      })
  void everyShapeReadsAsItsGoldenFileSays(String sample) throws IOException {
    Path file = Projects.root().resolve(SAMPLES).resolve(sample);
    CollectingSink sink =
        CollectingSink.parse(LogSource.EVENTS, sample, Files.readAllBytes(file), null);
    assertThat(sink.reconciles()).as("every line is a row, a reject or joined").isTrue();
    String rendered = render(sink);
    Path golden = file.resolveSibling(sample + ".golden");
    if (Boolean.getBoolean("huntlake.golden.update")) {
      Files.writeString(golden, rendered, StandardCharsets.UTF_8);
    }
    assertThat(rendered)
        .as("%s (regenerate with -Dhuntlake.golden.update=true after a deliberate change)", golden)
        .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void anUpdatedEventKeepsItsFirstTimeAndRaisesItsCount() {
    CollectingSink sink = parse("core-v1-exporter.jsonl");
    assertThat(sink.rejects).isEmpty();
    assertThat(value(sink, 0, EVENT_UID)).isEqualTo(value(sink, 1, EVENT_UID));
    assertThat(value(sink, 1, COUNT)).isEqualTo(7);
    assertThat(value(sink, 1, FIRST_TS)).isEqualTo(Instant.parse("2026-11-02T09:14:03Z"));
    assertThat(value(sink, 1, EVENT_TS)).isEqualTo(Instant.parse("2026-11-02T09:19:41Z"));
    assertThat(value(sink, 0, WORKLOAD)).isEqualTo("payments");
  }

  @Test
  void eventsApiSeriesAndNotesMapLikeCoreFields() {
    CollectingSink sink = parse("events-k8s-io-v1.jsonl");
    assertThat(sink.formats).containsOnly("events-k8s-io");
    assertThat(value(sink, 1, COUNT)).isEqualTo(12);
    assertThat(value(sink, 1, EVENT_TS)).isEqualTo(Instant.parse("2026-11-02T11:07:55.904411Z"));
    assertThat(value(sink, 1, FIRST_TS)).isEqualTo(Instant.parse("2026-11-02T11:00:40Z"));
    assertThat((String) value(sink, 1, MESSAGE)).startsWith("Liveness probe failed");
  }

  @Test
  void aPrettyPrintedListIsOneDocumentWhoseLinesAreJoined() {
    CollectingSink sink = parse("kubectl-get-events.json");
    assertThat(sink.rows).hasSize(3);
    assertThat(sink.rejects).isEmpty();
    assertThat(sink.joined).isEqualTo(sink.lines - 1);
    assertThat(sink.formats).containsOnly("k8s-event-list");
  }

  @Test
  void eventrouterBehindItsLogPrefixIsRead() {
    CollectingSink sink = parse("eventrouter.log");
    assertThat(sink.rejects).isEmpty();
    assertThat(sink.rows).hasSize(3);
    assertThat((String) value(sink, 1, "extra")).contains("\"verb\":\"UPDATED\"");
  }

  @Test
  void aFormatForcedByTheConfigRejectsTheOthers() {
    byte[] bytes = sample("eventrouter.log");
    CollectingSink sink = CollectingSink.parse(LogSource.EVENTS, "x.log", bytes, "k8s-event");
    assertThat(sink.rows).isEmpty();
    assertThat(sink.rejects).hasSize(3).allMatch(r -> r.reason().contains("sources.events.format"));
  }

  @Test
  void aDocumentCutShortIsOneRejectForAllItsLines() {
    CollectingSink sink = parse("hostile.jsonl");
    CollectingSink.Reject last = sink.rejects.get(sink.rejects.size() - 1);
    assertThat(last.reason()).contains("ended inside a JSON document begun at line 6");
    assertThat(sink.reconciles()).isTrue();
  }

  private static CollectingSink parse(String sample) {
    return CollectingSink.parse(LogSource.EVENTS, sample, sample(sample), null);
  }

  private static byte[] sample(String name) {
    try {
      return Files.readAllBytes(Projects.root().resolve(SAMPLES).resolve(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Object value(CollectingSink sink, int row, String column) {
    return sink.value(row, SCHEMA, column);
  }

  /** Rows as their non-null columns, rejects with their reasons, then the counts. */
  private static String render(CollectingSink sink) {
    List<String> lines = new ArrayList<>();
    for (int r = 0; r < sink.rows.size(); r++) {
      StringBuilder row = new StringBuilder("row " + (r + 1) + " (" + sink.formats.get(r) + ")");
      Object[] values = sink.rows.get(r);
      StructField[] fields = SCHEMA.fields();
      for (int c = 0; c < fields.length; c++) {
        if (values[c] != null) {
          row.append("\n  ").append(fields[c].name()).append(" = ").append(values[c]);
        }
      }
      lines.add(row.toString());
    }
    for (CollectingSink.Reject reject : sink.rejects) {
      lines.add("reject line " + reject.line() + " (" + reject.format() + "): " + reject.reason());
    }
    lines.add(
        "lines="
            + sink.lines
            + " rows="
            + sink.rows.size()
            + " rejects="
            + sink.rejects.size()
            + " joined="
            + sink.joined
            + " batch_records="
            + sink.batchRecords);
    return String.join("\n", lines) + "\n";
  }
}
