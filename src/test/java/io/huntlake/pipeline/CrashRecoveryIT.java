package io.huntlake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.archive.ArchiveVerifier;
import io.huntlake.cli.HuntlakeCli;
import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.testing.HuntlakeProcess;
import io.huntlake.testing.LakeContents;
import io.huntlake.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the steps of two generated days (ingest, features, detect, archive, maintain with
 * retention that archives and deletes a day) run as real {@code huntlake} processes that are killed
 * with SIGKILL at 20 points (at each phase of ingest, and at seeded random moments of the others),
 * each step finally rerun to completion. Every table must then equal, by content, the lake of a
 * clean run of the same steps, and the archive must verify.
 */
// Long: starts first (testing/LakeReadersLast).
@org.junit.jupiter.api.Order(1)
@ExtendWith(SharedSpark.class)
class CrashRecoveryIT {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate D2 = D1.plusDays(1);

  /** Maintaining this day with 7-day retention expires D1: archived, verified, then deleted. */
  private static final LocalDate MAINTAIN = D1.plusDays(8);

  /** A step of the pipeline and where to kill it: ingest's log lines, or random moments. */
  private record Step(List<String> args, List<String> killAtLines, int randomKills) {}

  private static final List<Step> STEPS =
      List.of(
          new Step(
              List.of("ingest", "--date", D1.toString()),
              List.of(
                  "files listed",
                  "files surveyed",
                  "ledger reconciled",
                  "audit_events written",
                  "container_logs written",
                  "network_flows written"),
              0),
          new Step(List.of("ingest", "--date", D2.toString()), List.of(), 1),
          new Step(List.of("features", "--date", D2.toString()), List.of(), 3),
          new Step(List.of("detect", "--date", D2.toString()), List.of(), 3),
          new Step(List.of("archive", "--date", D1.toString()), List.of(), 3),
          new Step(
              List.of(
                  "maintain",
                  "--date",
                  MAINTAIN.toString(),
                  "--set",
                  "retention.audit_events=7",
                  "--set",
                  "retention.container_logs=7",
                  "--set",
                  "retention.network_flows=7"),
              List.of(),
              4));

  @Test
  void killedRunsThenRerunsLeaveTheLakeACleanRunLeaves(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path raw = dir.resolve("raw");
    SyntheticCluster.generate(new SyntheticCluster.Options(raw, D1, 2, 29, Scale.SMALL, true));
    assertThat(STEPS.stream().mapToInt(s -> s.killAtLines().size() + s.randomKills()).sum())
        .as("kill points")
        .isGreaterThanOrEqualTo(20);

    // The clean run, in this JVM: its lake is the reference, its times place the random kills.
    List<Long> millis = new ArrayList<>();
    for (Step step : STEPS) {
      long started = System.nanoTime();
      execute(arguments(dir, "clean", raw, step), step, List.of());
      millis.add((System.nanoTime() - started) / 1_000_000);
    }

    // The same steps as real processes, killed again and again, each finally run to completion.
    Random random = new Random(20261202);
    List<String> kills = new ArrayList<>();
    long startup = 0;
    for (int i = 0; i < STEPS.size(); i++) {
      Step step = STEPS.get(i);
      for (String line : step.killAtLines()) {
        long started = System.nanoTime();
        try (HuntlakeProcess run = start(dir, "killed", raw, step)) {
          boolean reached = run.awaitLine(l -> l.contains(line), Duration.ofMinutes(3));
          assertThat(reached).as("%s printed '%s'\n%s", step.args(), line, run.output()).isTrue();
          run.kill();
          kills.add(step.args().get(0) + " at '" + line + "'");
        }
        if (line.equals("files listed")) {
          // The time a process takes to start Spark and list: the random kills start after it.
          startup = (System.nanoTime() - started) / 1_000_000;
        }
      }
      for (int k = 0; k < step.randomKills(); k++) {
        // Within the first two thirds of the step: each kill costs a process start plus its delay.
        long at = startup + (long) (millis.get(i) * (0.05 + 0.6 * random.nextDouble()));
        try (HuntlakeProcess run = start(dir, "killed", raw, step)) {
          run.awaitLine(l -> false, Duration.ofMillis(at));
          boolean wasAlive = run.alive();
          run.kill();
          kills.add(step.args().get(0) + " after " + at + " ms" + (wasAlive ? "" : " (had ended)"));
        }
      }
      execute(arguments(dir, "killed", raw, step), step, kills);
    }
    assertThat(kills).hasSizeGreaterThanOrEqualTo(20);

    Map<String, List<String>> clean =
        LakeContents.of(
            spark, dir.resolve("clean/lake").toString(), dir.resolve("clean").toString());
    Map<String, List<String>> recovered =
        LakeContents.of(
            spark, dir.resolve("killed/lake").toString(), dir.resolve("killed").toString());
    assertThat(clean.keySet())
        .as("the pipeline wrote its tables")
        .contains("audit_events", "findings", "archive_manifest", "ingest_ledger");
    assertThat(recovered.keySet()).isEqualTo(clean.keySet());
    for (String table : clean.keySet()) {
      assertThat(recovered.get(table))
          .as("%s after kills %s", table, kills)
          .containsExactlyElementsOf(clean.get(table));
    }
    HuntlakeConfig config = config(dir, "killed", raw);
    assertThat(
            new ArchiveVerifier(spark, config)
                .verify(Optional.empty(), Optional.empty())
                .problems())
        .isEmpty();
  }

  /** Runs a command in this JVM (the shared session), as a rerun after the kills. */
  private static void execute(List<String> args, Step step, List<String> kills) {
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = HuntlakeCli.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    assertThat(cli.execute(args.toArray(new String[0])))
        .as("%s after kills %s\n%s", step.args(), kills, err)
        .isZero();
  }

  private static HuntlakeProcess start(Path dir, String lake, Path raw, Step step) {
    return HuntlakeProcess.start(dir, Map.of(), arguments(dir, lake, raw, step));
  }

  private static List<String> arguments(Path dir, String lake, Path raw, Step step) {
    List<String> args = new ArrayList<>(step.args());
    for (String setting : settings(dir, lake, raw)) {
      args.add("--set");
      args.add(setting);
    }
    return args;
  }

  private static List<String> settings(Path dir, String lake, Path raw) {
    Path root = dir.resolve(lake);
    return List.of(
        "storage.raw=" + raw,
        "storage.lake=" + root.resolve("lake"),
        "storage.archive=" + root.resolve("archive"),
        "storage.reports=" + root.resolve("reports"));
  }

  private static HuntlakeConfig config(Path dir, String lake, Path raw) {
    return new ConfigLoader(Map.of(), dir).load(Optional.empty(), settings(dir, lake, raw));
  }
}
