package io.huntlake.ingest;

import static io.huntlake.testing.RawLogs.auditEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.ExitCode;
import io.huntlake.error.HuntlakeException;
import io.huntlake.source.LogSource;
import io.huntlake.source.SourceFile;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.RejectsTable;
import io.huntlake.testing.FaultyFileSystem;
import io.huntlake.testing.RawLogs;
import io.huntlake.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest never lets a fault shrink a table, and no entry of a day folder is lost silently: storage
 * faults fail before any commit, a day that would shrink is refused, links and odd entries are in
 * the ledger with their reasons, any file name is read.
 */
@ExtendWith(SharedSpark.class)
class IngestSafetyTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  private static final Set<LogSource> AUDIT = EnumSet.of(LogSource.AUDIT);
  private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

  private static String events(String prefix, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(auditEvent(prefix + i, T.plusSeconds(i))).append('\n');
    }
    return out.toString();
  }

  private static Dataset<Row> table(SparkSession spark, HuntlakeConfig config, String name) {
    return spark.read().format("delta").load(config.storage().table(name));
  }

  private static List<String> ledgerErrors(SparkSession spark, HuntlakeConfig config) {
    return table(spark, config, IngestLedgerTable.NAME)
        .select(IngestLedgerTable.ERROR)
        .collectAsList()
        .stream()
        .map(r -> r.isNullAt(0) ? "" : r.getString(0))
        .sorted()
        .toList();
  }

  @Test
  void aRawFileThatFailsMidReadFailsTheRunAndTheDayKeepsItsRows(
      SparkSession spark, @TempDir Path dir) throws Exception {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    logs.write("audit", DAY, "prod", "a.log", events("a", 30));
    new IngestJob().run(spark, config, DAY, AUDIT, false);
    List<Row> before = table(spark, config, AuditEventsTable.NAME).collectAsList();
    long ledgerVersion =
        io.delta.tables.DeltaTable.forPath(spark, config.storage().table(IngestLedgerTable.NAME))
            .history(1)
            .first()
            .getLong(0);

    // The same day again, but now its second file's read breaks off like a storage outage.
    Path failing = logs.write("audit", DAY, "prod", "b-fail-read.log", events("b", 30));
    FaultyFileSystem.register(spark.sparkContext().hadoopConfiguration());
    InputFiles.DayFiles listed =
        InputFiles.list(config, LogSource.AUDIT, DAY, spark.sparkContext().hadoopConfiguration())
            .orElseThrow();
    List<SourceFile> faulty =
        listed.files().stream()
            .map(
                f ->
                    f.path().endsWith("fail-read.log")
                        ? new SourceFile(
                            FaultyFileSystem.path(failing),
                            f.source(),
                            f.cluster(),
                            f.node(),
                            f.ingestDate(),
                            f.size(),
                            f.modified(),
                            f.forcedFormat())
                        : f)
            .toList();
    HuntlakeException error =
        catchThrowableOfType(
            HuntlakeException.class,
            () ->
                new IngestJob()
                    .ingest(
                        spark,
                        config,
                        DAY,
                        AUDIT,
                        List.of(new InputFiles.DayFiles(faulty, listed.skipped())),
                        IngestJob.Options.STRICT));

    assertThat(error.exitCode()).as("retryable").isEqualTo(ExitCode.FAILED);
    assertThat(error.getMessage())
        .contains("Cannot read raw file faulty:")
        .contains("b-fail-read.log")
        .contains("committed nothing")
        .doesNotContain("credentials");
    assertThat(table(spark, config, AuditEventsTable.NAME).collectAsList())
        .containsExactlyInAnyOrderElementsOf(before);
    assertThat(
            io.delta.tables.DeltaTable.forPath(
                    spark, config.storage().table(IngestLedgerTable.NAME))
                .history(1)
                .first()
                .getLong(0))
        .as("no new ledger commit")
        .isEqualTo(ledgerVersion);
  }

  @Test
  void aRerunThatWouldShrinkTheDayIsRefusedUnlessAllowed(SparkSession spark, @TempDir Path dir) {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    logs.write("audit", DAY, "prod", "a.log", events("a", 4));
    Path big = logs.write("audit", DAY, "prod", "b.log", events("b", 16));
    new IngestJob().run(spark, config, DAY, AUDIT, false);
    assertThat(table(spark, config, AuditEventsTable.NAME).count()).isEqualTo(20);

    big.toFile().delete();
    HuntlakeException error =
        catchThrowableOfType(
            HuntlakeException.class, () -> new IngestJob().run(spark, config, DAY, AUDIT, false));
    assertThat(error.exitCode()).as("a person decides").isEqualTo(ExitCode.BAD_INPUT);
    assertThat(error.getMessage())
        .contains("would shrink the day from 20 rows")
        .contains("to 4")
        .contains("ingest.max_shrink")
        .contains("--allow-shrink");
    assertThat(table(spark, config, AuditEventsTable.NAME).count()).isEqualTo(20);

    // Within the allowed share, or explicitly allowed, the rerun goes through.
    new IngestJob().run(spark, logs.config("ingest.max_shrink=0.9"), DAY, AUDIT, false);
    assertThat(table(spark, config, AuditEventsTable.NAME).count()).isEqualTo(4);
    logs.write("audit", DAY, "prod", "b.log", events("b", 16));
    new IngestJob().run(spark, config, DAY, AUDIT, false);
    big.toFile().delete();
    new IngestJob().run(spark, config, DAY, AUDIT, new IngestJob.Options(false, true));
    assertThat(table(spark, config, AuditEventsTable.NAME).count()).isEqualTo(4);
  }

  @Test
  void aMissingFolderAllowedAsEmptyStillCannotWipeAnIngestedDay(
      SparkSession spark, @TempDir Path dir) throws Exception {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    Path file = logs.write("audit", DAY, "prod", "a.log", events("a", 5));
    new IngestJob().run(spark, config, DAY, AUDIT, false);
    org.apache.commons.io.FileUtils.deleteDirectory(file.getParent().getParent().toFile());
    HuntlakeException error =
        catchThrowableOfType(
            HuntlakeException.class, () -> new IngestJob().run(spark, config, DAY, AUDIT, true));
    assertThat(error.getMessage()).contains("would shrink");
    assertThat(table(spark, config, AuditEventsTable.NAME).count()).isEqualTo(5);
  }

  @Test
  void linksOddEntriesAndOddNamesAreAccountedForNeverFollowedByDefault(
      SparkSession spark, @TempDir Path dir) throws Exception {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    Path otherDay = logs.write("audit", DAY.minusDays(1), "prod", "other.log", events("other", 3));
    Path dayFolder =
        logs.write("audit", DAY, "prod", "audit-2026-11-02T10:00:00.log", events("colon", 2))
            .getParent();
    Files.writeString(dayFolder.resolve("name with spaces & %20 #1.log"), events("space", 1));
    Files.writeString(dayFolder.resolve("_SUCCESS"), "");
    Files.createSymbolicLink(dayFolder.resolve("other-day.log"), otherDay);
    Files.createSymbolicLink(dayFolder.resolve("passwd.log"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(dayFolder.resolve("dangling.log"), dir.resolve("nothing-here"));
    Files.createSymbolicLink(dayFolder.resolve("loop"), dayFolder);
    Path fifo = dayFolder.resolve("pipe.log");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

    IngestReport report = new IngestJob().run(spark, config, DAY, AUDIT, false);

    assertThat(report.totalRows()).as("the colon and space files, nothing else").isEqualTo(3);
    assertThat(
            table(spark, config, AuditEventsTable.NAME)
                .select(AuditEventsTable.AUDIT_ID)
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .sorted())
        .containsExactly("colon0", "colon1", "space0");
    assertThat(table(spark, config, RejectsTable.NAME).count()).as("no /etc/passwd lines").isZero();
    List<String> errors = ledgerErrors(spark, config);
    assertThat(errors).hasSize(8);
    assertThat(errors)
        .anyMatch(e -> e.startsWith("skipped: symbolic link to " + otherDay))
        .anyMatch(e -> e.startsWith("skipped: symbolic link to /etc/passwd"))
        .anyMatch(e -> e.startsWith("skipped: symbolic link to " + dir.resolve("nothing-here")))
        .anyMatch(e -> e.startsWith("skipped: symbolic link to " + dayFolder))
        .anyMatch(e -> e.startsWith("skipped: not a regular file"))
        .anyMatch(e -> e.startsWith("skipped: hidden name"))
        .allMatch(e -> e.isEmpty() || e.startsWith("skipped: "));

    // Following links is a choice: then the other day's file is read, and the rest still skipped.
    IngestReport followed =
        new IngestJob().run(spark, logs.config("ingest.follow_links=true"), DAY, AUDIT, false);
    assertThat(followed.totalRows()).isEqualTo(6);
    assertThat(ledgerErrors(spark, config))
        .anyMatch(e -> e.startsWith("skipped: symbolic link that leads nowhere"))
        .anyMatch(e -> e.startsWith("skipped: symbolic link that leads back"));
  }

  @Test
  void rejectRowsReconcileWithTheLedgerAtTableLevel(SparkSession spark, @TempDir Path dir)
      throws Exception {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    StringBuilder text = new StringBuilder(events("a", 2));
    text.append("\n".repeat(5_000)).append("not json\n".repeat(3)).append(events("b", 1));
    logs.write("audit", DAY, "prod", "a.log.gz", RawLogs.gzip(text.toString()));
    new IngestJob().run(spark, config, DAY, AUDIT, false);
    Row sums =
        table(spark, config, RejectsTable.NAME)
            .selectExpr("count(*)", "sum(" + RejectsTable.LINE_COUNT + ")")
            .first();
    assertThat(sums.getLong(0)).as("two runs, stored once each").isEqualTo(2);
    assertThat(sums.getLong(1)).isEqualTo(5_003);
    assertThat(
            table(spark, config, IngestLedgerTable.NAME)
                .selectExpr("sum(" + IngestLedgerTable.REJECTS + ")")
                .first()
                .getLong(0))
        .isEqualTo(5_003);
  }

  @Test
  void timestampsBeforeTheGregorianSwitchAreWrittenNotAFailedDay(
      SparkSession spark, @TempDir Path dir) {
    StructType schema = new StructType().add("ts", DataTypes.TimestampType);
    String path = dir.resolve("ancient").toString();
    spark
        .createDataFrame(List.of(RowFactory.create(Instant.parse("0001-01-01T00:00:00Z"))), schema)
        .write()
        .format("delta")
        .save(path);
    Object read = spark.read().format("delta").load(path).first().get(0);
    Instant back = read instanceof Timestamp t ? t.toInstant() : (Instant) read;
    assertThat(back).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
  }

  @Test
  void aByteOrderMarkedFileLosesNoLine(SparkSession spark, @TempDir Path dir) {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    byte[] text = events("bom", 2).getBytes(StandardCharsets.UTF_8);
    byte[] marked = new byte[text.length + 3];
    marked[0] = (byte) 0xef;
    marked[1] = (byte) 0xbb;
    marked[2] = (byte) 0xbf;
    System.arraycopy(text, 0, marked, 3, text.length);
    logs.write("audit", DAY, "prod", "bom.log", marked);
    IngestReport report = new IngestJob().run(spark, config, DAY, AUDIT, false);
    assertThat(report.totalRows()).isEqualTo(2);
    assertThat(report.totalRejects()).isZero();
  }
}
