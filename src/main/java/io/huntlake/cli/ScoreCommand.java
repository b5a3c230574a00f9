package io.huntlake.cli;

import io.huntlake.pipeline.DailyPipeline;
import io.huntlake.pipeline.PipelineStep;
import picocli.CommandLine.Command;

/** {@code huntlake score}: one day of the score step. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Score every entity active on a day against its baseline and peers into anomaly_scores, with the reasons for each score.",
      "Idempotent: rerunning a day replaces exactly that day's rows."
    })
final class ScoreCommand extends DayStepCommand {
  @Override
  PipelineStep step() {
    return DailyPipeline.score();
  }
}
