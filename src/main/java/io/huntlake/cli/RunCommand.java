package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.pipeline.DailyPipeline;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code huntlake run}: the daily pipeline over a date range. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run every pipeline step, in order, for each day of a range, in one Spark session.",
      "A failed step stops the run naming the day and step; rerunning resumes safely."
    })
final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Mixin DateOptions dates;

  @Option(
      names = "--steps",
      split = ",",
      paramLabel = "STEP,...",
      description =
          "Run only these steps (in pipeline order), e.g. features,baseline,score to recompute"
              + " scores after a config change. Default: every step.")
  List<String> steps;

  @Override
  public Integer call() {
    HuntlakeConfig config = configOptions.load();
    dates.first();
    SparkSession spark = SparkCommand.session(configOptions, config, "run");
    PrintWriter out = spec.commandLine().getOut();
    DailyPipeline pipeline =
        steps == null ? DailyPipeline.standard() : DailyPipeline.standard().only(steps);
    pipeline.run(
        spark,
        config,
        dates.first(),
        dates.last(),
        line -> {
          out.println(line);
          out.flush();
        });
    return 0;
  }
}
