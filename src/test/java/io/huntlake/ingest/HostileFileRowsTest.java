package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.huntlake.config.IngestSettings;
import io.huntlake.error.ExitCode;
import io.huntlake.error.HuntlakeException;
import io.huntlake.source.LogSource;
import io.huntlake.source.SourceFile;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.RejectsTable;
import io.huntlake.testing.FaultyFileSystem;
import io.huntlake.testing.RawLogs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file through both ingest passes, without Spark: storage faults fail the run, bad bytes become
 * rejects and ledger notes, and every file's ledger reconciles.
 */
class HostileFileRowsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  private static final IngestSettings LIMITS = new IngestSettings(1 << 20, 1 << 20, 200);
  private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

  /** What the survey pass made of one file. */
  private record Survey(List<Row> keys, List<Row> rejects, Row ledger) {
    long ledgerLong(String column) {
      return ledger.getLong(IngestLedgerTable.SCHEMA.fieldIndex(column));
    }

    String error() {
      return ledger.getString(IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.ERROR));
    }

    long storedRejectLines() {
      return rejects.stream()
          .mapToLong(r -> r.getLong(RejectsTable.SCHEMA.fieldIndex(RejectsTable.LINE_COUNT)))
          .sum();
    }

    List<String> reasons() {
      return rejects.stream()
          .map(r -> r.getString(RejectsTable.SCHEMA.fieldIndex(RejectsTable.REASON)))
          .toList();
    }

    /** The ledger's equation, as Ledgers.reconcile checks it before anything is committed. */
    void reconciles() {
      assertThat(ledgerLong(IngestLedgerTable.LINES) + ledgerLong(IngestLedgerTable.BATCH_RECORDS))
          .as("lines + batch records = rows + rejects + joined + headers")
          .isEqualTo(
              ledgerLong(IngestLedgerTable.ROWS)
                  + ledgerLong(IngestLedgerTable.REJECTS)
                  + ledgerLong(IngestLedgerTable.JOINED_LINES)
                  + ledgerLong(IngestLedgerTable.HEADER_LINES));
      assertThat(storedRejectLines())
          .as("rejects rows stand for every rejected line")
          .isEqualTo(ledgerLong(IngestLedgerTable.REJECTS));
    }
  }

  private static SourceFile file(String path, LogSource source, long size) {
    return new SourceFile(path, source, "c", null, DAY, size, Instant.EPOCH, null);
  }

  private static SourceFile file(Path path, LogSource source) throws Exception {
    return file(new org.apache.hadoop.fs.Path(path.toUri()).toString(), source, Files.size(path));
  }

  private static Survey survey(SourceFile file, IngestSettings limits, Configuration hadoop) {
    List<Row> keys = new ArrayList<>();
    List<Row> rejects = new ArrayList<>();
    Row ledger = null;
    FileRows rows =
        new FileRows(FileRows.Pass.SURVEY, file, limits, hadoop, Set.of(), null, (f, n) -> {});
    while (rows.hasNext()) {
      Row row = rows.next();
      switch (row.getString(0)) {
        case Envelope.KEY -> keys.add(row.getStruct(1));
        case Envelope.REJECT -> rejects.add(row.getStruct(2));
        default -> ledger = row.getStruct(3);
      }
    }
    return new Survey(keys, rejects, ledger);
  }

  private static Survey survey(SourceFile file) {
    return survey(file, LIMITS, new Configuration());
  }

  private static List<Row> events(SourceFile file, Configuration hadoop) {
    List<Row> out = new ArrayList<>();
    new FileRows(FileRows.Pass.EVENTS, file, LIMITS, hadoop, Set.of(), null, (f, n) -> {})
        .forEachRemaining(out::add);
    return out;
  }

  private static String events(int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(RawLogs.auditEvent("e" + i, T.plusSeconds(i))).append('\n');
    }
    return out.toString();
  }

  private static byte[] gzip(byte[] content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(content);
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  // ---- faults: never data ----------------------------------------------------------------------

  @Test
  void aReadThatFailsMidFileFailsTheRunRetryablyInBothPasses(@TempDir Path dir) throws Exception {
    Path log = Files.writeString(dir.resolve("audit-fail-read.log"), events(20));
    Configuration hadoop = new Configuration();
    FaultyFileSystem.register(hadoop);
    SourceFile file = file(FaultyFileSystem.path(log), LogSource.AUDIT, Files.size(log));

    HuntlakeException surveyed =
        catchThrowableOfType(HuntlakeException.class, () -> survey(file, LIMITS, hadoop));
    HuntlakeException written =
        catchThrowableOfType(HuntlakeException.class, () -> events(file, hadoop));
    for (HuntlakeException error : List.of(surveyed, written)) {
      assertThat(error.exitCode()).isEqualTo(ExitCode.FAILED);
      assertThat(error.getMessage())
          .contains("Cannot read raw file " + file.path())
          .contains("committed nothing")
          .contains("SocketException: Connection reset")
          .contains("did not answer")
          .doesNotContain("credentials");
    }
  }

  @Test
  void aFileThatCannotBeOpenedFailsTheRunAndNamesRefusedAccess(@TempDir Path dir) throws Exception {
    Path log = Files.writeString(dir.resolve("audit-fail-open.log"), events(2));
    Configuration hadoop = new Configuration();
    FaultyFileSystem.register(hadoop);
    SourceFile file = file(FaultyFileSystem.path(log), LogSource.AUDIT, Files.size(log));
    HuntlakeException error =
        catchThrowableOfType(HuntlakeException.class, () -> survey(file, LIMITS, hadoop));
    assertThat(error.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(error.getMessage()).contains(file.path()).contains("Access was refused");
  }

  @Test
  void aFileThatVanishedAfterListingIsAFaultNotAnEmptyFile(@TempDir Path dir) throws Exception {
    Path log = Files.writeString(dir.resolve("audit.log"), events(3));
    SourceFile file = file(log, LogSource.AUDIT);
    Files.delete(log);
    HuntlakeException error = catchThrowableOfType(HuntlakeException.class, () -> survey(file));
    assertThat(error.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(error.getMessage()).contains("changed or disappeared");
  }

  // ---- bad bytes: data, accounted for -----------------------------------------------------------

  @Test
  void corruptGzipKeepsTheLinesBeforeTheDamageAndSaysSo(@TempDir Path dir) throws Exception {
    byte[] good = gzip(events(200).getBytes(StandardCharsets.UTF_8));
    byte[] damaged = good.clone();
    for (int i = good.length / 2; i < good.length / 2 + 40; i++) {
      damaged[i] ^= 0x5a;
    }
    Path log = Files.write(dir.resolve("audit.log.gz"), damaged);
    Survey survey = survey(file(log, LogSource.AUDIT));
    assertThat(survey.error()).isNotNull();
    assertThat(survey.keys()).isNotEmpty().hasSizeLessThan(200);
    survey.reconciles();
  }

  @Test
  void bytesAfterTheLastGzipMemberAreNotedNotDropped(@TempDir Path dir) throws Exception {
    byte[] content =
        concat(
            gzip(events(3).getBytes(StandardCharsets.UTF_8)),
            "this is not gzip\n".getBytes(StandardCharsets.UTF_8));
    Path log = Files.write(dir.resolve("audit.log.gz"), content);
    Survey survey = survey(file(log, LogSource.AUDIT));
    assertThat(survey.keys()).hasSize(3);
    assertThat(survey.error()).contains("not gzip data").contains("not read");
    assertThat(survey.ledgerLong(IngestLedgerTable.BYTES)).isEqualTo(content.length);
    survey.reconciles();
  }

  @Test
  void concatenatedGzipMembersAreReadWhole(@TempDir Path dir) throws Exception {
    String all = events(5);
    int cut = all.indexOf('\n', all.length() / 2) + 1;
    byte[] content =
        concat(
            gzip(all.substring(0, cut).getBytes(StandardCharsets.UTF_8)),
            gzip(all.substring(cut).getBytes(StandardCharsets.UTF_8)));
    Survey survey = survey(file(Files.write(dir.resolve("a.gz"), content), LogSource.AUDIT));
    assertThat(survey.keys()).hasSize(5);
    assertThat(survey.error()).isNull();
    survey.reconciles();
  }

  @Test
  void aByteOrderMarkDoesNotCostTheFirstLine(@TempDir Path dir) throws Exception {
    byte[] content =
        concat(
            new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
            events(2).getBytes(StandardCharsets.UTF_8));
    Survey survey = survey(file(Files.write(dir.resolve("bom.log"), content), LogSource.AUDIT));
    assertThat(survey.keys()).hasSize(2);
    assertThat(survey.rejects()).isEmpty();
  }

  @Test
  void aFileNameWithAColonIsReadLikeAnyOther(@TempDir Path dir) throws Exception {
    Path log = Files.writeString(dir.resolve("audit-2026-11-02T10:00:00.log"), events(2));
    Survey survey = survey(file(log, LogSource.AUDIT));
    assertThat(survey.keys()).hasSize(2);
    assertThat(survey.error()).isNull();
  }

  @Test
  void runsOfIdenticalRejectedLinesAreCountedNotStoredOneByOne(@TempDir Path dir) throws Exception {
    byte[] newlines = "\n".repeat(2_000_000).getBytes(StandardCharsets.UTF_8);
    Path bomb = Files.write(dir.resolve("newlines.gz"), gzip(newlines));
    assertThat(Files.size(bomb)).as("a small file").isLessThan(10_000);
    Survey survey = survey(file(bomb, LogSource.CONTAINER));
    assertThat(survey.rejects()).hasSizeLessThanOrEqualTo(2);
    assertThat(survey.ledgerLong(IngestLedgerTable.LINES)).isEqualTo(2_000_000);
    survey.reconciles();
  }

  @Test
  void aFileOfMostlyRejectsStopsBeingParsedAndTheLedgerSaysSo(@TempDir Path dir) throws Exception {
    StringBuilder junk = new StringBuilder(events(3));
    for (int i = 0; i < 500; i++) {
      junk.append("junk line ").append(i).append('\n');
    }
    junk.append(events(2));
    IngestSettings limits = new IngestSettings(1 << 20, 1 << 20, 200, 50, 400, 2, false, 0.5);
    Path log = Files.writeString(dir.resolve("junk.log"), junk.toString());
    Survey survey = survey(file(log, LogSource.AUDIT), limits, new Configuration());
    assertThat(survey.keys()).hasSize(3);
    assertThat(survey.rejects()).hasSizeLessThanOrEqualTo(51);
    assertThat(survey.ledgerLong(IngestLedgerTable.LINES)).isEqualTo(505);
    assertThat(survey.error()).contains("stopped parsing").contains("ingest.max_rejects_per_file");
    survey.reconciles();
  }

  @Test
  void implausibleEventTimesAreRejectsNotPartitions(@TempDir Path dir) throws Exception {
    List<String> absurd =
        List.of(
            "0001-01-01T00:00:00Z",
            "+275760-09-13T00:00:00Z",
            "-0001-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "5138-11-16T09:46:40Z",
            "1970-01-01T00:00:00Z",
            "2026-11-06T00:00:00Z");
    StringBuilder lines = new StringBuilder();
    int i = 0;
    for (String time : absurd) {
      lines
          .append(
              RawLogs.auditEvent("bad" + i++, T)
                  .replace(T.toString(), time)
                  .replace(T.plusMillis(5).toString(), time))
          .append('\n');
    }
    // Plausible: the day itself, late events of the days before, and one just after midnight.
    lines.append(events(1));
    lines.append(RawLogs.auditEvent("late", Instant.parse("2026-06-30T12:00:00Z"))).append('\n');
    lines.append(RawLogs.auditEvent("early", Instant.parse("2026-11-04T00:10:00Z"))).append('\n');
    Path log = Files.writeString(dir.resolve("times.log"), lines.toString());
    Survey survey = survey(file(log, LogSource.AUDIT));
    // A key's record is the audit id and the stage, NUL-separated.
    assertThat(survey.keys())
        .extracting(k -> k.getString(1).substring(0, k.getString(1).indexOf('\u0000')))
        .containsExactly("e0", "late", "early");
    assertThat(survey.ledgerLong(IngestLedgerTable.REJECTS))
        .as("0000 and -0001 do not even parse; every other absurd time is out of the window")
        .isEqualTo(absurd.size());
    assertThat(survey.reasons())
        .filteredOn(r -> r.contains("plausible window"))
        .hasSizeGreaterThanOrEqualTo(5)
        .allMatch(r -> r.contains("ingest.event_days_before"));
    assertThat(events(file(log, LogSource.AUDIT), new Configuration())).hasSize(3);
    survey.reconciles();
  }

  @Test
  void numbersBeyondAnyTimeAreRejectsNotAFailedTask(@TempDir Path dir) throws Exception {
    Path fluent =
        Files.writeString(
            dir.resolve("fluent.log"),
            "{\"date\":1e300,\"log\":\"x\",\"kubernetes\":{\"pod_name\":\"p\"}}\n"
                + "{\"date\":-1e19,\"log\":\"x\",\"kubernetes\":{\"pod_name\":\"p\"}}\n");
    Survey containers = survey(file(fluent, LogSource.CONTAINER));
    assertThat(containers.ledgerLong(IngestLedgerTable.REJECTS)).isEqualTo(2);
    containers.reconciles();
    Path vpc =
        Files.writeString(
            dir.resolve("vpc.log"),
            "2 123456789012 eni-1 10.0.0.1 10.0.0.2 443 49152 6 10 840 9223372036854775807"
                + " 9223372036854775807 ACCEPT OK\n"
                + "2 123456789012 eni-1 10.0.0.1 10.0.0.2 443 49152 6 10 840 -9223372036854775808"
                + " 1 ACCEPT OK\n");
    Survey flows = survey(file(vpc, LogSource.FLOW));
    assertThat(flows.ledgerLong(IngestLedgerTable.REJECTS)).isEqualTo(2);
    flows.reconciles();
  }

  @Test
  void longSecretValuesFullOfEscapesAreRedactedWithoutExhaustingTheStack(@TempDir Path dir)
      throws Exception {
    String escapes = "\\\\\\\"".repeat(200_000);
    String message = "payload {\"password\":\"" + escapes + "CANARYTAIL\"} done";
    Path log =
        Files.writeString(
            dir.resolve("app.log"),
            T
                + " stdout F "
                + message
                + "\n"
                + T
                + " stdout F "
                + "{\\\"token\\\":\\\""
                + escapes.replace("\\", "")
                + "\n");
    List<Row> rows = events(file(log, LogSource.CONTAINER), new Configuration());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).mkString("|")).doesNotContain("CANARYTAIL").contains(" done");
  }
}
