package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.archive.ArchiveVerifier;
import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.source.LogSource;
import io.huntlake.spark.SparkSessionFactory;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.testing.HuntlakeProcess;
import io.huntlake.testing.LakeContents;
import io.huntlake.testing.S3Server;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * The object store goes away mid-run: a real S3-compatible server (s3proxy) holding the raw logs,
 * the lake and the archive is stopped at each phase of a real {@code huntlake ingest} and during
 * {@code huntlake maintain}, then started again. Each interrupted run must fail retryably (exit 1)
 * with a message that names what it could not reach and blames no credentials; no table may lose a
 * committed row; a rerun must finish the work. The keys reach the processes through the
 * environment, never the command line.
 */
// Long: starts first (testing/LakeReadersLast).
@org.junit.jupiter.api.Order(1)
// The shared session has one Hadoop configuration: two classes pointing s3a at different test
// servers must not run at the same time.
@org.junit.jupiter.api.parallel.ResourceLock(S3Server.SESSION_ENDPOINT)
@ExtendWith(SharedSpark.class)
class S3OutageIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  private static final String BUCKET = "outage";

  @Test
  void anObjectStoreOutageFailsRunsRetryablyAndLosesNothing(SparkSession shared, @TempDir Path dir)
      throws Exception {
    try (S3Server.Private s3 = S3Server.Private.start()) {
      s3.endpoint().createBucket(BUCKET);
      List<String> storage =
          List.of(
              "storage.raw=s3a://" + BUCKET + "/raw",
              "storage.lake=s3a://" + BUCKET + "/lake",
              "storage.archive=s3a://" + BUCKET + "/archive",
              "storage.reports=s3a://" + BUCKET + "/reports",
              "sources.events.enabled=true");
      // Processes read the keys from their environment; this JVM is given them directly.
      List<String> settings = new ArrayList<>(s3.endpoint().commandLineSettings());
      settings.addAll(storage);
      List<String> inProcess = new ArrayList<>(s3.endpoint().settings());
      inProcess.addAll(storage);
      HuntlakeConfig config =
          new ConfigLoader(s3.endpoint().environment(), dir).load(Optional.empty(), settings);
      SparkSession spark = SparkSessionFactory.create(config, "s3-outage-it", Optional.empty());
      Path raw = dir.resolve("raw");
      SyntheticCluster.generate(new SyntheticCluster.Options(raw, DAY, 1, 31, Scale.SMALL, true));
      S3Server.upload(spark.sparkContext().hadoopConfiguration(), raw, config.storage().raw());

      new IngestJob().run(spark, config, DAY, EnumSet.allOf(LogSource.class), false);
      Map<String, List<String>> ingested = LakeContents.of(spark, config.storage().lake());
      assertThat(ingested.get("audit_events")).isNotEmpty();

      // Storage stops at each phase of a rerun of the same day.
      for (String phase : List.of("files listed", "files surveyed", "audit_events written")) {
        try (HuntlakeProcess rerun = run(dir, s3, settings, "ingest", "--date", DAY.toString())) {
          assertThat(rerun.awaitLine(l -> l.contains(phase), Duration.ofMinutes(3)))
              .as(rerun.output())
              .isTrue();
          assertThat(rerun.commandLine())
              .as("keys come from the environment, not the command line")
              .doesNotContain(S3Server.SECRET_KEY)
              .doesNotContain(S3Server.ACCESS_KEY);
          s3.stop();
          long stopped = System.nanoTime();
          int code = rerun.waitFor(Duration.ofMinutes(4));
          double seconds = (System.nanoTime() - stopped) / 1e9;
          s3.restart();
          assertThat(code).as("outage after '%s'\n%s", phase, rerun.output()).isEqualTo(1);
          assertThat(seconds).as("seconds to fail after '%s'", phase).isLessThan(150);
          String error = rerun.output().substring(rerun.output().indexOf("huntlake: "));
          assertThat(error)
              .contains("s3a://" + BUCKET)
              .contains("did not answer")
              .doesNotContain("credentials")
              .doesNotContain(S3Server.SECRET_KEY);
        }
        assertThat(LakeContents.of(spark, config.storage().lake()))
            .as("after an outage at '%s'", phase)
            .isEqualTo(ingested);
      }
      IngestReport again =
          new IngestJob().run(spark, config, DAY, EnumSet.allOf(LogSource.class), false);
      assertThat(again.totalRows()).isPositive();
      assertThat(LakeContents.of(spark, config.storage().lake())).isEqualTo(ingested);

      // Maintenance that archives and deletes the day, with storage gone part-way through.
      List<String> maintain =
          List.of(
              "maintain",
              "--date",
              DAY.plusDays(8).toString(),
              "--set",
              "retention.audit_events=7",
              "--set",
              "retention.container_logs=7",
              "--set",
              "retention.network_flows=7");
      for (long afterMillis : List.of(12_000L)) {
        try (HuntlakeProcess interrupted =
            run(dir, s3, settings, maintain.toArray(new String[0]))) {
          interrupted.awaitLine(l -> false, Duration.ofMillis(afterMillis));
          s3.stop();
          int code = interrupted.waitFor(Duration.ofMinutes(4));
          s3.restart();
          assertThat(code).as(interrupted.output()).isIn(0, 1);
          if (code == 1) {
            assertThat(interrupted.output()).contains("huntlake: ").doesNotContain("credentials");
          }
        }
        Map<String, List<String>> now = LakeContents.of(spark, config.storage().lake());
        long archivedOrKept =
            now.get("audit_events").size()
                + now.getOrDefault("archive_manifest", List.of()).stream()
                    .filter(r -> r.startsWith("[audit_events,"))
                    .count();
        assertThat(archivedOrKept).as("audit rows are in the lake until archived").isPositive();
      }
      picocli.CommandLine cli = io.huntlake.cli.HuntlakeCli.commandLine();
      java.io.StringWriter err = new java.io.StringWriter();
      cli.setErr(new java.io.PrintWriter(err));
      cli.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
      List<String> finish = new ArrayList<>(maintain);
      for (String setting : inProcess) {
        finish.add("--set");
        finish.add(setting);
      }
      assertThat(cli.execute(finish.toArray(new String[0]))).as(err.toString()).isZero();
      assertThat(LakeContents.of(spark, config.storage().lake()).get("audit_events"))
          .as("the expired day was deleted once archived")
          .isEmpty();
      ArchiveVerifier.Result verified =
          new ArchiveVerifier(spark, config).verify(Optional.empty(), Optional.empty());
      assertThat(verified.problems()).isEmpty();
      assertThat(verified.rows())
          .as("every ingested audit row is in the archive")
          .isGreaterThanOrEqualTo(ingested.get("audit_events").size());
    }
  }

  private static HuntlakeProcess run(
      Path dir, S3Server.Private s3, List<String> settings, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    for (String setting : settings) {
      args.add("--set");
      args.add(setting);
    }
    return HuntlakeProcess.start(dir, s3.endpoint().environment(), args);
  }
}
