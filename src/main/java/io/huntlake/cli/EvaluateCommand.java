package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.evaluate.DetectionEvaluation;
import io.huntlake.evaluate.EvaluationJob;
import io.huntlake.evaluate.EvaluationText;
import io.huntlake.spark.Steps;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code huntlake evaluate}: precision and recall of the anomaly scores against labels. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate anomaly_scores against the labels.jsonl 'huntlake generate' writes: each"
          + " labelled entity's rank, precision and recall at 5, 10 and 20 per day and overall,"
          + " and the top score of days without a scenario.",
      "Reads only; run the pipeline for the days first."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Mixin DateOptions dates;

  @Option(
      names = "--labels",
      required = true,
      paramLabel = "FILE",
      description = "The labels.jsonl written by huntlake generate (local path or URI).")
  String labels;

  @Mixin FormatOptions format;

  @Override
  public Integer call() {
    boolean json = format.json();
    HuntlakeConfig config = configOptions.load();
    SparkSession spark = SparkCommand.session(configOptions, config, "evaluate");
    EvaluationJob.Result result =
        Steps.run(
            spark,
            "evaluate",
            "evaluate " + dates.first() + ".." + dates.last(),
            () -> new EvaluationJob().run(spark, config, labels, dates.first(), dates.last()));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(EvaluationText.json(result) + "\n");
    } else {
      out.print(EvaluationText.table(result.scores()));
      result.findings().ifPresent(f -> out.print(DetectionEvaluation.table(f)));
    }
    out.flush();
    return 0;
  }
}
