package io.huntlake.volume;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.huntlake.config.VolumeSettings;
import io.huntlake.source.LogSource;
import io.huntlake.table.AnomalyScoresTable;
import io.huntlake.table.ArchiveManifestTable;
import io.huntlake.table.EntityColumns;
import io.huntlake.table.LogVolumeDailyTable;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * What the report needs from {@code log_volume_daily} (and from anomaly_scores and
 * archive_manifest), aggregated by Spark and collected: a few thousand small rows whatever the
 * estate's size. Transforms only; {@link VolumeJob} reads the tables and collects.
 */
public final class VolumeHistory {
  private VolumeHistory() {}

  /** Days a talker's recent and previous periods each cover. */
  public static final int TALKER_PERIOD_DAYS = 7;

  /** Talkers listed per dimension. */
  public static final int TOP_TALKERS = 15;

  /** Days before a talker's day its median is taken over, and how many of them must exist. */
  public static final int JUMP_WINDOW_DAYS = 14;

  public static final int JUMP_MIN_HISTORY_DAYS = 3;

  /** Anomalous volume days listed, newest first. */
  public static final int MAX_JUMPS = 100;

  /**
   * Talker dimensions, with the talker columns they read: a dimension applies to every source that
   * fills them all ({@link LogSource#volumeColumns()}).
   */
  public enum Dimension {
    NAMESPACE("namespace", LogVolumeDailyTable.NAMESPACE),
    WORKLOAD("workload", LogVolumeDailyTable.WORKLOAD),
    IDENTITY("identity", LogVolumeDailyTable.USER_NAME),
    VERB("verb", LogVolumeDailyTable.VERB),
    RESOURCE("resource", LogVolumeDailyTable.RESOURCE),
    USER_AGENT("user_agent", LogVolumeDailyTable.USER_AGENT),
    /** Who asks for what: the identity, verb and resource together, as a poller shows itself. */
    REQUEST(
        "request",
        LogVolumeDailyTable.USER_NAME,
        LogVolumeDailyTable.VERB,
        LogVolumeDailyTable.RESOURCE);

    private final String label;
    private final List<LogSource> sources;

    Dimension(String label, String... talkerColumns) {
      this.label = label;
      this.sources =
          java.util.Arrays.stream(LogSource.values())
              .filter(s -> s.volumeColumns().keySet().containsAll(List.of(talkerColumns)))
              .toList();
    }

    public String label() {
      return label;
    }

    public List<LogSource> sources() {
      return sources;
    }

    /** The dimension's value of a log_volume_daily row; null where it does not apply. */
    Column value() {
      return switch (this) {
        case NAMESPACE -> col(LogVolumeDailyTable.NAMESPACE);
        case WORKLOAD -> workloadId();
        case IDENTITY -> col(LogVolumeDailyTable.USER_NAME);
        case VERB -> col(LogVolumeDailyTable.VERB);
        case RESOURCE -> col(LogVolumeDailyTable.RESOURCE);
        case USER_AGENT -> col(LogVolumeDailyTable.USER_AGENT);
        case REQUEST ->
            when(
                col(LogVolumeDailyTable.USER_NAME).isNotNull(),
                concat_ws(
                    " ",
                    col(LogVolumeDailyTable.USER_NAME),
                    col(LogVolumeDailyTable.VERB),
                    col(LogVolumeDailyTable.RESOURCE)));
      };
    }
  }

  /** Per day, cluster and source: the four measures. */
  public static Dataset<Row> dailyTotals(Dataset<Row> volume, LocalDate date) {
    return volume
        .where(col(LogVolumeDailyTable.EVENT_DATE).leq(lit(date)))
        .groupBy(
            col(LogVolumeDailyTable.EVENT_DATE),
            col(LogVolumeDailyTable.CLUSTER),
            col(LogVolumeDailyTable.SOURCE))
        .agg(
            sum(LogVolumeDailyTable.EVENTS),
            sum(LogVolumeDailyTable.RAW_BYTES),
            sum(LogVolumeDailyTable.RAW_UNCOMPRESSED_BYTES),
            sum(LogVolumeDailyTable.DELTA_BYTES))
        .orderBy(LogVolumeDailyTable.EVENT_DATE, LogVolumeDailyTable.CLUSTER);
  }

  /**
   * The biggest talkers of each dimension over the {@link #TALKER_PERIOD_DAYS} days ending on
   * {@code date}, with the period before: dimension, name, recent bytes, recent events, previous
   * bytes, sources. Bytes are uncompressed raw bytes.
   */
  public static Dataset<Row> topTalkers(Dataset<Row> volume, LocalDate date) {
    LocalDate recentFrom = date.minusDays(TALKER_PERIOD_DAYS - 1);
    LocalDate previousFrom = recentFrom.minusDays(TALKER_PERIOD_DAYS);
    Column[] talkers =
        java.util.Arrays.stream(Dimension.values())
            .map(d -> struct(lit(d.label()).as("dimension"), d.value().as("name")))
            .toArray(Column[]::new);
    Column recent = col(LogVolumeDailyTable.EVENT_DATE).geq(lit(recentFrom));
    Column bytes = col(LogVolumeDailyTable.RAW_UNCOMPRESSED_BYTES);
    return volume
        .where(
            col(LogVolumeDailyTable.EVENT_DATE)
                .between(lit(previousFrom), lit(date))
                .and(col(LogVolumeDailyTable.ORIGIN).equalTo(LogVolumeDailyTable.ORIGIN_EVENTS)))
        .select(
            explode(array(talkers)).as("talker"),
            col(LogVolumeDailyTable.EVENT_DATE),
            col(LogVolumeDailyTable.SOURCE),
            col(LogVolumeDailyTable.EVENTS),
            bytes)
        .where(col("talker.name").isNotNull())
        .groupBy(col("talker.dimension").as("dimension"), col("talker.name").as("name"))
        .agg(
            sum(when(recent, bytes).otherwise(0L)).as("recent_bytes"),
            sum(when(recent, col(LogVolumeDailyTable.EVENTS)).otherwise(0L)).as("recent_events"),
            sum(when(recent, lit(0L)).otherwise(bytes)).as("previous_bytes"),
            array_sort(collect_set(col(LogVolumeDailyTable.SOURCE))).as("sources"))
        .withColumn(
            "position",
            row_number()
                .over(
                    Window.partitionBy("dimension")
                        .orderBy(col("recent_bytes").desc(), col("name"))))
        .where(col("position").leq(TOP_TALKERS))
        .select("dimension", "name", "recent_bytes", "recent_events", "previous_bytes", "sources");
  }

  /**
   * Anomalous volume days over the whole history up to {@code date}: a talker (an identity for
   * audit, a workload for container logs and flows) whose bytes reached {@code jump_ratio} times
   * its median of the {@link #JUMP_WINDOW_DAYS} days before, newest first. Columns: event_date,
   * cluster, source, talker, events, bytes, median_bytes, ratio.
   */
  public static Dataset<Row> jumps(Dataset<Row> volume, LocalDate date, VolumeSettings settings) {
    Column talker =
        when(
                col(LogVolumeDailyTable.SOURCE)
                    .isin(
                        java.util.Arrays.stream(LogSource.values())
                            .filter(s -> s.talker().equals(EntityColumns.USER))
                            .map(LogSource::id)
                            .toArray()),
                col(LogVolumeDailyTable.USER_NAME))
            .otherwise(workloadId());
    Dataset<Row> days =
        volume
            .where(
                col(LogVolumeDailyTable.EVENT_DATE)
                    .leq(lit(date))
                    .and(
                        col(LogVolumeDailyTable.ORIGIN).equalTo(LogVolumeDailyTable.ORIGIN_EVENTS)))
            .withColumn("talker", talker)
            .where(col("talker").isNotNull())
            .groupBy(
                col(LogVolumeDailyTable.EVENT_DATE),
                col(LogVolumeDailyTable.CLUSTER),
                col(LogVolumeDailyTable.SOURCE),
                col("talker"))
            .agg(
                sum(LogVolumeDailyTable.EVENTS).as("events"),
                sum(LogVolumeDailyTable.RAW_UNCOMPRESSED_BYTES).as("bytes"));
    WindowSpec before =
        Window.partitionBy(
                col(LogVolumeDailyTable.CLUSTER), col(LogVolumeDailyTable.SOURCE), col("talker"))
            .orderBy(col("day_number"))
            .rangeBetween(-JUMP_WINDOW_DAYS, -1);
    Column sorted = col("previous");
    Column n = size(sorted);
    Column median =
        element_at(sorted, floor(n.plus(1).divide(2)).cast("int"))
            .plus(element_at(sorted, floor(n.divide(2)).plus(1).cast("int")))
            .divide(2.0);
    return days.withColumn(
            "day_number",
            datediff(col(LogVolumeDailyTable.EVENT_DATE), lit(LocalDate.of(1970, 1, 1))))
        .withColumn("previous", array_sort(collect_list(col("bytes")).over(before)))
        .where(n.geq(JUMP_MIN_HISTORY_DAYS))
        .withColumn("median_bytes", median)
        .withColumn("ratio", col("bytes").divide(greatest(col("median_bytes"), lit(1.0))))
        .where(
            col("ratio").geq(settings.jumpRatio()).and(col("events").geq(settings.jumpMinEvents())))
        .select(
            col(LogVolumeDailyTable.EVENT_DATE),
            col(LogVolumeDailyTable.CLUSTER),
            col(LogVolumeDailyTable.SOURCE),
            col("talker"),
            col("events"),
            col("bytes"),
            col("median_bytes"),
            col("ratio"))
        .orderBy(col(LogVolumeDailyTable.EVENT_DATE).desc(), col("ratio").desc())
        .limit(MAX_JUMPS);
  }

  /**
   * The anomaly scores of the given days with their volume reason: event_date, cluster,
   * entity_type, entity_id, score, rank, score_detail (the volume reason's words, or null when the
   * score has none). Reads only those days' partitions.
   */
  public static Dataset<Row> volumeScores(
      Dataset<Row> scores, java.util.Collection<LocalDate> days) {
    return scores
        .where(col(AnomalyScoresTable.EVENT_DATE).isin(days.toArray()))
        .select(
            col(AnomalyScoresTable.EVENT_DATE),
            col(AnomalyScoresTable.CLUSTER),
            col(AnomalyScoresTable.ENTITY_TYPE),
            col(AnomalyScoresTable.ENTITY_ID),
            col(AnomalyScoresTable.SCORE),
            col(AnomalyScoresTable.RANK),
            element_at(
                    expr(
                        "filter("
                            + AnomalyScoresTable.REASONS
                            + ", r -> r."
                            + AnomalyScoresTable.REASON_KIND
                            + " = 'volume')"),
                    1)
                .getField(AnomalyScoresTable.REASON_DETAIL)
                .as("score_detail"));
  }

  /** The entity type anomaly_scores gives a talker of a source: users for audit, else workloads. */
  public static String entityType(String source) {
    return LogSource.fromId(source).talker();
  }

  /**
   * The archive's bytes per table and day, latest version of each day: table_name, partition_date,
   * bytes. All versions together are the archive's size ({@code sum} over {@code manifests}).
   */
  public static Dataset<Row> archivedDays(Dataset<Row> manifests) {
    return manifests
        .groupBy(col(ArchiveManifestTable.TABLE_NAME), col(ArchiveManifestTable.PARTITION_DATE))
        .agg(
            max(struct(
                    col(ArchiveManifestTable.VERSION), col(ArchiveManifestTable.BYTES).as("bytes")))
                .getField("bytes")
                .as("bytes"));
  }

  /** namespace/workload, as workload entities are named in anomaly_scores. */
  private static Column workloadId() {
    return when(
        col(LogVolumeDailyTable.WORKLOAD).isNotNull(),
        concat(
            coalesce(col(LogVolumeDailyTable.NAMESPACE), lit("")),
            lit("/"),
            col(LogVolumeDailyTable.WORKLOAD)));
  }
}
