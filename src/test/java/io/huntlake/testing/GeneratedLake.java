package io.huntlake.testing;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.pipeline.DailyPipeline;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Ten generated days (small scale, every labelled scenario) run through the whole daily pipeline
 * once per test run and shared by the test classes that read them: the run costs minutes, and every
 * class that needs a realistic lake would otherwise pay them again. Raw events are kept a week, so
 * the run's own maintain archives and expires the first days. Tests may rerun steps (they are
 * idempotent) and write days after {@link #LAST}, nothing else.
 */
public final class GeneratedLake {
  public static final LocalDate START = LocalDate.of(2026, 11, 1);

  /** A week of warm-up, then three days holding all the scenarios. */
  public static final int DAYS = 10;

  public static final LocalDate LAST = START.plusDays(DAYS - 1);

  private static GeneratedLake shared;

  private final Path dir;
  private final HuntlakeConfig config;

  private GeneratedLake(Path dir, HuntlakeConfig config) {
    this.dir = dir;
    this.config = config;
  }

  /** The lake, built on first use. */
  public static synchronized GeneratedLake get(SparkSession spark) {
    if (shared == null) {
      shared = build(spark);
    }
    return shared;
  }

  public HuntlakeConfig config() {
    return config;
  }

  /** The labels the generator wrote. */
  public Path labels() {
    return dir.resolve("raw").resolve("labels.jsonl");
  }

  public Path dir() {
    return dir;
  }

  private static GeneratedLake build(SparkSession spark) {
    try {
      Path dir = Files.createTempDirectory("huntlake-generated");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      RawLogs logs = new RawLogs(dir);
      HuntlakeConfig config =
          logs.config(
              "retention.audit_events=7",
              "retention.container_logs=7",
              "retention.network_flows=7",
              "retention.rejects=7");
      SyntheticCluster.generate(
          new SyntheticCluster.Options(logs.raw(), START, DAYS, 42, Scale.SMALL, true));
      // Maintain runs once, on the last day: daily maintenance is what the demo runs; here it
      // would cost minutes of compaction and archiving for no assertion the last day's run does
      // not cover.
      List<String> daily = new ArrayList<>(DailyPipeline.standard().stepNames());
      daily.remove("maintain");
      DailyPipeline.standard().only(daily).run(spark, config, START, LAST, line -> {});
      DailyPipeline.standard().only(List.of("maintain")).run(spark, config, LAST, LAST, l -> {});
      return new GeneratedLake(dir, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at exit: the folder is under java.io.tmpdir
    }
  }
}
