package io.huntlake.pipeline;

import io.huntlake.config.HuntlakeConfig;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/** One step of the daily pipeline: idempotent for a date, so a rerun or backfill is safe. */
public interface PipelineStep {
  /** The step's name, as on the command line and in job groups. */
  String name();

  /** Runs the step for one date and returns its one-line summary. */
  String run(SparkSession spark, HuntlakeConfig config, LocalDate date);

  /**
   * What the step does once after the last date of a range, such as a report as of that date, so
   * that a backfill of a year does not write a year of reports; its summary, or empty.
   */
  default java.util.Optional<String> afterRange(
      SparkSession spark, HuntlakeConfig config, LocalDate last) {
    return java.util.Optional.empty();
  }
}
