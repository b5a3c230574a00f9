package io.huntlake.cli;

import io.huntlake.pipeline.DailyPipeline;
import io.huntlake.pipeline.PipelineStep;
import picocli.CommandLine.Command;

/** {@code huntlake baseline}: one day of the baseline step. */
@Command(
    name = "baseline",
    mixinStandardHelpOptions = true,
    description = {
      "Summarise the baseline.window_days days before a day into user_baseline, workload_baseline and flow_edge_baseline: what was normal before it.",
      "Idempotent: rerunning a day replaces exactly that day's rows."
    })
final class BaselineCommand extends DayStepCommand {
  @Override
  PipelineStep step() {
    return DailyPipeline.baseline();
  }
}
