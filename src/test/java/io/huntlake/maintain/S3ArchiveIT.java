package io.huntlake.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.s3.model.S3ObjectSummary;
import io.huntlake.archive.ArchiveLayout;
import io.huntlake.archive.ArchiveVerifier;
import io.huntlake.archive.Archiver;
import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.ingest.IngestJob;
import io.huntlake.lake.LakeTables;
import io.huntlake.source.LogSource;
import io.huntlake.spark.SparkSessionFactory;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.DeltaPartitions;
import io.huntlake.testing.S3Server;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake, the raw logs and the archive on s3a://, against a real S3-compatible server on
 * loopback: retention archives, verifies and deletes; raw files are copied with their ledger
 * hashes; verify-archive catches a changed object.
 */
// The shared session has one Hadoop configuration: two classes pointing s3a at different test
// servers must not run at the same time.
@org.junit.jupiter.api.parallel.ResourceLock(S3Server.SESSION_ENDPOINT)
@ExtendWith({SharedSpark.class, S3Server.class})
class S3ArchiveIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  private static final String BUCKET = "huntlake-archive-it";

  @Test
  void retentionArchivesVerifiesAndDeletesOnObjectStorage(
      SparkSession shared, S3Server.Endpoint s3, @TempDir Path dir) throws Exception {
    s3.createBucket(BUCKET);
    List<String> settings =
        new ArrayList<>(
            List.of(
                "storage.raw=s3a://" + BUCKET + "/raw",
                "storage.lake=s3a://" + BUCKET + "/lake",
                "storage.archive=s3a://" + BUCKET + "/archive",
                "retention.audit_events=7",
                "retention.container_logs=7",
                "retention.network_flows=7",
                "retention.rejects=7",
                "archive.raw_files=true"));
    settings.addAll(s3.settings());
    HuntlakeConfig config = new ConfigLoader(Map.of(), dir).load(Optional.empty(), settings);
    SparkSession spark = SparkSessionFactory.create(config, "s3-archive-it", Optional.empty());
    Path raw = dir.resolve("raw");
    SyntheticCluster.generate(new SyntheticCluster.Options(raw, DAY, 1, 17, Scale.SMALL, true));
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(config.storage().raw());
    FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
    // Audit logs only: ingest on object storage is S3IngestIT's subject; this test needs a table.
    fs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(raw.resolve("audit").toUri()),
        new org.apache.hadoop.fs.Path(target, "audit"));
    new IngestJob().run(spark, config, DAY, EnumSet.of(LogSource.AUDIT), false);
    String auditPath = LakeTables.path(config, AuditEventsTable.DEFINITION);
    long auditRows =
        LakeTables.read(spark, auditPath)
            .orElseThrow()
            .where("event_date = DATE'" + DAY + "'")
            .count();

    // Maintaining a week later: DAY is past the 7 days kept.
    MaintainJob.Report report = new MaintainJob().run(spark, config, DAY.plusDays(7));

    Retention.Result audit =
        report.retention().stream().filter(r -> r.table().equals("audit_events")).findFirst().get();
    assertThat(audit.archived()).extracting(Archiver.Outcome::day).contains(DAY);
    assertThat(audit.deletedRows()).isGreaterThanOrEqualTo(auditRows).isPositive();
    assertThat(DeltaPartitions.of(spark, auditPath, "event_date", 0))
        .noneMatch(p -> p.day().equals(DAY));
    assertThat(report.rawFiles()).isPresent();
    assertThat(report.rawFiles().get().status()).isEqualTo(Archiver.Status.EMPTY);
    Archiver.Outcome rawCopy =
        new ArchiveJob().run(spark, config, DAY, Optional.of(ArchiveLayout.RAW_FILES)).get(0);
    assertThat(rawCopy.status()).isEqualTo(Archiver.Status.ARCHIVED);
    assertThat(rawCopy.manifest().get().manifest().files()).isNotEmpty();

    ArchiveVerifier verifier = new ArchiveVerifier(spark, config);
    assertThat(verifier.verify(Optional.empty(), Optional.empty()).problems()).isEmpty();
    // Nothing was left in staging, and each archived day is plain objects under its version.
    List<String> keys =
        s3.client().listObjectsV2(BUCKET, "archive/").getObjectSummaries().stream()
            .map(S3ObjectSummary::getKey)
            .toList();
    assertThat(keys).noneMatch(k -> k.contains("_staging")).noneMatch(k -> k.endsWith(".crc"));
    String archived =
        keys.stream()
            .filter(
                k -> k.startsWith("archive/audit_events/event_date=" + DAY + "/version=1/part-"))
            .findFirst()
            .orElseThrow();

    // One changed byte in an archived object is caught.
    byte[] bytes = s3.client().getObject(BUCKET, archived).getObjectContent().readAllBytes();
    bytes[bytes.length / 3] ^= 0x10;
    s3.client().putObject(BUCKET, archived, new java.io.ByteArrayInputStream(bytes), null);
    assertThat(verifier.verify(Optional.of(DAY), Optional.of(DAY)).problems())
        .extracting(ArchiveVerifier.Problem::describe)
        .singleElement()
        .asString()
        .startsWith("altered: audit_events")
        .contains(archived);
  }
}
