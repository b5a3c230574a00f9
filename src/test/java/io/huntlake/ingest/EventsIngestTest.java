package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.source.LogSource;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.K8sEventsTable;
import io.huntlake.testing.Projects;
import io.huntlake.testing.RawLogs;
import io.huntlake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes Events through ingest into k8s_events: the updates of one event, in one file or across
 * an exporter's file and a later snapshot, are one row with the highest count, and the ledger
 * counts the others as duplicates.
 */
@ExtendWith(SharedSpark.class)
class EventsIngestTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  private static final String BACKOFF = "0b1f6a2e-3c4d-4e5f-8a9b-0c1d2e3f4a01";

  @Test
  void anEventUpdatedManyTimesIsOneRowWithItsLastCount(SparkSession spark, @TempDir Path dir)
      throws IOException {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config("sources.events.enabled=true");
    byte[] exporter =
        Files.readAllBytes(
            Projects.root().resolve("src/test/resources/events/core-v1-exporter.jsonl"));
    logs.write(
        "events",
        DAY,
        "prod",
        "exporter/events.jsonl.gz",
        RawLogs.gzip(new String(exporter, java.nio.charset.StandardCharsets.UTF_8)));
    // A later snapshot of the same BackOff event, seen nine times by then, and one new event.
    logs.write(
        "events",
        DAY,
        "prod",
        "kubectl-get-events.json",
        String.join(
            "\n",
            "{",
            "    \"apiVersion\": \"v1\",",
            "    \"items\": [",
            "        " + snapshotItem(BACKOFF, 9, "09:40:00") + ",",
            "        " + snapshotItem("99999999-0000-4000-8000-000000000001", 1, "10:00:00"),
            "    ],",
            "    \"kind\": \"List\"",
            "}",
            ""));
    IngestReport first =
        new IngestJob().run(spark, config, DAY, EnumSet.of(LogSource.EVENTS), false);
    Dataset<Row> events =
        spark.read().format("delta").load(config.storage().table(K8sEventsTable.NAME));
    List<Row> backoff = events.where("event_uid = '" + BACKOFF + "'").collectAsList();
    assertThat(backoff).hasSize(1);
    assertThat(backoff.get(0).<Integer>getAs(K8sEventsTable.COUNT)).isEqualTo(9);
    assertThat(backoff.get(0).<String>getAs(K8sEventsTable.SOURCE_FORMAT))
        .isEqualTo("k8s-event-list");
    // 8 lines in the exporter's file (the BackOff event twice) and 2 in the snapshot (the BackOff
    // again and a new one): 8 distinct events, the two older BackOff copies are duplicates.
    assertThat(events.count()).isEqualTo(8);
    List<Row> ledger =
        spark
            .read()
            .format("delta")
            .load(config.storage().table(IngestLedgerTable.NAME))
            .collectAsList();
    assertThat(ledger.stream().mapToLong(r -> r.<Long>getAs(IngestLedgerTable.DUPLICATES)).sum())
        .isEqualTo(2);
    assertThat(first.summary()).contains(" events files=2 ").contains("duplicates=2");

    // A rerun stores the same rows.
    List<String> before = events.collectAsList().stream().map(Row::toString).sorted().toList();
    new IngestJob().run(spark, config, DAY, EnumSet.of(LogSource.EVENTS), false);
    Dataset<Row> again =
        spark.read().format("delta").load(config.storage().table(K8sEventsTable.NAME));
    assertThat(again.collectAsList().stream().map(Row::toString).sorted().toList())
        .isEqualTo(before);
  }

  private static String snapshotItem(String uid, int count, String last) {
    return "{\"kind\": \"Event\", \"apiVersion\": \"v1\", \"metadata\": {\"name\": \"e-"
        + count
        + "\", \"namespace\": \"payments\", \"uid\": \""
        + uid
        + "\"}, \"involvedObject\": {\"kind\": \"Pod\", \"namespace\": \"payments\", \"name\":"
        + " \"payments-7d9f8b6c5-x2x9q\"}, \"reason\": \"BackOff\", \"message\": \"Back-off"
        + " restarting failed container payments\", \"firstTimestamp\": \"2026-11-02T09:14:03Z\","
        + " \"lastTimestamp\": \"2026-11-02T"
        + last
        + "Z\", \"count\": "
        + count
        + ", \"type\": \"Warning\"}";
  }
}
