package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huntlake.config.IngestSettings;
import io.huntlake.error.ExitCode;
import io.huntlake.error.HuntlakeException;
import io.huntlake.source.LogSource;
import io.huntlake.source.SourceFile;
import io.huntlake.testing.RawLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRowsTest {
  private static final IngestSettings LIMITS = new IngestSettings(1 << 20, 1 << 20, 100);

  private static SourceFile file(Path path) throws Exception {
    return new SourceFile(
        path.toUri().toString(),
        LogSource.AUDIT,
        "c",
        null,
        LocalDate.of(2026, 11, 2),
        Files.size(path),
        Instant.EPOCH,
        null);
  }

  private static List<Row> all(FileRows rows) {
    List<Row> out = new ArrayList<>();
    rows.forEachRemaining(out::add);
    return out;
  }

  @Test
  void theSurveyYieldsKeysRejectsAndOneLedgerEntryTheWritePassOnlyKeptRows(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("audit.log");
    Files.writeString(
        log,
        RawLogs.auditEvent("a", Instant.parse("2026-11-02T01:00:00Z"))
            + "\nbroken\n"
            + RawLogs.auditEvent("b", Instant.parse("2026-11-02T01:00:01Z"))
            + "\n");
    List<Row> survey =
        all(
            new FileRows(
                FileRows.Pass.SURVEY,
                file(log),
                LIMITS,
                new Configuration(),
                Set.of(),
                null,
                (f, n) -> {}));
    assertThat(survey)
        .extracting(r -> r.getString(0))
        .containsExactly("key", "reject", "key", "ledger");
    String sha =
        survey
            .get(3)
            .getStruct(3)
            .getString(io.huntlake.table.IngestLedgerTable.SCHEMA.fieldIndex("sha256"));
    Set<String> dropB =
        Set.of(
            Envelope.dropKey(
                file(log).path(), 3, Envelope.record(new Object[] {"b", "ResponseComplete"})));
    List<Row> written =
        all(
            new FileRows(
                FileRows.Pass.EVENTS,
                file(log),
                LIMITS,
                new Configuration(),
                dropB,
                sha,
                (f, n) -> {}));
    assertThat(written).singleElement().satisfies(r -> assertThat(r.getString(5)).isEqualTo("a"));
  }

  @Test
  void aFileThatChangedSinceTheSurveyFailsTheWritePass(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("audit.log");
    Files.writeString(log, RawLogs.auditEvent("a", Instant.parse("2026-11-02T01:00:00Z")) + "\n");
    FileRows rows =
        new FileRows(
            FileRows.Pass.EVENTS,
            file(log),
            LIMITS,
            new Configuration(),
            Set.of(),
            "0".repeat(64),
            (f, n) -> {});
    assertThatThrownBy(() -> all(rows))
        .isInstanceOfSatisfying(
            HuntlakeException.class,
            e -> assertThat(e.exitCode()).as("retryable").isEqualTo(ExitCode.FAILED))
        .hasMessageContaining("changed while it was being ingested")
        .hasMessageContaining("Rerun the day");
  }
}
