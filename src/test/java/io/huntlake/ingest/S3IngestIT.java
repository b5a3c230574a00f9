package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.ExitCode;
import io.huntlake.error.HuntlakeException;
import io.huntlake.source.LogSource;
import io.huntlake.spark.SparkSessionFactory;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.testing.S3Server;
import io.huntlake.testing.SharedSpark;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Raw logs and the lake on s3a://, against a real S3-compatible server on loopback. */
// The shared session has one Hadoop configuration: two classes pointing s3a at different test
// servers must not run at the same time.
@org.junit.jupiter.api.parallel.ResourceLock(S3Server.SESSION_ENDPOINT)
@ExtendWith({SharedSpark.class, S3Server.class})
class S3IngestIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  private static HuntlakeConfig config(Path dir, String bucket, List<String> s3) {
    List<String> settings =
        new ArrayList<>(
            List.of(
                "storage.raw=s3a://" + bucket + "/raw",
                "storage.lake=s3a://" + bucket + "/lake",
                "sources.events.enabled=true"));
    settings.addAll(s3);
    return new ConfigLoader(Map.of(), dir).load(Optional.empty(), settings);
  }

  @Test
  void ingestsFromAndIntoObjectStorageIdempotently(
      SparkSession shared, S3Server.Endpoint s3, @TempDir Path dir) throws Exception {
    s3.createBucket("huntlake-it");
    HuntlakeConfig config = config(dir, "huntlake-it", s3.settings());
    SparkSession spark = SparkSessionFactory.create(config, "s3-it", Optional.empty());
    Path raw = dir.resolve("raw");
    SyntheticCluster.generate(new SyntheticCluster.Options(raw, DAY, 1, 13, Scale.SMALL, true));
    S3Server.upload(spark.sparkContext().hadoopConfiguration(), raw, config.storage().raw());

    // The scheduler's input check lists s3a:// with no Spark session: its own Hadoop
    // configuration (uncached, so it cannot borrow the session's file system) must reach S3.
    org.apache.hadoop.conf.Configuration listing = SparkSessionFactory.hadoopConfiguration(config);
    listing.setBoolean("fs.s3a.impl.disable.cache", true);
    assertThat(InputCheck.check(config, EnumSet.allOf(LogSource.class), DAY, listing))
        .hasSize(LogSource.values().length)
        .allMatch(InputCheck.SourceInput::ready);
    assertThat(InputCheck.check(config, EnumSet.allOf(LogSource.class), DAY.plusDays(1), listing))
        .noneMatch(InputCheck.SourceInput::exists);

    IngestReport first =
        new IngestJob().run(spark, config, DAY, EnumSet.allOf(LogSource.class), false);
    IngestReport second =
        new IngestJob().run(spark, config, DAY, EnumSet.allOf(LogSource.class), false);

    JsonNode totals =
        new ObjectMapper().readTree(raw.resolve("manifest.json").toFile()).get("totals");
    for (LogSource source : LogSource.values()) {
      String table = source.table().name();
      assertThat(spark.read().format("delta").load(config.storage().table(table)).count())
          .as("rows of %s", table)
          .isEqualTo(totals.get(source.id()).get(DAY.toString()).get("events").asLong());
    }
    assertThat(second.runId()).isEqualTo(first.runId());
    assertThat(second.totalRows()).isEqualTo(first.totalRows());
    assertThat(config.storage().table(AuditEventsTable.NAME)).startsWith("s3a://huntlake-it/lake/");
  }

  @Test
  void wrongCredentialsFailFastNamingTheUriAndNeverThePassword(
      SparkSession shared, S3Server.Endpoint s3, @TempDir Path dir) {
    s3.createBucket("huntlake-denied");
    List<String> wrong = new ArrayList<>(s3.settings());
    wrong.replaceAll(
        setting ->
            setting.startsWith("s3.secret_key=") ? "s3.secret_key=not-the-secret-x9" : setting);
    HuntlakeConfig config = config(dir, "huntlake-denied", wrong);
    SparkSession spark = SparkSessionFactory.create(config, "s3-it", Optional.empty());
    long start = System.nanoTime();
    HuntlakeException error =
        catchThrowableOfType(
            HuntlakeException.class,
            () -> new IngestJob().run(spark, config, DAY, EnumSet.of(LogSource.AUDIT), false));
    assertThat((System.nanoTime() - start) / 1e9).as("seconds to fail").isLessThan(60);
    assertThat(error.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(error.getMessage())
        .contains("s3a://huntlake-denied/raw/audit/dt=2026-11-02")
        .contains("s3.*")
        .doesNotContain("not-the-secret-x9")
        .doesNotContain(S3Server.SECRET_KEY);
  }

  @Test
  void anUnreachableEndpointFailsFast(SparkSession shared, S3Server.Endpoint s3, @TempDir Path dir)
      throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    List<String> settings = new ArrayList<>(s3.settings());
    settings.replaceAll(
        setting ->
            setting.startsWith("s3.endpoint=")
                ? "s3.endpoint=http://127.0.0.1:" + closedPort
                : setting);
    HuntlakeConfig config = config(dir, "huntlake-nowhere", settings);
    SparkSession spark = SparkSessionFactory.create(config, "s3-it", Optional.empty());
    long start = System.nanoTime();
    HuntlakeException error =
        catchThrowableOfType(
            HuntlakeException.class,
            () -> new IngestJob().run(spark, config, DAY, EnumSet.of(LogSource.AUDIT), false));
    assertThat((System.nanoTime() - start) / 1e9).as("seconds to fail").isLessThan(90);
    assertThat(error.getMessage())
        .contains("s3a://huntlake-nowhere/raw/audit/dt=2026-11-02")
        .contains("Cannot read");
  }
}
