package io.huntlake.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.AnomalyScoresTable;
import io.huntlake.table.FindingsTable;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code huntlake evaluate}: reads the scores, and the findings when there are any, of a date range
 * and evaluates them on labels.
 */
public final class EvaluationJob {
  /** The scores' evaluation, and the findings' when the findings table has rows in the range. */
  public record Result(
      Evaluation.Report scores, java.util.Optional<DetectionEvaluation.Report> findings) {}

  public Result run(
      SparkSession spark, HuntlakeConfig config, String labelsFile, LocalDate from, LocalDate to) {
    List<LabelledEntity> labels =
        LabelledEntity.read(labelsFile, spark.sparkContext().hadoopConfiguration());
    Dataset<Row> scores =
        LakeTables.readDays(spark, config, AnomalyScoresTable.DEFINITION, from, to);
    Column wanted = col(AnomalyScoresTable.RANK).leq(Evaluation.KS.get(Evaluation.KS.size() - 1));
    for (LabelledEntity label : labels) {
      List<String> ids = new java.util.ArrayList<>(label.addressIds());
      ids.add(label.entityId());
      wanted =
          wanted.or(
              col(AnomalyScoresTable.EVENT_DATE)
                  .equalTo(lit(label.date()))
                  .and(col(AnomalyScoresTable.ENTITY_TYPE).equalTo(label.entityType()))
                  .and(col(AnomalyScoresTable.ENTITY_ID).isin(ids.toArray()))
                  .and(col(AnomalyScoresTable.CLUSTER).equalTo(label.cluster())));
    }
    List<Evaluation.Scored> rows =
        scores
            .where(wanted)
            .select(
                AnomalyScoresTable.EVENT_DATE,
                AnomalyScoresTable.ENTITY_TYPE,
                AnomalyScoresTable.ENTITY_ID,
                AnomalyScoresTable.CLUSTER,
                AnomalyScoresTable.SCORE,
                AnomalyScoresTable.RANK,
                AnomalyScoresTable.BASELINE_STATUS)
            .collectAsList()
            .stream()
            .map(
                r ->
                    new Evaluation.Scored(
                        r.getAs(0),
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getDouble(4),
                        r.getInt(5),
                        r.getString(6)))
            .toList();
    if (rows.isEmpty()) {
      throw Errors.missingPrerequisite(
          "evaluate",
          from + ".." + to,
          "anomaly_scores has no rows for these days",
          "huntlake run --from " + from + " --to " + to);
    }
    return new Result(
        Evaluation.evaluate(rows, labels, from, to, config.score().alertThreshold()),
        findings(spark, config, labels, from, to));
  }

  private static java.util.Optional<DetectionEvaluation.Report> findings(
      SparkSession spark,
      HuntlakeConfig config,
      List<LabelledEntity> labels,
      LocalDate from,
      LocalDate to) {
    List<DetectionEvaluation.Finding> findings =
        LakeTables.readDays(spark, config, FindingsTable.DEFINITION, from, to)
            .select(
                FindingsTable.EVENT_DATE,
                FindingsTable.RULE_ID,
                FindingsTable.SEVERITY,
                FindingsTable.ENTITY_ID,
                FindingsTable.CLUSTER,
                FindingsTable.EVIDENCE,
                FindingsTable.SUMMARY)
            .collectAsList()
            .stream()
            .map(
                r ->
                    new DetectionEvaluation.Finding(
                        r.getAs(0),
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getList(5),
                        r.getString(6)))
            .toList();
    return findings.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(DetectionEvaluation.evaluate(findings, labels, from, to));
  }
}
