package io.huntlake.cli;

import io.huntlake.pipeline.DailyPipeline;
import io.huntlake.pipeline.PipelineStep;
import picocli.CommandLine.Command;

/** {@code huntlake maintain}: compaction, retention and VACUUM for one day. */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "Keep the lake fast and within its retention: archive, verify and then delete the days"
          + " each table keeps no longer (retention.*); compact the fragmented day partitions that"
          + " remain (Z-ordered on the columns hunters filter by); copy the day's raw files to the"
          + " archive (archive.raw_files); VACUUM unused files after"
          + " maintain.vacuum_retention_hours.",
      "Idempotent: a rerun archives nothing twice and finishes what a stopped run began."
    })
final class MaintainCommand extends DayStepCommand {
  @Override
  PipelineStep step() {
    return DailyPipeline.maintain();
  }
}
