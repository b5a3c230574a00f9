package io.huntlake.cli;

import io.huntlake.pipeline.DailyPipeline;
import io.huntlake.pipeline.PipelineStep;
import picocli.CommandLine.Command;

/** {@code huntlake gaps}: one day of the log-delivery gap check. */
@Command(
    name = "gaps",
    mixinStandardHelpOptions = true,
    description = {
      "Find where log delivery failed on a day: hours a cluster's source sent nothing or far less"
          + " than the same hour usually has, and files whose events lie outside their folder's"
          + " day. Writes delivery_gaps; detect then raises a finding for missing audit logs.",
      "Idempotent: rerunning a day replaces exactly that day's gaps."
    })
final class GapsCommand extends DayStepCommand {
  @Override
  PipelineStep step() {
    return DailyPipeline.gaps();
  }
}
