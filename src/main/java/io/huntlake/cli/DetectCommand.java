package io.huntlake.cli;

import io.huntlake.pipeline.DailyPipeline;
import io.huntlake.pipeline.PipelineStep;
import picocli.CommandLine.Command;

/** {@code huntlake detect}: one day of the detect step. */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Run every enabled detection rule over a day's events, features and baselines into"
          + " findings: one row per rule, entity and namespace, with evidence and a summary.",
      "Idempotent: rerunning a day replaces exactly that day's findings."
    })
final class DetectCommand extends DayStepCommand {
  @Override
  PipelineStep step() {
    return DailyPipeline.detect();
  }
}
