package io.huntlake.cli;

import io.huntlake.pipeline.DailyPipeline;
import io.huntlake.pipeline.PipelineStep;
import picocli.CommandLine.Command;

/** {@code huntlake features}: one day of the features step. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "Compute one day's activity features per user, workload and flow edge into user_activity_daily, workload_activity_daily and flow_edge_daily.",
      "Idempotent: rerunning a day replaces exactly that day's rows."
    })
final class FeaturesCommand extends DayStepCommand {
  @Override
  PipelineStep step() {
    return DailyPipeline.features();
  }
}
