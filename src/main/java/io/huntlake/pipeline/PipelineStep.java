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
}
