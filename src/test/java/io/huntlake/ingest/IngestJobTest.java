package io.huntlake.ingest;

import static io.huntlake.testing.RawLogs.auditEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.ExitCode;
import io.huntlake.error.HuntlakeException;
import io.huntlake.source.LogSource;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.RejectsTable;
import io.huntlake.testing.RawLogs;
import io.huntlake.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Ingest against real Delta tables: idempotency, late data, duplicates and corrupt input. */
// Long: starts first (Surefire orders classes by @Order).
@org.junit.jupiter.api.Order(1)
@ExtendWith(SharedSpark.class)
class IngestJobTest {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 2);
  private static final Set<LogSource> AUDIT = EnumSet.of(LogSource.AUDIT);

  private static Dataset<Row> table(SparkSession spark, HuntlakeConfig config, String name) {
    return spark.read().format("delta").load(config.storage().table(name));
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void rerunningADayGivesIdenticalTablesAndLateEventsStayInTheirOwnDay(
      SparkSession spark, @TempDir Path dir) {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    logs.write(
        "audit",
        D1,
        "prod",
        "audit.log",
        auditEvent("d1-a", Instant.parse("2026-11-01T10:00:00Z")) + "\n");
    // Written just after midnight into D2's folder, but the request arrived on D1.
    logs.write(
        "audit",
        D2,
        "prod",
        "audit.log",
        auditEvent("d1-late", Instant.parse("2026-11-01T23:59:59.900Z"))
            + "\n"
            + auditEvent("d2-a", Instant.parse("2026-11-02T08:00:00Z"))
            + "\n");
    IngestJob job = new IngestJob();
    IngestReport first = job.run(spark, config, D2, AUDIT, false);
    job.run(spark, config, D1, AUDIT, false);
    List<String> before = sorted(table(spark, config, AuditEventsTable.NAME));
    IngestReport again = job.run(spark, config, D2, AUDIT, false);
    job.run(spark, config, D1, AUDIT, false);
    assertThat(sorted(table(spark, config, AuditEventsTable.NAME))).isEqualTo(before);
    assertThat(again.runId()).isEqualTo(first.runId());
    Dataset<Row> audit = table(spark, config, AuditEventsTable.NAME);
    assertThat(audit.where("event_date = DATE'2026-11-01'").count()).isEqualTo(2);
    assertThat(audit.where("event_date = DATE'2026-11-02'").count()).isEqualTo(1);
    assertThat(
            audit
                .where("audit_id = 'd1-late'")
                .select("event_date", "ingest_date")
                .first()
                .toString())
        .isEqualTo("[2026-11-01,2026-11-02]");
    assertThat(first.sources().get(LogSource.AUDIT).rowsOutsideDay()).isEqualTo(1);
    assertThat(table(spark, config, IngestLedgerTable.NAME).count()).isEqualTo(2);
  }

  @Test
  void aFileAddedLateIsPickedUpByARerun(SparkSession spark, @TempDir Path dir) {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    logs.write(
        "audit",
        D2,
        "prod",
        "audit-1.log",
        auditEvent("a", Instant.parse("2026-11-02T01:00:00Z")) + "\n");
    new IngestJob().run(spark, config, D2, AUDIT, false);
    logs.write(
        "audit",
        D2,
        "prod",
        "audit-2.log",
        auditEvent("b", Instant.parse("2026-11-02T02:00:00Z"))
            + "\n"
            + auditEvent("c", Instant.parse("2026-11-02T03:00:00Z"))
            + "\n");
    IngestReport rerun = new IngestJob().run(spark, config, D2, AUDIT, false);
    assertThat(sorted(table(spark, config, AuditEventsTable.NAME).select("audit_id")))
        .containsExactly("[a]", "[b]", "[c]");
    assertThat(rerun.sources().get(LogSource.AUDIT).files()).isEqualTo(2);
  }

  @Test
  void duplicateEventsAndFilesAreCountedNotStored(SparkSession spark, @TempDir Path dir) {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    String a = auditEvent("a", Instant.parse("2026-11-02T01:00:00Z"));
    String b = auditEvent("b", Instant.parse("2026-11-02T01:00:01Z"));
    String c = auditEvent("c", Instant.parse("2026-11-02T01:00:02Z"));
    String bStarted =
        auditEvent(
            "b", "ResponseStarted", Instant.parse("2026-11-02T01:00:01Z"), "watch", "pods", null);
    logs.write(
        "audit",
        D1,
        "prod",
        "audit.log",
        auditEvent("x", Instant.parse("2026-11-02T00:00:01Z")) + "\n");
    logs.write("audit", D2, "prod", "audit-1.log", a + "\n" + b + "\n");
    logs.write("audit", D2, "prod", "audit-2.log", b + "\n" + bStarted + "\n" + c + "\n");
    logs.write("audit", D2, "prod", "audit-3.log.gz", RawLogs.gzip(a + "\n" + b + "\n"));
    logs.write("audit", D2, "prod", "copy-of-audit-1.log", a + "\n" + b + "\n");
    logs.write(
        "audit",
        D2,
        "prod",
        "webhook.jsonl",
        "{\"kind\":\"EventList\",\"items\":["
            + c
            + ","
            + auditEvent("x", Instant.parse("2026-11-02T00:00:01Z"))
            + "]}\n");
    new IngestJob().run(spark, config, D1, AUDIT, false);
    IngestReport report = new IngestJob().run(spark, config, D2, AUDIT, false);
    Dataset<Row> audit = table(spark, config, AuditEventsTable.NAME);
    assertThat(sorted(audit.where("ingest_date = DATE'2026-11-02'").select("audit_id", "stage")))
        .containsExactly(
            "[a,ResponseComplete]",
            "[b,ResponseComplete]",
            "[b,ResponseStarted]",
            "[c,ResponseComplete]");
    assertThat(audit.where("audit_id = 'x'").count())
        .as("stored once, by the day that saw it first")
        .isEqualTo(1);
    Dataset<Row> ledger =
        table(spark, config, IngestLedgerTable.NAME).where("ingest_date = DATE'2026-11-02'");
    assertThat(
            sorted(
                ledger.selectExpr("substring_index(source_file, '/', -1)", "rows", "duplicates")))
        .containsExactly(
            "[audit-1.log,2,0]",
            "[audit-2.log,2,1]",
            "[audit-3.log.gz,0,2]",
            "[copy-of-audit-1.log,0,2]",
            "[webhook.jsonl,0,2]");
    assertThat(report.sources().get(LogSource.AUDIT).duplicates()).isEqualTo(7);
  }

  @Test
  void aDayDeliveredTwiceInOtherFilesIsStoredOnceWithEveryCopyCounted(
      SparkSession spark, @TempDir Path dir) {
    // A shipper that re-delivered the whole day, recompressed and re-batched: no file is a byte
    // copy of another, so every event is a record-level repeat (as many drops as events).
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    int events = 3_000;
    StringBuilder first = new StringBuilder();
    StringBuilder secondA = new StringBuilder();
    StringBuilder secondB = new StringBuilder();
    for (int i = 0; i < events; i++) {
      String event = auditEvent("e" + i, Instant.parse("2026-11-02T03:00:00Z").plusSeconds(i));
      first.append(event).append('\n');
      (i % 3 == 0 ? secondA : secondB).append(event).append('\n');
    }
    logs.write("audit", D2, "prod", "audit.log", first.toString());
    logs.write("audit", D2, "prod", "redelivered-a.log.gz", RawLogs.gzip(secondA.toString()));
    logs.write("audit", D2, "prod", "redelivered-b.log", secondB.toString());

    IngestReport report = new IngestJob().run(spark, config, D2, AUDIT, false);

    Dataset<Row> audit = table(spark, config, AuditEventsTable.NAME);
    assertThat(audit.count()).isEqualTo(events);
    assertThat(audit.select("audit_id").distinct().count()).isEqualTo(events);
    assertThat(audit.where("source_file LIKE '%/audit.log'").count())
        .as("the first copy by file name is the one kept")
        .isEqualTo(events);
    assertThat(
            sorted(
                table(spark, config, IngestLedgerTable.NAME)
                    .selectExpr("substring_index(source_file, '/', -1)", "rows", "duplicates")))
        .containsExactly(
            "[audit.log," + events + ",0]",
            "[redelivered-a.log.gz,0," + events / 3 + "]",
            "[redelivered-b.log,0," + (events - events / 3) + "]");
    assertThat(report.sources().get(LogSource.AUDIT).duplicates()).isEqualTo(events);
  }

  @Test
  void corruptInputIsRejectedWithReasonsAndEveryLineIsAccounted(
      SparkSession spark, @TempDir Path dir) {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config("ingest.max_line_bytes=1048576");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      many.append(auditEvent("t" + i, Instant.parse("2026-11-02T05:00:00Z").plusSeconds(i)))
          .append('\n');
    }
    byte[] gz = RawLogs.gzip(many.toString());
    logs.write("audit", D2, "prod", "truncated.log.gz", Arrays.copyOf(gz, gz.length / 2));
    String ok =
        auditEvent(
            "ok",
            "ResponseComplete",
            Instant.parse("2026-11-02T06:00:00Z"),
            "get",
            "pods",
            "\"unknownField\":{\"kept\":true}");
    byte[] latin1 =
        "{\"kind\":\"Event\",\"auditID\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    String huge = "{\"kind\":\"Event\",\"pad\":\"" + "x".repeat(20 * 1024 * 1024) + "\"}";
    logs.write(
        "audit",
        D2,
        "prod",
        "mixed.log",
        String.join(
                "\n",
                ok,
                "{\"kind\": 0}",
                "{\"auditID\": [1]",
                "{\"kind\":\"Event\",\"auditID\":7}")
            + "\n");
    logs.write("audit", D2, "prod", "latin1.log", latin1);
    logs.write(
        "audit", D2, "prod", "huge.log", huge + "\n" + ok.replace("\"ok\"", "\"ok2\"") + "\n");
    logs.write("audit", D2, "prod", "empty.log", "");
    IngestReport report = new IngestJob().run(spark, config, D2, AUDIT, false);

    Dataset<Row> rejects = table(spark, config, RejectsTable.NAME);
    List<String> reasons =
        rejects
            .selectExpr(
                "concat(substring_index(source_file, '/', -1), ':', line_number, ' ', reason)")
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .sorted()
            .toList();
    assertThat(reasons)
        .anyMatch(
            r ->
                r.matches(
                    "huge\\.log:1 line of \\d{8} bytes is longer than ingest\\.max_line_bytes \\(1048576\\)"));
    assertThat(reasons).anyMatch(r -> r.startsWith("latin1.log:1 not valid UTF-8"));
    assertThat(reasons).anyMatch(r -> r.equals("mixed.log:2 kind is 0, not \"Event\""));
    assertThat(reasons).anyMatch(r -> r.startsWith("mixed.log:3 invalid JSON"));
    assertThat(reasons)
        .anyMatch(r -> r.equals("mixed.log:4 auditID is number 7, expected a string"));
    assertThat(reasons)
        .anyMatch(
            r ->
                r.startsWith("truncated.log.gz:")
                    && r.contains("file breaks off inside this line"));
    assertThat(rejects.where("raw_bytes > 20000000").select("raw").first().getString(0))
        .hasSizeLessThanOrEqualTo(4096);

    Dataset<Row> audit = table(spark, config, AuditEventsTable.NAME);
    assertThat(audit.where("audit_id = 'ok'").select("extra").first().getString(0))
        .isEqualTo("{\"unknownField\":{\"kept\":true}}");
    Row truncated =
        table(spark, config, IngestLedgerTable.NAME)
            .where("source_file LIKE '%truncated.log.gz'")
            .first();
    long kept = truncated.getAs("rows");
    assertThat(kept).isGreaterThan(100).isLessThan(3000);
    assertThat(truncated.<String>getAs("error"))
        .contains("stream breaks off after line")
        .contains("kept");
    assertThat(report.fileErrors()).hasSize(1);
    assertThat(
            table(spark, config, IngestLedgerTable.NAME)
                .where("source_file LIKE '%empty.log'")
                .first()
                .<Long>getAs("lines"))
        .isZero();
    long lines =
        table(spark, config, IngestLedgerTable.NAME).selectExpr("sum(lines)").first().getLong(0);
    assertThat(audit.count() + rejects.count()).isEqualTo(lines);
  }

  @Test
  void aMissingDayFolderFailsClearlyUnlessAllowed(SparkSession spark, @TempDir Path dir) {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    HuntlakeException error =
        catchThrowableOfType(
            HuntlakeException.class, () -> new IngestJob().run(spark, config, D2, AUDIT, false));
    assertThat(error.exitCode()).isEqualTo(ExitCode.INPUT_NOT_READY);
    assertThat(error.getMessage())
        .contains("No audit logs for 2026-11-02")
        .contains("--allow-missing");
    IngestReport empty = new IngestJob().run(spark, config, D2, AUDIT, true);
    assertThat(empty.totalRows()).isZero();
    assertThat(table(spark, config, AuditEventsTable.NAME).count()).isZero();
  }
}
