package io.huntlake.score;

import static org.apache.spark.sql.functions.col;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.features.EntityFeatures;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.AnomalyScoresTable;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code huntlake score}: every entity active on day D, scored against D's baselines and ranked
 * across entity types, replacing D's partition of {@code anomaly_scores}.
 */
public final class ScoreJob {
  /** What a run scored. */
  public record Report(LocalDate date, long entities, long alerts, List<Row> top) {
    public String summary() {
      return "score " + date + ": entities=" + entities + " alerts=" + alerts;
    }
  }

  /** How many top rows the report carries (the demo prints them). */
  static final int TOP = 10;

  public Report run(SparkSession spark, HuntlakeConfig config, LocalDate date) {
    Scorer scorer = new Scorer(config.score());
    Dataset<Row> scored = null;
    List<ScoringInput> inputs = new java.util.ArrayList<>();
    try {
      for (EntityFeatures features : EntityFeatures.ALL) {
        Dataset<Row> today = LakeTables.readDay(spark, config, features.daily(), date);
        Dataset<Row> baseline = LakeTables.readDay(spark, config, features.baseline(), date);
        requireBaseline(spark, config, features, date, baseline);
        ScoringInput input =
            ScoringInput.of(
                    features, today, baseline, config.baseline(), config.score().peerMinPeers())
                .cached();
        inputs.add(input);
        Dataset<Row> part = scorer.score(input, date);
        scored = scored == null ? part : scored.unionByName(part);
      }
      LakeTables.replaceDay(
          spark, config, AnomalyScoresTable.DEFINITION, date, Scorer.ranked(scored));
    } finally {
      inputs.forEach(ScoringInput::unpersist);
    }
    Dataset<Row> written = LakeTables.readDay(spark, config, AnomalyScoresTable.DEFINITION, date);
    long entities = written.count();
    long alerts = written.where(col(AnomalyScoresTable.ALERT)).count();
    List<Row> top =
        written
            .where(col(AnomalyScoresTable.RANK).leq(TOP))
            .orderBy(AnomalyScoresTable.RANK)
            .collectAsList();
    return new Report(date, entities, alerts, top);
  }

  /**
   * An empty baseline is right when the window has no history (a new lake); when it has, the
   * baseline step has not run for the day, and scoring would call everything new.
   */
  private static void requireBaseline(
      SparkSession spark,
      HuntlakeConfig config,
      EntityFeatures features,
      LocalDate date,
      Dataset<Row> baseline) {
    if (!baseline.isEmpty()) {
      return;
    }
    Dataset<Row> window =
        LakeTables.readDays(
            spark,
            config,
            features.daily(),
            date.minusDays(config.baseline().windowDays()),
            date.minusDays(1));
    if (!window.isEmpty()) {
      throw Errors.missingPrerequisite(
          "score",
          date.toString(),
          features.baseline().name()
              + " has no rows for it, though "
              + features.daily().name()
              + " has history before it",
          "huntlake baseline --date " + date);
    }
  }
}
