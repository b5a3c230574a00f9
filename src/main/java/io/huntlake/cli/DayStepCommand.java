package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.pipeline.PipelineStep;
import io.huntlake.spark.Steps;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command that runs one pipeline step for one day: features, baseline, score. */
abstract class DayStepCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "The day to compute; only its partition is replaced.")
  LocalDate date;

  abstract PipelineStep step();

  @Override
  public Integer call() {
    HuntlakeConfig config = configOptions.load();
    PipelineStep step = step();
    SparkSession spark = SparkCommand.session(configOptions, config, step.name());
    String summary =
        Steps.run(
            spark, step.name(), step.name() + " " + date, () -> step.run(spark, config, date));
    PrintWriter out = spec.commandLine().getOut();
    out.println(summary);
    out.flush();
    return 0;
  }
}
