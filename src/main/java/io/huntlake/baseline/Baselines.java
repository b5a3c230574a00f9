package io.huntlake.baseline;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;

import io.huntlake.features.EntityFeatures;
import io.huntlake.spark.JoinKeys;
import io.huntlake.table.BaselineTables;
import io.huntlake.table.EntityColumns;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Summarises a trailing window of daily feature rows into baseline rows: robust statistics per
 * numeric feature and first/last seen per set key, for each entity and for each peer group. Reads
 * only the small daily tables, so its cost grows with entities × days, never with raw events.
 */
public final class Baselines {
  /** percentile_approx accuracy: exact for windows of up to this many values. */
  private static final int ACCURACY = 10_000;

  private static final String VALUE = EntityFeatures.VALUE;
  private static final String FEATURE = BaselineTables.FEATURE;
  private static final String KEY = BaselineTables.KEY;
  private static final String DATE = EntityColumns.EVENT_DATE;
  private static final String CLUSTER = EntityColumns.CLUSTER;
  private static final String ENTITY = EntityColumns.ENTITY_ID;
  private static final String PEERS = EntityColumns.PEER_GROUP;

  private Baselines() {}

  /**
   * @param window the daily rows of the window's days (day − windowDays … day − 1)
   * @param day the day the baseline is for
   */
  public static Dataset<Row> compute(
      EntityFeatures features, Dataset<Row> window, LocalDate day, int windowDays) {
    Dataset<Row> numeric = features.numericRows(window).where(col(VALUE).isNotNull());
    Dataset<Row> keys = features.keyRows(window);
    Dataset<Row> latestPeerGroup =
        window
            .groupBy(col(CLUSTER), col(ENTITY))
            .agg(max_by(col(PEERS), col(DATE)).as("current_peer_group"));

    Dataset<Row> entityStats = statistics(numeric, col(ENTITY));
    Dataset<Row> entityActivity = activity(window, col(ENTITY));
    Dataset<Row> entityKeys =
        keys.groupBy(col(CLUSTER), col(ENTITY), col(FEATURE), col(KEY))
            .agg(
                count_distinct(col(DATE)).as(BaselineTables.DAYS_OBSERVED),
                min(col(DATE)).as(BaselineTables.FIRST_SEEN),
                max(col(DATE)).as(BaselineTables.LAST_SEEN));
    Dataset<Row> entityRows =
        align(entityStats)
            .unionByName(align(entityActivity))
            .unionByName(align(entityKeys))
            .join(latestPeerGroup, JoinKeys.of(CLUSTER, ENTITY))
            .withColumn(PEERS, col("current_peer_group"))
            .withColumn(BaselineTables.SCOPE, lit(BaselineTables.SCOPE_ENTITY))
            .withColumn(BaselineTables.PEER_SIZE, lit(null).cast("int"));

    return entityRows
        .unionByName(
            groupRows(window, numeric, keys, col(PEERS), BaselineTables.SCOPE_PEER_GROUP), true)
        .unionByName(
            groupRows(
                window,
                numeric,
                keys,
                lit(BaselineTables.WHOLE_CLUSTER),
                BaselineTables.SCOPE_CLUSTER),
            true)
        .withColumn(DATE, lit(day))
        .withColumn(BaselineTables.WINDOW_START, lit(day.minusDays(windowDays)))
        .withColumn(BaselineTables.WINDOW_END, lit(day.minusDays(1)))
        .select(
            Arrays.stream(BaselineTables.SCHEMA.fieldNames())
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
  }

  /**
   * The rows of a group of entities taken together (a peer group, or the whole cluster): the
   * statistics over all its entity-days, its activity, and per key how many of its entities had it.
   */
  private static Dataset<Row> groupRows(
      Dataset<Row> window, Dataset<Row> numeric, Dataset<Row> keys, Column group, String scope) {
    Dataset<Row> sizes =
        window
            .withColumn("group", group)
            .groupBy(col(CLUSTER), col("group").as(ENTITY))
            .agg(count_distinct(col(ENTITY)).cast("int").as(BaselineTables.PEER_SIZE));
    Dataset<Row> groupKeys =
        keys.withColumn("group", group)
            .groupBy(col(CLUSTER), col("group").as(ENTITY), col(FEATURE), col(KEY))
            .agg(
                count_distinct(col(DATE)).as(BaselineTables.DAYS_OBSERVED),
                min(col(DATE)).as(BaselineTables.FIRST_SEEN),
                max(col(DATE)).as(BaselineTables.LAST_SEEN),
                count_distinct(col(ENTITY)).cast("int").as(BaselineTables.PEER_ENTITIES));
    return align(statistics(numeric.withColumn("group", group), col("group")))
        .unionByName(align(activity(window.withColumn("group", group), col("group"))))
        .unionByName(align(groupKeys))
        .withColumn(BaselineTables.SCOPE, lit(scope))
        .join(sizes, JoinKeys.of(CLUSTER, ENTITY))
        .withColumn(PEERS, col(ENTITY));
  }

  /** Per owner (entity or group): on how many days, and from when to when, it was active. */
  private static Dataset<Row> activity(Dataset<Row> window, Column owner) {
    return window
        .groupBy(col(CLUSTER), owner.as(ENTITY))
        .agg(
            count_distinct(col(DATE)).as(BaselineTables.DAYS_OBSERVED),
            min(col(DATE)).as(BaselineTables.FIRST_SEEN),
            max(col(DATE)).as(BaselineTables.LAST_SEEN))
        .withColumn(FEATURE, lit(BaselineTables.ACTIVITY));
  }

  /**
   * Median, MAD, quartiles, 95th percentile and maximum of each numeric feature over the daily
   * values grouped by cluster, {@code owner} (the entity or its peer group) and feature.
   */
  private static Dataset<Row> statistics(Dataset<Row> numeric, Column owner) {
    WindowSpec group = Window.partitionBy(col(CLUSTER), owner, col(FEATURE));
    Column median = percentile_approx(col(VALUE), lit(0.5), lit(ACCURACY)).over(group);
    Column quantiles =
        percentile_approx(
            col(VALUE),
            org.apache.spark.sql.functions.array(lit(0.25), lit(0.5), lit(0.75), lit(0.95)),
            lit(ACCURACY));
    return numeric
        .withColumn("deviation", abs(col(VALUE).minus(median)))
        .groupBy(col(CLUSTER), owner.as(ENTITY), col(FEATURE))
        .agg(
            quantiles.as("q"),
            percentile_approx(col("deviation"), lit(0.5), lit(ACCURACY)).as(BaselineTables.MAD),
            max(col(VALUE)).as(BaselineTables.MAX_VALUE),
            count_distinct(col(DATE)).as(BaselineTables.DAYS_OBSERVED),
            min(col(DATE)).as(BaselineTables.FIRST_SEEN),
            max(col(DATE)).as(BaselineTables.LAST_SEEN))
        .withColumn(BaselineTables.Q25, element_at(col("q"), 1))
        .withColumn(BaselineTables.MEDIAN, element_at(col("q"), 2))
        .withColumn(BaselineTables.Q75, element_at(col("q"), 3))
        .withColumn(BaselineTables.Q95, element_at(col("q"), 4))
        .drop("q");
  }

  /** The columns every part of the union has, nulls where a part has none. */
  private static Dataset<Row> align(Dataset<Row> part) {
    Dataset<Row> aligned = part;
    String[] optional = {
      KEY,
      BaselineTables.MEDIAN,
      BaselineTables.MAD,
      BaselineTables.Q25,
      BaselineTables.Q75,
      BaselineTables.Q95,
      BaselineTables.MAX_VALUE,
      BaselineTables.PEER_ENTITIES
    };
    for (String column : optional) {
      if (!Arrays.asList(part.columns()).contains(column)) {
        aligned =
            aligned.withColumn(
                column,
                lit(null)
                    .cast(
                        column.equals(KEY)
                            ? "string"
                            : column.equals(BaselineTables.PEER_ENTITIES) ? "int" : "double"));
      }
    }
    return aligned
        .withColumn(BaselineTables.DAYS_OBSERVED, col(BaselineTables.DAYS_OBSERVED).cast("int"))
        .select(
            col(CLUSTER),
            col(ENTITY),
            col(FEATURE),
            col(KEY),
            col(BaselineTables.DAYS_OBSERVED),
            col(BaselineTables.MEDIAN),
            col(BaselineTables.MAD),
            col(BaselineTables.Q25),
            col(BaselineTables.Q75),
            col(BaselineTables.Q95),
            col(BaselineTables.MAX_VALUE),
            col(BaselineTables.FIRST_SEEN),
            col(BaselineTables.LAST_SEEN),
            col(BaselineTables.PEER_ENTITIES));
  }
}
