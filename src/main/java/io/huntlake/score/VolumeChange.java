package io.huntlake.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;

import io.huntlake.config.ScoreSettings;
import io.huntlake.features.EntityFeatures.Measure;
import io.huntlake.table.EntityColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A volume (requests, log lines and bytes, flows, bytes sent) at many times the entity's own
 * median: what capacity planners need to see, and what a flooded log or a data transfer looks like.
 * Strength grows with the logarithm of the ratio, from score.volume.min_ratio to full at
 * score.volume.full_ratio.
 */
public final class VolumeChange implements ScoringStrategy {
  @Override
  public String kind() {
    return "volume";
  }

  @Override
  public double weight(ScoreSettings settings) {
    return settings.weights().volume();
  }

  @Override
  public Dataset<Row> reasons(ScoringInput input, ScoreSettings settings) {
    Column reference = References.value();
    Column usable = References.exists(settings, input.window().minDays());
    // +1 on both sides: a volume from 0 to 40 is a change of 41×, not a division by zero.
    Column ratio = col(ScoringInput.VALUE).plus(1).divide(col("reference").plus(1));
    Column strength =
        least(lit(1.0), log(col("ratio")).divide(Math.log(settings.volumeFullRatio())));
    Column against = References.described(lit("its median"));
    return input
        .numeric()
        .where(
            usable.and(
                col(ScoringStrategy.FEATURE)
                    .isin(input.features().numericNamed(Measure.VOLUME).toArray())))
        .withColumn("reference", reference)
        .withColumn("ratio", ratio)
        .where(col("ratio").geq(settings.volumeMinRatio()))
        .select(
            col(EntityColumns.CLUSTER),
            col(EntityColumns.ENTITY_ID),
            col(ScoringStrategy.FEATURE),
            col(ScoringInput.VALUE).as(OBSERVED),
            col("reference").as(BASELINE),
            col("ratio").as(DEVIATION),
            strength.as(STRENGTH),
            concat(
                    col(ScoringStrategy.FEATURE),
                    format_string(" %.1f× ", col("ratio")),
                    against,
                    lit(" ("),
                    Text.number(col(ScoringInput.VALUE)),
                    lit(" vs "),
                    Text.number(col("reference")),
                    lit(")"))
                .as(DETAIL));
  }
}
