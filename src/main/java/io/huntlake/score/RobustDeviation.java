package io.huntlake.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.huntlake.config.ScoreSettings;
import io.huntlake.features.EntityFeatures.Measure;
import io.huntlake.table.EntityColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A numeric feature far above normal, measured by a robust z-score: (value − median) / (1.4826 ×
 * MAD), the MAD scaled so that it estimates the standard deviation of normal data but is not
 * dragged up by the outliers it is meant to find. One-sided: only increases count, since a quiet
 * day is not a threat. Counts and ratios only: volumes vary by orders of magnitude and are the
 * {@link VolumeChange} strategy's. An established entity is compared with its own window; a new one
 * with the 95th percentile of its peer group. The spread has floors (absolute, for ratios, and
 * relative to the median) so that a perfectly steady history does not turn every small wobble into
 * an anomaly.
 */
public final class RobustDeviation implements ScoringStrategy {
  /** Scales a MAD to estimate the standard deviation of normally distributed data. */
  private static final double MAD_TO_SIGMA = 1.4826;

  @Override
  public String kind() {
    return "deviation";
  }

  @Override
  public double weight(ScoreSettings settings) {
    return settings.weights().deviation();
  }

  @Override
  public Dataset<Row> reasons(ScoringInput input, ScoreSettings settings) {
    Column reference = References.value();
    Column mad =
        when(References.established(), col(ScoringInput.OWN_MAD))
            .otherwise(col(ScoringInput.PEER_MAD));
    Column usable = References.exists(settings, input.window().minDays());
    Column measured =
        col(ScoringStrategy.FEATURE)
            .isin(
                java.util.stream.Stream.concat(
                        input.features().numericNamed(Measure.COUNT).stream(),
                        input.features().numericNamed(Measure.RATIO).stream())
                    .toArray());
    Column ratioFeature =
        col(ScoringStrategy.FEATURE).isin(input.features().numericNamed(Measure.RATIO).toArray());
    Column floor =
        when(ratioFeature, lit(settings.minScaleRatio())).otherwise(lit(settings.minScale()));
    Column scale =
        greatest(
            lit(MAD_TO_SIGMA).multiply(mad),
            floor,
            lit(settings.relativeScale()).multiply(reference));
    Column z = col(ScoringInput.VALUE).minus(reference).divide(scale);
    Column strength =
        least(lit(1.0), z.minus(settings.minZ()).divide(settings.fullZ() - settings.minZ()));
    Column against =
        References.described(
            format_string("its own %d-day median", lit(input.window().windowDays())));
    return input
        .numeric()
        .where(usable.and(measured))
        .withColumn("reference", reference)
        .withColumn("z", z)
        .where(col("z").gt(settings.minZ()))
        .select(
            col(EntityColumns.CLUSTER),
            col(EntityColumns.ENTITY_ID),
            col(ScoringStrategy.FEATURE),
            col(ScoringInput.VALUE).as(OBSERVED),
            col("reference").as(BASELINE),
            col("z").as(DEVIATION),
            strength.as(STRENGTH),
            concat(
                    col(ScoringStrategy.FEATURE),
                    lit(" "),
                    Text.number(col(ScoringInput.VALUE)),
                    lit(" vs "),
                    Text.number(col("reference")),
                    lit(", "),
                    against,
                    format_string(" (robust z %.1f)", col("z")))
                .as(DETAIL));
  }
}
