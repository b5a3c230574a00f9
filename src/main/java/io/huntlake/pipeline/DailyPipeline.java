package io.huntlake.pipeline;

import io.huntlake.baseline.BaselineJob;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.detect.DetectJob;
import io.huntlake.error.Errors;
import io.huntlake.error.HuntlakeException;
import io.huntlake.features.FeaturesJob;
import io.huntlake.gaps.GapsJob;
import io.huntlake.ingest.IngestJob;
import io.huntlake.maintain.MaintainJob;
import io.huntlake.score.ScoreJob;
import io.huntlake.spark.Steps;
import io.huntlake.volume.VolumeJob;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * The daily pipeline, step by step, for each date of a range in order, in one Spark session. A
 * failed step stops the run naming the date and step; rerunning resumes correctly because every
 * step replaces only what it owns for its date.
 */
public final class DailyPipeline {
  private final List<PipelineStep> steps;

  public DailyPipeline(List<PipelineStep> steps) {
    this.steps = List.copyOf(steps);
  }

  /** Every step HuntLake has, in dependency order. */
  public static DailyPipeline standard() {
    return new DailyPipeline(
        List.of(
            ingest(false),
            features(),
            baseline(),
            score(),
            gaps(),
            detect(),
            volume(),
            maintain()));
  }

  /** Log-delivery gaps of the day (before detect, whose audit-gap rule reads them). */
  public static PipelineStep gaps() {
    return step("gaps", (spark, config, date) -> new GapsJob().run(spark, config, date).summary());
  }

  /**
   * The day's log volume per talker; after the last day of a range, the capacity report as of that
   * day (one report, however long the range).
   */
  public static PipelineStep volume() {
    return new PipelineStep() {
      @Override
      public String name() {
        return "volume";
      }

      @Override
      public String run(SparkSession spark, HuntlakeConfig config, LocalDate date) {
        return new VolumeJob().measure(spark, config, date).summary();
      }

      @Override
      public java.util.Optional<String> afterRange(
          SparkSession spark, HuntlakeConfig config, LocalDate last) {
        return java.util.Optional.of(
            new VolumeJob().report(spark, config, last, java.util.Optional.empty()).summary());
      }
    };
  }

  /** Compaction, retention with verified archives, and VACUUM, after the day's analytics. */
  public static PipelineStep maintain() {
    return step(
        "maintain",
        (spark, config, date) -> {
          MaintainJob.Report report = new MaintainJob().run(spark, config, date);
          return String.join(
              "\n",
              java.util.stream.Stream.concat(
                      java.util.stream.Stream.of(report.summary()), report.details().stream())
                  .toList());
        });
  }

  /** Daily features per user, workload and flow edge. */
  public static PipelineStep features() {
    return step(
        "features", (spark, config, date) -> new FeaturesJob().run(spark, config, date).summary());
  }

  /** Baselines for the day from the window before it. */
  public static PipelineStep baseline() {
    return step(
        "baseline", (spark, config, date) -> new BaselineJob().run(spark, config, date).summary());
  }

  /** Explained anomaly scores for the day. */
  public static PipelineStep score() {
    return step(
        "score", (spark, config, date) -> new ScoreJob().run(spark, config, date).summary());
  }

  /** Rule findings for the day (after baseline: first-contact rules read the day's baseline). */
  public static PipelineStep detect() {
    return step(
        "detect", (spark, config, date) -> new DetectJob().run(spark, config, date).summary());
  }

  private static PipelineStep step(String name, Body body) {
    return new PipelineStep() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String run(SparkSession spark, HuntlakeConfig config, LocalDate date) {
        return body.run(spark, config, date);
      }
    };
  }

  /** What a step does for one date; returns its summary line. */
  @FunctionalInterface
  private interface Body {
    String run(SparkSession spark, HuntlakeConfig config, LocalDate date);
  }

  /** Ingest of every source for the date. */
  public static PipelineStep ingest(boolean allowMissing) {
    return new PipelineStep() {
      @Override
      public String name() {
        return "ingest";
      }

      @Override
      public String run(SparkSession spark, HuntlakeConfig config, LocalDate date) {
        return new IngestJob()
            .run(spark, config, date, config.enabledSources(), allowMissing)
            .summary();
      }
    };
  }

  /**
   * Only the named steps, in pipeline order: for rerunning, say, scoring over a range after a
   * config change without ingesting again.
   */
  public DailyPipeline only(List<String> names) {
    for (String name : names) {
      if (!stepNames().contains(name)) {
        throw Errors.badArgument(
            "--steps",
            "'" + name + "' is not a pipeline step",
            "Use some of " + String.join(", ", stepNames()) + ", comma-separated.");
      }
    }
    return new DailyPipeline(steps.stream().filter(s -> names.contains(s.name())).toList());
  }

  /** The summary with the step's wall time after its first line (the one-line summary). */
  static String withSeconds(String summary, double seconds) {
    int end = summary.indexOf('\n');
    String time = String.format(java.util.Locale.ROOT, " (%.1f s)", seconds);
    return end < 0 ? summary + time : summary.substring(0, end) + time + summary.substring(end);
  }

  public List<String> stepNames() {
    return steps.stream().map(PipelineStep::name).toList();
  }

  public void run(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate from,
      LocalDate to,
      Consumer<String> log) {
    for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
      for (PipelineStep step : steps) {
        LocalDate day = date;
        timed(spark, step, day, log, () -> step.run(spark, config, day));
      }
    }
    for (PipelineStep step : steps) {
      timed(spark, step, to, log, () -> step.afterRange(spark, config, to).orElse(null));
    }
  }

  /** Runs one step's work under its job group and logs its summary (if any) with its time. */
  private static void timed(
      SparkSession spark,
      PipelineStep step,
      LocalDate day,
      Consumer<String> log,
      java.util.function.Supplier<String> work) {
    try {
      long started = System.nanoTime();
      String summary = Steps.run(spark, step.name(), step.name() + " " + day, work);
      if (summary != null) {
        log.accept(withSeconds(summary, (System.nanoTime() - started) / 1e9));
      }
    } catch (HuntlakeException e) {
      throw Errors.pipelineStepFailed(step.name(), day.toString(), e);
    }
  }
}
