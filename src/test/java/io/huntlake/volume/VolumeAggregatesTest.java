package io.huntlake.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.huntlake.source.LogSource;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.LogVolumeDailyTable;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.testing.SharedSpark;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How a day's bytes are shared among talkers: by file, by the rows a file holds on each day, and by
 * each row's stored text within a file. Files and numbers are small enough to check by hand.
 */
@ExtendWith(SharedSpark.class)
class VolumeAggregatesTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
  private static final String FILE_A = "/raw/container/prod/2026-03-10/a.log";
  private static final String FILE_B = "/raw/container/prod/2026-03-10/b.log";
  private static final String FILE_EMPTY = "/raw/container/prod/2026-03-10/dup.log";
  private static final String AUDIT_FILE = "/raw/audit/prod/2026-03-10/audit.log";

  /**
   * File A: 1000 bytes (4000 decompressed) holding 4 rows, one of them late on the day before; on
   * the day, "api" logs one long line and "sidecar" one short one. File B: 500 bytes (2000), two
   * lines of "worker". A redelivered file stored nothing.
   */
  private static List<Row> containerRows() {
    List<Row> rows = new ArrayList<>();
    rows.add(container(DAY.minusDays(1), "23:59:58", "api", "app", "late line", FILE_A));
    rows.add(container(DAY, "00:00:01", "api", "app", "x".repeat(20_000), FILE_A));
    rows.add(container(DAY, "00:00:02", "api", "app", "y".repeat(20_000), FILE_A));
    rows.add(container(DAY, "00:00:03", "sidecar", "app", "ok", FILE_A));
    rows.add(container(DAY, "09:00:00", "worker", "worker", "job done", FILE_B));
    rows.add(container(DAY, "09:00:01", "worker", "worker", "job done", FILE_B));
    return rows;
  }

  private static List<Row> ledgerRows() {
    return List.of(
        ledger("container", FILE_A, 1000, 4000, 4),
        ledger("container", FILE_B, 500, 2000, 2),
        ledger("container", FILE_EMPTY, 300, 900, 0),
        ledger("audit", AUDIT_FILE, 200, 800, 3));
  }

  @Test
  void bytesFollowFilesRowsAndTextAndReconcileWithTheLedger(SparkSession spark) {
    Map<String, Row> byTalker = talkers(day(spark, DAY, 100));
    Row api = byTalker.get("container|app/api");
    Row sidecar = byTalker.get("container|app/sidecar");
    Row worker = byTalker.get("container|worker/worker");
    assertThat(api.<Long>getAs(LogVolumeDailyTable.EVENTS)).isEqualTo(2);
    // File A's day share is 3 of its 4 rows: 750 bytes; "api" holds nearly all the text.
    long fileADay = api.<Long>getAs("raw_bytes") + sidecar.<Long>getAs("raw_bytes");
    assertThat(fileADay).isCloseTo(750L, within(1L));
    assertThat(api.<Long>getAs("raw_bytes")).isGreaterThan(740);
    assertThat(
            api.<Long>getAs("raw_uncompressed_bytes")
                + sidecar.<Long>getAs("raw_uncompressed_bytes"))
        .isCloseTo(3000L, within(1L));
    // File B belongs to "worker" alone.
    assertThat(worker.<Long>getAs("raw_bytes")).isEqualTo(500);
    assertThat(worker.<Long>getAs("raw_uncompressed_bytes")).isEqualTo(2000);
    // The redelivered file keeps its own row, with no events.
    Row empty = byTalker.get("container|" + LogVolumeDailyTable.ORIGIN_FILES_WITHOUT_ROWS);
    assertThat(empty.<Long>getAs("raw_bytes")).isEqualTo(300);
    assertThat(empty.<Long>getAs("raw_uncompressed_bytes")).isEqualTo(900);
    assertThat(empty.<Long>getAs(LogVolumeDailyTable.EVENTS)).isZero();
    // The partition's Delta bytes are shared by text too, and add up.
    long delta =
        api.<Long>getAs("delta_bytes")
            + sidecar.<Long>getAs("delta_bytes")
            + worker.<Long>getAs("delta_bytes");
    assertThat(delta).isCloseTo(10_000L, within(2L));
    assertThat(api.<Long>getAs("delta_bytes")).isGreaterThan(9_000);

    // The day before gets the late row's quarter of file A: together, file A counts once.
    Map<String, Row> before = talkers(day(spark, DAY.minusDays(1), 100));
    assertThat(before.get("container|app/api").<Long>getAs("raw_bytes")).isEqualTo(250);
    assertThat(before)
        .doesNotContainKey("container|" + LogVolumeDailyTable.ORIGIN_FILES_WITHOUT_ROWS);
  }

  @Test
  void eachSourceFillsItsOwnTalkerColumns(SparkSession spark) {
    Map<String, Row> byTalker = talkers(day(spark, DAY, 100));
    Row audit = byTalker.get("audit|system:serviceaccount:payments:worker");
    assertThat(audit.<String>getAs(LogVolumeDailyTable.VERB)).isEqualTo("get");
    assertThat(audit.<String>getAs(LogVolumeDailyTable.RESOURCE)).isEqualTo("configmaps");
    assertThat(audit.<String>getAs(LogVolumeDailyTable.USER_AGENT)).isEqualTo("worker/1.0");
    assertThat(audit.<String>getAs(LogVolumeDailyTable.NAMESPACE)).isEqualTo("payments");
    assertThat(audit.<String>getAs(LogVolumeDailyTable.WORKLOAD)).isNull();
    assertThat(audit.<Long>getAs(LogVolumeDailyTable.EVENTS)).isEqualTo(3);
    assertThat(audit.<Long>getAs("raw_bytes")).isEqualTo(200);
    Row flow = byTalker.get("flow|shop/frontend");
    assertThat(flow.<String>getAs(LogVolumeDailyTable.USER_NAME)).isNull();
    assertThat(flow.<Long>getAs(LogVolumeDailyTable.EVENTS)).isEqualTo(1);
    // No ledger row for the flow file (say, the ledger's day was expired): no raw bytes, no error.
    assertThat(flow.<Long>getAs("raw_bytes")).isZero();
    Row worker = byTalker.get("container|worker/worker");
    assertThat(worker.<String>getAs(LogVolumeDailyTable.CONTAINER)).isEqualTo("worker");
    assertThat(worker.<String>getAs(LogVolumeDailyTable.ORIGIN))
        .isEqualTo(LogVolumeDailyTable.ORIGIN_EVENTS);
  }

  @Test
  void talkersBeyondTheLimitAreSummedInOneRow(SparkSession spark) {
    List<Row> rows = day(spark, DAY, 1);
    Map<String, Row> byTalker = talkers(rows);
    // Container has three talkers: the biggest stays, the other two become one row.
    assertThat(byTalker).containsKey("container|app/api");
    Row other = byTalker.get("container|" + LogVolumeDailyTable.ORIGIN_OTHER_TALKERS);
    assertThat(other.<Long>getAs(LogVolumeDailyTable.EVENTS)).isEqualTo(3);
    assertThat(other.<String>getAs(LogVolumeDailyTable.WORKLOAD)).isNull();
    long total =
        rows.stream()
            .filter(r -> r.getAs(LogVolumeDailyTable.SOURCE).equals("container"))
            .mapToLong(r -> r.<Long>getAs("raw_bytes"))
            .sum();
    assertThat(total).isCloseTo(750L + 500 + 300, within(2L));
  }

  private static List<Row> day(SparkSession spark, LocalDate date, int maxTalkers) {
    Dataset<Row> containers = spark.createDataFrame(containerRows(), ContainerLogsTable.SCHEMA);
    Dataset<Row> audit =
        spark.createDataFrame(
            List.of(audit("a1"), audit("a2"), audit("a3")), AuditEventsTable.SCHEMA);
    Dataset<Row> flows = spark.createDataFrame(List.of(flow()), NetworkFlowsTable.SCHEMA);
    String day = "event_date = DATE'" + date + "'";
    Dataset<Row> talkers =
        VolumeAggregates.talkers(LogSource.CONTAINER, containers.where(day))
            .unionByName(VolumeAggregates.talkers(LogSource.AUDIT, audit.where(day)))
            .unionByName(VolumeAggregates.talkers(LogSource.FLOW, flows.where(day)));
    Dataset<Row> ledger = spark.createDataFrame(ledgerRows(), IngestLedgerTable.SCHEMA);
    return VolumeAggregates.day(
            date,
            talkers,
            ledger,
            ledger.where("ingest_date = DATE'" + date + "'"),
            Map.of(LogSource.CONTAINER, 10_000L, LogSource.AUDIT, 1_000L),
            maxTalkers)
        .collectAsList();
  }

  /** By source and talker: the identity for audit, namespace/workload else, or the origin. */
  private static Map<String, Row> talkers(List<Row> rows) {
    Map<String, Row> byTalker = new HashMap<>();
    for (Row row : rows) {
      String origin = row.getAs(LogVolumeDailyTable.ORIGIN);
      String talker =
          !origin.equals(LogVolumeDailyTable.ORIGIN_EVENTS)
              ? origin
              : row.getAs(LogVolumeDailyTable.USER_NAME) != null
                  ? row.getAs(LogVolumeDailyTable.USER_NAME)
                  : row.getAs(LogVolumeDailyTable.NAMESPACE)
                      + "/"
                      + row.getAs(LogVolumeDailyTable.WORKLOAD);
      byTalker.put(row.getAs(LogVolumeDailyTable.SOURCE) + "|" + talker, row);
    }
    return byTalker;
  }

  private static Row container(
      LocalDate day, String time, String workload, String namespace, String message, String file) {
    Map<String, Object> v = new HashMap<>();
    v.put(ContainerLogsTable.EVENT_DATE, day);
    v.put(ContainerLogsTable.INGEST_DATE, DAY);
    v.put(ContainerLogsTable.EVENT_TS, at(day, time));
    v.put(ContainerLogsTable.CLUSTER, "prod");
    v.put(ContainerLogsTable.NAMESPACE, namespace);
    v.put(ContainerLogsTable.POD, workload + "-7d9f8b6c5-x2x9q");
    v.put(ContainerLogsTable.WORKLOAD, workload);
    v.put(ContainerLogsTable.CONTAINER, workload);
    v.put(ContainerLogsTable.STREAM, "stdout");
    v.put(ContainerLogsTable.MESSAGE, message);
    v.put(ContainerLogsTable.BYTES, (long) message.length());
    v.put(ContainerLogsTable.SOURCE_FORMAT, "cri");
    v.put(ContainerLogsTable.SOURCE_FILE, file);
    v.put(ContainerLogsTable.INGEST_RUN_ID, "run");
    return row(ContainerLogsTable.SCHEMA, v);
  }

  private static Row audit(String id) {
    Map<String, Object> v = new HashMap<>();
    v.put(AuditEventsTable.EVENT_DATE, DAY);
    v.put(AuditEventsTable.INGEST_DATE, DAY);
    v.put(AuditEventsTable.EVENT_TS, at(DAY, "10:00:00"));
    v.put(AuditEventsTable.CLUSTER, "prod");
    v.put(AuditEventsTable.AUDIT_ID, id);
    v.put(AuditEventsTable.STAGE, "ResponseComplete");
    v.put(AuditEventsTable.VERB, "get");
    v.put(AuditEventsTable.USER_NAME, "system:serviceaccount:payments:worker");
    v.put(AuditEventsTable.USER_AGENT, "worker/1.0");
    v.put(AuditEventsTable.RESOURCE, "configmaps");
    v.put(AuditEventsTable.NAMESPACE, "payments");
    v.put(AuditEventsTable.SOURCE_FILE, AUDIT_FILE);
    v.put(AuditEventsTable.INGEST_RUN_ID, "run");
    return row(AuditEventsTable.SCHEMA, v);
  }

  private static Row flow() {
    Map<String, Object> v = new HashMap<>();
    v.put(NetworkFlowsTable.EVENT_DATE, DAY);
    v.put(NetworkFlowsTable.INGEST_DATE, DAY);
    v.put(NetworkFlowsTable.EVENT_TS, at(DAY, "11:00:00"));
    v.put(NetworkFlowsTable.CLUSTER, "prod");
    v.put(NetworkFlowsTable.SRC_NAMESPACE, "shop");
    v.put(NetworkFlowsTable.SRC_WORKLOAD, "frontend");
    v.put(NetworkFlowsTable.SOURCE_FILE, "/raw/flow/prod/2026-03-10/flows.json");
    v.put(NetworkFlowsTable.INGEST_RUN_ID, "run");
    return row(NetworkFlowsTable.SCHEMA, v);
  }

  private static Row ledger(String source, String file, long bytes, long uncompressed, long rows) {
    Map<String, Object> v = new HashMap<>();
    v.put(IngestLedgerTable.INGEST_DATE, DAY);
    v.put(IngestLedgerTable.SOURCE, source);
    v.put(IngestLedgerTable.CLUSTER, "prod");
    v.put(IngestLedgerTable.SOURCE_FILE, file);
    v.put(IngestLedgerTable.BYTES, bytes);
    v.put(IngestLedgerTable.UNCOMPRESSED_BYTES, uncompressed);
    v.put(IngestLedgerTable.ROWS, rows);
    v.put(IngestLedgerTable.SHA256, "0".repeat(64));
    v.put(IngestLedgerTable.INGEST_RUN_ID, "run");
    return row(IngestLedgerTable.SCHEMA, v);
  }

  private static Instant at(LocalDate day, String time) {
    return day.atTime(java.time.LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
  }

  /** A row of the schema from named values; unnamed numbers are 0, other unnamed values null. */
  private static Row row(StructType schema, Map<String, Object> values) {
    Object[] fields = new Object[schema.size()];
    int i = 0;
    for (StructField field : schema.fields()) {
      Object value = values.get(field.name());
      if (value == null && !field.nullable()) {
        value =
            switch (field.dataType().typeName()) {
              case "long" -> 0L;
              case "integer" -> 0;
              case "boolean" -> false;
              case "string" -> "";
              default -> null;
            };
      }
      fields[i++] = value;
    }
    return RowFactory.create(fields);
  }
}
