package io.huntlake.testing;

import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.pipeline.DailyPipeline;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.SparkSession;

/**
 * Ten generated days (small scale, every labelled scenario) run through the whole daily pipeline
 * once per test run and shared by the test classes that read them: the run costs minutes, and every
 * class that needs a realistic lake would otherwise pay them again. It lives in {@code
 * target/generated-lake} with its config file, so the notebooks' integration test reads the same
 * lake. Raw events are kept a week, so the run's own maintain archives and expires the first days;
 * the state before maintain is kept beside it ({@link #beforeMaintain()}). Tests may rerun steps
 * (they are idempotent) and write days after {@link #LAST}, nothing else.
 */
public final class GeneratedLake {
  public static final LocalDate START = LocalDate.of(2026, 11, 1);

  /** A week of warm-up, then three days holding all the scenarios. */
  public static final int DAYS = 10;

  public static final LocalDate LAST = START.plusDays(DAYS - 1);

  private static CompletableFuture<GeneratedLake> shared;

  private final Path dir;
  private final HuntlakeConfig config;

  private GeneratedLake(Path dir, HuntlakeConfig config) {
    this.dir = dir;
    this.config = config;
  }

  /** The lake, built on first use in this JVM (a previous run's is replaced). */
  public static GeneratedLake get(SparkSession spark) {
    try {
      return startBuilding(spark).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * Starts building the lake in the background unless it is built or being built: the test run does
   * so when it starts (BuildGeneratedLakeEarly), so the minutes it takes overlap the classes that
   * do not need it, instead of starting when the first class that needs it does.
   */
  public static synchronized CompletableFuture<GeneratedLake> startBuilding(SparkSession spark) {
    if (shared == null) {
      shared = CompletableFuture.supplyAsync(() -> build(spark), GeneratedLake::runInOwnThread);
    }
    return shared;
  }

  /**
   * The lake a previous test run left in {@code target/}, if it is newer than every compiled class
   * (so running one read-only class again need not rebuild it); else a fresh one.
   */
  public static GeneratedLake reuseOrBuild(SparkSession spark) {
    synchronized (GeneratedLake.class) {
      Path dir = location();
      Path marker = dir.resolve(COMPLETE);
      if (shared == null && Files.exists(marker) && newerThanClasses(marker)) {
        shared =
            CompletableFuture.completedFuture(
                new GeneratedLake(dir, load(dir.resolve(CONFIG_FILE))));
      }
    }
    return get(spark);
  }

  private static void runInOwnThread(Runnable build) {
    Thread thread = new Thread(build, "generated-lake");
    thread.setDaemon(true);
    thread.start();
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

  /** The config file the lake was built with, for commands and notebooks ({@code --config}). */
  public Path configFile() {
    return dir.resolve(CONFIG_FILE);
  }

  /**
   * The raw logs and the lake as they were after every step but maintain ran on every day, laid out
   * as {@link RawLogs} lays them out: for tests of maintenance, which copy it.
   */
  public Path beforeMaintain() {
    return dir.resolve(BEFORE_MAINTAIN);
  }

  /** Copies a folder tree (files and folders only). */
  public static void copyTree(Path from, Path to) {
    try (var paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }

  private static final String BEFORE_MAINTAIN = "before-maintain";
  private static final String CONFIG_FILE = "huntlake.yaml";
  private static final String COMPLETE = "COMPLETE";

  private static Path location() {
    return Projects.root().resolve("target").resolve("generated-lake");
  }

  private static GeneratedLake build(SparkSession spark) {
    try {
      Path dir = location();
      delete(dir);
      Files.createDirectories(dir);
      RawLogs logs = new RawLogs(dir);
      Path configFile = dir.resolve(CONFIG_FILE);
      Files.writeString(
          configFile,
          String.join(
              "\n",
              "# The generated test lake (testing/GeneratedLake): raw events kept a week.",
              "storage:",
              "  raw: " + logs.raw(),
              "  lake: " + logs.lake(),
              "  archive: " + dir.resolve("archive"),
              "  reports: " + dir.resolve("reports"),
              "sources:",
              "  events:",
              "    enabled: true",
              "retention:",
              "  audit_events: 7",
              "  container_logs: 7",
              "  network_flows: 7",
              "  k8s_events: 7",
              "  rejects: 7",
              ""));
      HuntlakeConfig config = load(configFile);
      SyntheticCluster.generate(
          new SyntheticCluster.Options(logs.raw(), START, DAYS, 42, Scale.SMALL, true));
      // Maintain runs once, on the last day: daily maintenance is what the demo runs; here it
      // would cost minutes of compaction and archiving for no assertion the last day's run does
      // not cover.
      List<String> daily = new ArrayList<>(DailyPipeline.standard().stepNames());
      daily.remove("maintain");
      DailyPipeline.standard().only(daily).run(spark, config, START, LAST, line -> {});
      copyTree(logs.raw(), dir.resolve(BEFORE_MAINTAIN).resolve("raw"));
      copyTree(logs.lake(), dir.resolve(BEFORE_MAINTAIN).resolve("lake"));
      DailyPipeline.standard().only(List.of("maintain")).run(spark, config, LAST, LAST, l -> {});
      Files.writeString(dir.resolve(COMPLETE), "built by " + GeneratedLake.class.getName() + "\n");
      return new GeneratedLake(dir, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HuntlakeConfig load(Path configFile) {
    return new ConfigLoader(Map.of(), configFile.getParent())
        .load(Optional.of(configFile), List.of());
  }

  private static boolean newerThanClasses(Path marker) {
    try {
      FileTime built = Files.getLastModifiedTime(marker);
      for (String folder : List.of("classes", "test-classes")) {
        Path root = Projects.root().resolve("target").resolve(folder);
        if (Files.isDirectory(root)) {
          try (var files = Files.walk(root)) {
            if (files.anyMatch(f -> modifiedAfter(f, built))) {
              return false;
            }
          }
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean modifiedAfter(Path file, FileTime time) {
    try {
      return Files.getLastModifiedTime(file).compareTo(time) > 0;
    } catch (IOException e) {
      return true;
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the previous generated lake " + dir, e);
    }
  }
}
