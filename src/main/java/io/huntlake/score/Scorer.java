package io.huntlake.score;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.huntlake.config.ScoreSettings;
import io.huntlake.table.AnomalyScoresTable;
import io.huntlake.table.EntityColumns;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Combines the strategies' reasons into one explained score per entity and day.
 *
 * <p>Each reason counts {@code weight(kind) × strength}; an entity's score is {@code 100 × (1 −
 * e^(−sum))}, so one full-strength reason of weight 1 gives 63, two give 86, and the score never
 * passes 100. Each reason's contribution is its share of the score in points, so the contributions
 * of a row add up to its score.
 */
public final class Scorer {
  /** The strategies, in the order their reasons are computed. */
  public static final List<ScoringStrategy> STRATEGIES =
      List.of(new RobustDeviation(), new Novelty(), new PeerRarity(), new VolumeChange());

  /** How many reasons make up the one-line summary. */
  static final int SUMMARY_REASONS = 3;

  private final ScoreSettings settings;
  private final List<ScoringStrategy> strategies;

  public Scorer(ScoreSettings settings) {
    this(settings, STRATEGIES);
  }

  Scorer(ScoreSettings settings, List<ScoringStrategy> strategies) {
    this.settings = settings;
    this.strategies = List.copyOf(strategies);
  }

  /** The scored rows of one entity type, not yet ranked (rank is 0). */
  public Dataset<Row> score(ScoringInput input, LocalDate day) {
    Dataset<Row> reasons = null;
    for (ScoringStrategy strategy : strategies) {
      Dataset<Row> part =
          strategy
              .reasons(input, settings)
              .withColumn(AnomalyScoresTable.REASON_KIND, lit(strategy.kind()))
              .withColumn(
                  "weighted", col(ScoringStrategy.STRENGTH).multiply(strategy.weight(settings)));
      reasons = reasons == null ? part : reasons.unionByName(part);
    }
    Column reason =
        struct(
            col("weighted"),
            col(ScoringStrategy.FEATURE).as(AnomalyScoresTable.REASON_FEATURE),
            col(ScoringStrategy.OBSERVED).as(AnomalyScoresTable.REASON_OBSERVED),
            col(ScoringStrategy.BASELINE).as(AnomalyScoresTable.REASON_BASELINE),
            col(ScoringStrategy.DEVIATION).as(AnomalyScoresTable.REASON_DEVIATION),
            col(AnomalyScoresTable.REASON_KIND),
            col(ScoringStrategy.DETAIL).as(AnomalyScoresTable.REASON_DETAIL));
    Dataset<Row> perEntity =
        onePerSignal(reasons.where(col("weighted").gt(0)), input)
            .groupBy(col(EntityColumns.CLUSTER), col(EntityColumns.ENTITY_ID))
            .agg(
                sum(col("weighted")).as("total"),
                sort_array(collect_list(reason), false).as("raw"));

    Column total = coalesce(col("total"), lit(0.0));
    Column score = round(lit(100.0).multiply(lit(1.0).minus(exp(total.multiply(-1)))), 1);
    return input
        .entities()
        .join(
            perEntity,
            io.huntlake.spark.JoinKeys.of(EntityColumns.CLUSTER, EntityColumns.ENTITY_ID),
            "left")
        .withColumn(AnomalyScoresTable.SCORE, score)
        .withColumn(
            AnomalyScoresTable.REASONS, explained(col("raw"), col(AnomalyScoresTable.SCORE), total))
        .withColumn(AnomalyScoresTable.EVENT_DATE, lit(day))
        .withColumn(AnomalyScoresTable.ENTITY_TYPE, lit(input.features().entityType()))
        .withColumn(AnomalyScoresTable.RANK, lit(0))
        .withColumn(
            AnomalyScoresTable.ALERT, col(AnomalyScoresTable.SCORE).geq(settings.alertThreshold()))
        .withColumn(
            AnomalyScoresTable.BASELINE_WINDOW_START,
            lit(day.minusDays(input.window().windowDays())))
        .withColumn(AnomalyScoresTable.BASELINE_WINDOW_END, lit(day.minusDays(1)))
        .withColumn(AnomalyScoresTable.SUMMARY, summary(input))
        .withColumn(AnomalyScoresTable.MODEL_VERSION, lit(settings.modelVersion()))
        .select(
            Arrays.stream(AnomalyScoresTable.SCHEMA.fieldNames())
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
  }

  /**
   * Keeps the strongest reason of each entity, kind and signal, and names the others in its detail.
   * Correlated features describe one event (a connection fills a workload's destination, port and
   * DNS name sets; a burst raises an edge's bytes and packets): counting each would score one event
   * two or three times.
   */
  private static Dataset<Row> onePerSignal(Dataset<Row> reasons, ScoringInput input) {
    Column[] signalKey = {
      col(EntityColumns.CLUSTER),
      col(EntityColumns.ENTITY_ID),
      col(AnomalyScoresTable.REASON_KIND),
      col("signal")
    };
    Column strongestFirst =
        row_number()
            .over(
                Window.partitionBy(signalKey)
                    .orderBy(col("weighted").desc(), col(ScoringStrategy.FEATURE)));
    Column others =
        array_remove(
            collect_list(col(ScoringStrategy.FEATURE)).over(Window.partitionBy(signalKey)),
            col(ScoringStrategy.FEATURE));
    Column detail =
        when(size(col("others")).equalTo(0), col(ScoringStrategy.DETAIL))
            .otherwise(
                concat(
                    col(ScoringStrategy.DETAIL),
                    lit(" (counted once with "),
                    array_join(array_sort(col("others")), ", "),
                    lit(")")));
    return reasons
        .withColumn("signal", input.features().signalOf(col(ScoringStrategy.FEATURE)))
        .withColumn("nth", strongestFirst)
        .withColumn("others", others)
        .where(col("nth").equalTo(1))
        .withColumn(ScoringStrategy.DETAIL, detail)
        .drop("signal", "nth", "others");
  }

  /** Ranks the scored rows of all entity types within each day: 1 is the most anomalous. */
  public static Dataset<Row> ranked(Dataset<Row> scored) {
    return scored.withColumn(
        AnomalyScoresTable.RANK,
        row_number()
            .over(
                Window.partitionBy(col(AnomalyScoresTable.EVENT_DATE))
                    .orderBy(
                        col(AnomalyScoresTable.SCORE).desc(),
                        col(AnomalyScoresTable.ENTITY_TYPE),
                        col(AnomalyScoresTable.CLUSTER),
                        col(AnomalyScoresTable.ENTITY_ID))));
  }

  /** The raw reasons, strongest first, with each one's weight turned into score points. */
  private static Column explained(Column raw, Column score, Column total) {
    Column reasons =
        transform(
            raw,
            r ->
                struct(
                    r.getField(AnomalyScoresTable.REASON_FEATURE)
                        .as(AnomalyScoresTable.REASON_FEATURE),
                    r.getField(AnomalyScoresTable.REASON_OBSERVED)
                        .as(AnomalyScoresTable.REASON_OBSERVED),
                    r.getField(AnomalyScoresTable.REASON_BASELINE)
                        .as(AnomalyScoresTable.REASON_BASELINE),
                    round(r.getField(AnomalyScoresTable.REASON_DEVIATION), 3)
                        .as(AnomalyScoresTable.REASON_DEVIATION),
                    r.getField(AnomalyScoresTable.REASON_KIND).as(AnomalyScoresTable.REASON_KIND),
                    round(score.multiply(r.getField("weighted")).divide(total), 1)
                        .as(AnomalyScoresTable.REASON_CONTRIBUTION),
                    r.getField(AnomalyScoresTable.REASON_DETAIL)
                        .as(AnomalyScoresTable.REASON_DETAIL)));
    return when(
            raw.isNull(),
            org.apache
                .spark
                .sql
                .functions
                .array()
                .cast(
                    org.apache.spark.sql.types.DataTypes.createArrayType(
                        AnomalyScoresTable.REASON, false)))
        .otherwise(reasons);
  }

  private Column summary(ScoringInput input) {
    Column top =
        concat_ws(
            "; ",
            slice(
                transform(
                    col(AnomalyScoresTable.REASONS),
                    r -> r.getField(AnomalyScoresTable.REASON_DETAIL)),
                1,
                SUMMARY_REASONS));
    return when(
            col(ScoringInput.STATUS).equalTo(AnomalyScoresTable.STATUS_WARMING_UP),
            format_string(
                "not scored: the cluster has %d of the %d days of history scoring needs",
                col(ScoringInput.CLUSTER_DAYS), lit(input.window().minDays())))
        .when(size(col(AnomalyScoresTable.REASONS)).equalTo(0), lit("normal"))
        .otherwise(top);
  }
}
