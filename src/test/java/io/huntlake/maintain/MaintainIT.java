package io.huntlake.maintain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huntlake.archive.ArchiveLayout;
import io.huntlake.archive.ArchiveVerifier;
import io.huntlake.archive.Archiver;
import io.huntlake.cli.HuntlakeCli;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.detect.DetectJob;
import io.huntlake.detect.RuleCatalogue;
import io.huntlake.gaps.GapsJob;
import io.huntlake.ingest.IngestJob;
import io.huntlake.lake.LakeTables;
import io.huntlake.source.LogSource;
import io.huntlake.table.ArchiveManifestTable;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.DeliveryGapsTable;
import io.huntlake.table.DeltaPartitions;
import io.huntlake.table.FindingsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.RejectsTable;
import io.huntlake.testing.GeneratedLake;
import io.huntlake.testing.RawLogs;
import io.huntlake.testing.ReadsGeneratedLake;
import io.huntlake.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Maintenance on the generated lake as it was before its own maintain ran (ten days through every
 * other step): delivery gaps with one audit hour removed and one misplaced file, compaction,
 * retention at its edge, archive-then-delete with a stop in between, re-archiving, VACUUM safety,
 * and verify-archive against tampering. Each test works on its own copy.
 */
@ReadsGeneratedLake
@ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaintainIT {
  private static final LocalDate START = GeneratedLake.START;
  private static final LocalDate LAST = GeneratedLake.LAST;

  /** The hour whose audit file of dev-aks-1 is removed on the last day. */
  private static final int REMOVED_HOUR = 14;

  /** Raw events keep a week: maintaining LAST keeps LAST-6 and expires the days before. */
  private static final String[] RETENTION = {
    "retention.audit_events=7",
    "retention.container_logs=7",
    "retention.network_flows=7",
    "retention.rejects=7"
  };

  private Path pristine;
  private final List<Path> copies = new ArrayList<>();

  @BeforeAll
  void shareTheGeneratedLake(SparkSession spark) {
    pristine = GeneratedLake.get(spark).beforeMaintain();
  }

  /**
   * A copy whose last day lost one audit hour of dev-aks-1 and got a file of three days earlier
   * delivered again into its folder, ingested again, then checked for gaps.
   */
  private HuntlakeConfig copyWithDeliveryFaults(SparkSession spark) throws IOException {
    HuntlakeConfig config = copy();
    RawLogs logs = new RawLogs(root(config));
    Path lastDay = logs.raw().resolve("audit").resolve("dt=" + LAST).resolve("cluster=dev-aks-1");
    Files.delete(hourFile(lastDay, REMOVED_HOUR));
    Path early =
        hourFile(
            logs.raw()
                .resolve("audit")
                .resolve("dt=" + START.plusDays(2))
                .resolve("cluster=dev-aks-1"),
            10);
    Path misplaced = lastDay.resolve("redelivered").resolve("PT1H.json");
    Files.createDirectories(misplaced.getParent());
    Files.copy(early, misplaced);
    new IngestJob().run(spark, config, LAST, EnumSet.of(LogSource.AUDIT), false);
    new GapsJob().run(spark, config, LAST);
    return config;
  }

  @AfterAll
  void cleanUp() {
    copies.forEach(MaintainIT::delete);
  }

  @Test
  void theRemovedAuditHourIsAGapAndAFinding(SparkSession spark) throws IOException {
    HuntlakeConfig config = copyWithDeliveryFaults(spark);
    List<Row> gaps =
        LakeTables.readDay(spark, config, DeliveryGapsTable.DEFINITION, LAST)
            .where("source = 'audit'")
            .collectAsList();
    List<String> hours =
        gaps.stream()
            .filter(g -> g.getAs("gap_type").equals(DeliveryGapsTable.MISSING_HOUR))
            .map(g -> g.getAs("cluster") + " " + g.getAs("hour_start"))
            .toList();
    assertThat(hours).containsExactly("dev-aks-1 " + LAST + "T" + REMOVED_HOUR + ":00:00Z");
    Row missing =
        gaps.stream()
            .filter(g -> g.getAs("gap_type").equals(DeliveryGapsTable.MISSING_HOUR))
            .findFirst()
            .orElseThrow();
    assertThat(missing.<Double>getAs("expected_events")).isPositive();
    assertThat(missing.<String>getAs("detail"))
        .startsWith("no audit events from cluster dev-aks-1 in 14:00-15:00 UTC")
        .contains("usually has");
    assertThat(
            gaps.stream()
                .filter(g -> g.getAs("gap_type").equals(DeliveryGapsTable.FILE_OUTSIDE_DAY))
                .map(g -> g.<String>getAs("source_file")))
        .singleElement()
        .asString()
        .endsWith("redelivered/PT1H.json");

    // Only the delivery-gap rule runs: detect writes one finding for the cluster.
    List<String> others =
        RuleCatalogue.load(config.detect()).all().stream()
            .map(r -> r.id())
            .filter(id -> !id.equals("log-audit-delivery-gap"))
            .toList();
    HuntlakeConfig onlyGaps =
        new RawLogs(root(config)).config("detect.disabled_rules=" + String.join(",", others));
    new DetectJob().run(spark, onlyGaps, LAST);
    List<Row> findings =
        LakeTables.readDay(spark, config, FindingsTable.DEFINITION, LAST).collectAsList();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).<String>getAs("entity_id")).isEqualTo("dev-aks-1");
    assertThat(findings.get(0).<String>getAs("severity")).isEqualTo("high");
    assertThat(findings.get(0).<String>getAs("summary"))
        .contains("audit logs of cluster dev-aks-1: 1 hours with none");
  }

  @Test
  void retentionArchivesVerifiesThenDeletesUpToTheEdgeDay(SparkSession spark) throws IOException {
    HuntlakeConfig config = copy(RETENTION);
    LocalDate edge = LAST.minusDays(6);
    long expiredRows =
        LakeTables.read(spark, LakeTables.path(config, AuditEventsTable.DEFINITION))
            .orElseThrow()
            .where("event_date < DATE'" + edge + "'")
            .count();
    long versionBefore =
        DeltaPartitions.version(spark, LakeTables.path(config, AuditEventsTable.DEFINITION));

    MaintainJob.Report report = new MaintainJob().run(spark, config, LAST);

    List<LocalDate> hotDays = days(spark, config, AuditEventsTable.DEFINITION.name(), "event_date");
    assertThat(hotDays).allMatch(d -> !d.isBefore(edge)).contains(edge, LAST);
    Retention.Result audit =
        report.retention().stream().filter(r -> r.table().equals("audit_events")).findFirst().get();
    assertThat(audit.firstKept()).isEqualTo(edge);
    assertThat(audit.deletedRows()).isEqualTo(expiredRows).isPositive();
    assertThat(audit.archived())
        .extracting(Archiver.Outcome::day)
        .contains(START, START.plusDays(1))
        .allMatch(d -> d.isBefore(edge));
    // rejects are partitioned by ingest date: the same edge applies to it.
    assertThat(days(spark, config, RejectsTable.NAME, "ingest_date"))
        .allMatch(d -> !d.isBefore(edge));
    // Daily tables and the ledger keep 400 days by default.
    assertThat(days(spark, config, IngestLedgerTable.NAME, "ingest_date")).contains(START);

    ArchiveVerifier.Result verified =
        new ArchiveVerifier(spark, config).verify(Optional.empty(), Optional.empty());
    assertThat(verified.problems()).isEmpty();
    assertThat(verified.rows()).isGreaterThanOrEqualTo(expiredRows);

    // VACUUM ran, but the deleted days' files are younger than its retention: they stay, and time
    // travel to before the deletion still reads every row.
    assertThat(report.vacuumedFiles()).isZero();
    long before =
        spark
            .read()
            .format("delta")
            .option("versionAsOf", versionBefore)
            .load(LakeTables.path(config, AuditEventsTable.DEFINITION))
            .where("event_date < DATE'" + edge + "'")
            .count();
    assertThat(before).isEqualTo(expiredRows);

    // A rerun finds nothing left to expire and archives nothing again.
    long manifests = manifestRows(spark, config);
    MaintainJob.Report again = new MaintainJob().run(spark, config, LAST);
    assertThat(again.retention()).allMatch(r -> r.archived().isEmpty());
    assertThat(manifestRows(spark, config)).isEqualTo(manifests);
    assertThat(again.compaction()).allMatch(c -> c.partitions() == 0);
  }

  @Test
  void aStopBetweenArchiveAndDeleteLeavesBothCopiesAndARerunFinishes(SparkSession spark) {
    HuntlakeConfig config = copy(RETENTION);
    // What a run stopped right after archiving leaves: the day archived, still in the lake.
    Archiver.Outcome first =
        new ArchiveJob().run(spark, config, START, Optional.of("audit_events")).get(0);
    assertThat(first.status()).isEqualTo(Archiver.Status.ARCHIVED);
    assertThat(days(spark, config, "audit_events", "event_date")).contains(START);

    new MaintainJob().run(spark, config, LAST);

    assertThat(days(spark, config, "audit_events", "event_date")).doesNotContain(START);
    List<Row> startManifests =
        LakeTables.read(spark, LakeTables.path(config, ArchiveManifestTable.DEFINITION))
            .orElseThrow()
            .where("table_name = 'audit_events' AND partition_date = DATE'" + START + "'")
            .collectAsList();
    assertThat(startManifests).hasSize(1);
    assertThat(startManifests.get(0).<Integer>getAs("version")).isEqualTo(1);
    assertThat(
            new ArchiveVerifier(spark, config)
                .verify(Optional.of(START), Optional.of(START))
                .problems())
        .isEmpty();
  }

  @Test
  void compactionMergesSmallFilesAndChangesNoRow(SparkSession spark) {
    HuntlakeConfig config = copy();
    String path = LakeTables.path(config, AuditEventsTable.DEFINITION);
    long rows = LakeTables.read(spark, path).orElseThrow().count();
    List<DeltaPartitions.Partition> before =
        DeltaPartitions.of(spark, path, "event_date", 64L << 20);
    assertThat(before).anyMatch(p -> p.files() > 1);

    Compaction.Result result = compact(spark, config);

    assertThat(result.filesAfter()).isLessThan(result.filesBefore());
    assertThat(DeltaPartitions.of(spark, path, "event_date", 64L << 20))
        .allMatch(p -> p.smallFiles() <= 1);
    assertThat(LakeTables.read(spark, path).orElseThrow().count()).isEqualTo(rows);
    assertThat(compact(spark, config).partitions()).isZero();
  }

  @Test
  void aChangedDayGetsANewVersionThatPointsAtTheOld(SparkSession spark) {
    HuntlakeConfig config = copy();
    Archiver archiver = new Archiver(spark, config);
    Archiver.Outcome v1 = archiver.archiveTable(AuditEventsTable.DEFINITION, START.plusDays(1));
    assertThat(archiver.archiveTable(AuditEventsTable.DEFINITION, START.plusDays(1)).status())
        .isEqualTo(Archiver.Status.UNCHANGED);
    // The archived files hold exactly the day's rows (maps aside, which set operations refuse).
    String[] columns =
        java.util.Arrays.stream(AuditEventsTable.SCHEMA.fields())
            .filter(f -> !(f.dataType() instanceof org.apache.spark.sql.types.MapType))
            .filter(f -> !f.name().equals("event_date"))
            .map(org.apache.spark.sql.types.StructField::name)
            .toArray(String[]::new);
    org.apache.spark.sql.Dataset<Row> hot =
        LakeTables.readDay(spark, config, AuditEventsTable.DEFINITION, START.plusDays(1))
            .selectExpr(columns);
    org.apache.spark.sql.Dataset<Row> cold =
        spark.read().parquet(v1.manifest().get().folder()).selectExpr(columns);
    assertThat(cold.count()).isEqualTo(hot.count()).isPositive();
    assertThat(hot.exceptAll(cold).count()).isZero();
    assertThat(cold.exceptAll(hot).count()).isZero();
    // Compaction rewrites files but not rows: still unchanged.
    compact(spark, config);
    assertThat(archiver.archiveTable(AuditEventsTable.DEFINITION, START.plusDays(1)).status())
        .isEqualTo(Archiver.Status.UNCHANGED);

    io.delta.tables.DeltaTable.forPath(spark, LakeTables.path(config, AuditEventsTable.DEFINITION))
        .delete("event_date = DATE'" + START.plusDays(1) + "' AND verb = 'watch'");
    Archiver.Outcome v2 = archiver.archiveTable(AuditEventsTable.DEFINITION, START.plusDays(1));

    assertThat(v2.status()).isEqualTo(Archiver.Status.ARCHIVED);
    assertThat(v2.manifest().get().manifest().version()).isEqualTo(2);
    assertThat(v2.manifest().get().manifest().supersedesSha256())
        .isEqualTo(v1.manifest().get().sha256());
    assertThat(v2.manifest().get().manifest().previousSha256())
        .isEqualTo(v1.manifest().get().sha256());
    assertThat(v2.manifest().get().manifest().rows())
        .isLessThan(v1.manifest().get().manifest().rows());
    assertThat(Files.exists(Path.of(java.net.URI.create(v1.manifest().get().path())))).isTrue();
    assertThat(
            new ArchiveVerifier(spark, config)
                .verify(Optional.empty(), Optional.empty())
                .problems())
        .isEmpty();
  }

  @Test
  void verifyArchiveNamesEveryKindOfTampering(SparkSession spark) throws IOException {
    HuntlakeConfig config = copy("archive.raw_files=true");
    List<Archiver.Outcome> archived = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      archived.addAll(
          new ArchiveJob().run(spark, config, START.plusDays(day), Optional.of("audit_events")));
    }
    archived.addAll(
        new ArchiveJob().run(spark, config, START, Optional.of(ArchiveLayout.RAW_FILES)));
    assertThat(archived).hasSize(4).allMatch(o -> o.status() == Archiver.Status.ARCHIVED);
    Path archive = root(config).resolve("archive");
    Path backup = root(config).resolve("archive-backup");
    GeneratedLake.copyTree(archive, backup);
    ArchiveVerifier verifier = new ArchiveVerifier(spark, config);
    assertThat(verifier.verify(Optional.empty(), Optional.empty()).problems()).isEmpty();
    ArchiveVerifier.Result all = verifier.verify(Optional.empty(), Optional.empty());
    assertThat(all.heads())
        .containsEntry(
            "audit_events", "sequence 3 sha256 " + archived.get(2).manifest().get().sha256())
        .containsEntry(
            ArchiveLayout.RAW_FILES,
            "sequence 1 sha256 " + archived.get(3).manifest().get().sha256());
    ArchiveVerifier.Result oneDay =
        verifier.verify(Optional.of(START.plusDays(1)), Optional.of(START.plusDays(1)));
    assertThat(oneDay.problems()).isEmpty();
    assertThat(oneDay.manifests()).isEqualTo(4);
    assertThat(oneDay.files())
        .isEqualTo(archived.get(1).manifest().get().manifest().files().size());

    Path dayOne = archive.resolve("audit_events").resolve("event_date=" + START.plusDays(1));
    Path dayTwo = archive.resolve("audit_events").resolve("event_date=" + START.plusDays(2));
    Path dataFile = dayOne.resolve("version=1").resolve("part-00000.zstd.parquet");

    // One byte changed in the middle of a data file.
    byte[] bytes = Files.readAllBytes(dataFile);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(dataFile, bytes);
    assertThat(problems(verifier))
        .singleElement()
        .asString()
        .startsWith("altered: audit_events")
        .contains(dataFile.getFileName().toString())
        .contains("content changed");
    restore(backup, archive);

    Files.delete(dataFile);
    assertThat(problems(verifier))
        .singleElement()
        .asString()
        .startsWith("missing file: audit_events");
    restore(backup, archive);

    Files.writeString(dayOne.resolve("version=1").resolve("part-00009.zstd.parquet"), "planted");
    assertThat(problems(verifier))
        .singleElement()
        .asString()
        .startsWith("extra file: audit_events");
    restore(backup, archive);

    // Files added where verification used to look away: staging, and names starting with '_'
    // or '.' beside the tables.
    for (Path planted :
        List.of(
            archive
                .resolve("audit_events")
                .resolve("_staging")
                .resolve("run-1")
                .resolve("x.parquet"),
            archive.resolve("_evil").resolve("payload.bin"),
            archive.resolve(".hidden").resolve("payload.bin"),
            archive.resolve("loose-file.txt"))) {
      Files.createDirectories(planted.getParent());
      Files.writeString(planted, "planted");
      assertThat(problems(verifier))
          .as("planted %s", archive.relativize(planted))
          .singleElement()
          .asString()
          .startsWith("extra file: ")
          .contains(planted.getFileName().toString());
      restore(backup, archive);
    }

    // A rewritten last manifest: its hash is not offered as the head to keep.
    Path lastManifest = dayTwo.resolve("version=1").resolve(ArchiveLayout.MANIFEST);
    Files.writeString(
        lastManifest, Files.readString(lastManifest).replace("\"rows\"", "\"rows\" "));
    ArchiveVerifier.Result tampered = verifier.verify(Optional.empty(), Optional.empty());
    assertThat(tampered.problems()).isNotEmpty();
    assertThat(tampered.heads().get("audit_events")).startsWith("withheld");
    assertThat(tampered.heads().get(ArchiveLayout.RAW_FILES)).startsWith("sequence 1 sha256 ");
    restore(backup, archive);

    Files.delete(dayOne.resolve("version=1").resolve(ArchiveLayout.MANIFEST));
    assertThat(problems(verifier))
        .anyMatch(
            p ->
                p.startsWith("missing day: audit_events")
                    && p.contains(START.plusDays(1).toString()))
        .anyMatch(p -> p.startsWith("broken chain: audit_events"))
        .anyMatch(p -> p.startsWith("extra file: audit_events"));
    restore(backup, archive);

    Path swap = archive.resolve("swap");
    Files.move(dayOne, swap);
    Files.move(dayTwo, dayOne);
    Files.move(swap, dayTwo);
    assertThat(problems(verifier))
        .anyMatch(p -> p.startsWith("moved: audit_events"))
        .anyMatch(
            p ->
                p.startsWith("broken chain: audit_events")
                    || p.startsWith("altered: audit_events"));
    restore(backup, archive);

    // A raw file copy is checked like any other.
    Path rawCopy;
    try (Stream<Path> files = Files.walk(archive.resolve(ArchiveLayout.RAW_FILES))) {
      rawCopy = files.filter(p -> p.toString().endsWith(".gz")).findFirst().orElseThrow();
    }
    Files.write(rawCopy, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    assertThat(problems(verifier)).singleElement().asString().startsWith("altered: raw_files");

    // The command exits 3 and names the problem.
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = HuntlakeCli.commandLine();
    cli.setErr(new java.io.PrintWriter(err));
    java.io.StringWriter out = new java.io.StringWriter();
    cli.setOut(new java.io.PrintWriter(out));
    int code =
        cli.execute(
            "verify-archive",
            "--set",
            "storage.lake=" + root(config).resolve("lake"),
            "--set",
            "storage.archive=" + archive,
            "--set",
            "storage.raw=" + root(config).resolve("raw"));
    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("The archive is not intact").contains("altered: raw_files");
    assertThat(out.toString())
        .contains("Chain heads")
        .contains("  audit_events: sequence 3 sha256 ")
        .contains("  raw_files: withheld");
  }

  @Test
  void retentionBelowTheSafetyMinimumIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new RawLogs(pristine).config("retention.audit_events=3"))
        .hasMessageContaining("retention.audit_events")
        .hasMessageContaining("safety minimum of 7");
    assertThatThrownBy(() -> new RawLogs(pristine).config("retention.user_baseline=10"))
        .hasMessageContaining("retention.user_baseline")
        .hasMessageContaining("baseline.window_days");
    assertThatThrownBy(() -> new RawLogs(pristine).config("maintain.vacuum_retention_hours=24"))
        .hasMessageContaining("maintain.vacuum_retention_hours")
        .hasMessageContaining("168");
    assertThat(
            new RawLogs(pristine)
                .config("retention.findings=forever")
                .maintain()
                .retention("findings"))
        .isEmpty();
  }

  private static Compaction.Result compact(SparkSession spark, HuntlakeConfig config) {
    MaintainedTable audit = MaintainedTable.named("audit_events").orElseThrow();
    List<DeltaPartitions.Partition> partitions =
        DeltaPartitions.of(
            spark,
            LakeTables.path(config, audit.definition()),
            audit.partitionColumn(),
            Compaction.smallBelow(config));
    return new Compaction(spark, config).run(audit, LAST, partitions);
  }

  private static List<String> problems(ArchiveVerifier verifier) {
    return verifier.verify(Optional.empty(), Optional.empty()).problems().stream()
        .map(ArchiveVerifier.Problem::describe)
        .toList();
  }

  private static List<LocalDate> days(
      SparkSession spark, HuntlakeConfig config, String table, String column) {
    return DeltaPartitions.of(spark, config.storage().table(table), column, 0).stream()
        .map(DeltaPartitions.Partition::day)
        .toList();
  }

  private static long manifestRows(SparkSession spark, HuntlakeConfig config) {
    return LakeTables.read(spark, LakeTables.path(config, ArchiveManifestTable.DEFINITION))
        .map(rows -> rows.count())
        .orElse(0L);
  }

  private static Path hourFile(Path clusterFolder, int hour) throws IOException {
    try (Stream<Path> files = Files.walk(clusterFolder)) {
      return files
          .filter(p -> p.toString().contains(String.format("/h=%02d/", hour)))
          .filter(Files::isRegularFile)
          .findFirst()
          .orElseThrow();
    }
  }

  /** A fresh copy of the ingested lake and raw logs, with its own config. */
  private HuntlakeConfig copy(String... overrides) {
    try {
      Path root = Files.createTempDirectory("huntlake-maintain-copy");
      copies.add(root);
      GeneratedLake.copyTree(pristine, root);
      return new RawLogs(root).config(overrides);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root(HuntlakeConfig config) {
    return Path.of(config.storage().lake()).getParent();
  }

  private static void restore(Path backup, Path archive) throws IOException {
    delete(archive);
    GeneratedLake.copyTree(backup, archive);
  }

  private static void delete(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
