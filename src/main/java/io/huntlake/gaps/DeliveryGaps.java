package io.huntlake.gaps;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.huntlake.config.GapSettings;
import io.huntlake.spark.JoinKeys;
import io.huntlake.table.DeliveryGapsTable;
import io.huntlake.table.IngestLedgerTable;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Finds where log delivery failed on a day, comparing each hour of each cluster's source with the
 * same hour on the days before it (logs follow the working day, so 03:00 is compared with 03:00).
 *
 * <p>A source counts for a cluster once it delivered anything in the window or on the day. Days the
 * source delivered nothing at all are left out of "usual", so last week's outage does not make this
 * week's look normal. With fewer than {@code minHistoryDays} such days there is no usual yet: then
 * only empty hours are gaps, and only when the day's own median hour is busy enough to make an
 * empty hour telling.
 */
public final class DeliveryGaps {
  /** Input columns: one row per event. */
  public static final String CLUSTER = DeliveryGapsTable.CLUSTER;

  public static final String SOURCE = DeliveryGapsTable.SOURCE;
  public static final String EVENT_TS = "event_ts";

  private static final String HOUR = "hour_of_day";
  private static final String DAY = "day";
  private static final String HISTORY_DAYS = "history_days";

  private DeliveryGaps() {}

  /**
   * Hour gaps of {@code day}.
   *
   * @param events cluster, source and event_ts of every event from the window's first day to {@code
   *     day}
   * @param burstySources sources whose records come in bursts ({@link
   *     io.huntlake.source.LogSource.Freshness#BURSTY}): an empty hour is a gap only when the hour
   *     usually holds at least {@code gaps.min_expected_events}, and no hour is called low
   */
  public static Dataset<Row> hours(
      Dataset<Row> events,
      LocalDate day,
      GapSettings settings,
      int minHistoryDays,
      java.util.Set<String> burstySources) {
    Dataset<Row> hourly =
        events
            .withColumn(DeliveryGapsTable.HOUR_START, date_trunc("hour", col(EVENT_TS)))
            .groupBy(col(CLUSTER), col(SOURCE), col(DeliveryGapsTable.HOUR_START))
            .agg(count(lit(1)).as(DeliveryGapsTable.EVENTS))
            .withColumn(DAY, to_date(col(DeliveryGapsTable.HOUR_START)))
            .withColumn(HOUR, hour(col(DeliveryGapsTable.HOUR_START)));
    Column isDay = col(DAY).equalTo(lit(day));
    // Every hour of every day the source delivered anything, with 0 for the silent ones.
    Dataset<Row> deliveringDays =
        hourly.where(col(DAY).leq(lit(day))).select(CLUSTER, SOURCE, DAY).distinct();
    Dataset<Row> history =
        withEveryHour(deliveringDays.where(col(DAY).lt(lit(day))), hourly)
            .groupBy(CLUSTER, SOURCE, HOUR)
            .agg(
                expr("percentile(" + DeliveryGapsTable.EVENTS + ", 0.5)")
                    .as(DeliveryGapsTable.EXPECTED_EVENTS),
                countDistinct(col(DAY)).as(HISTORY_DAYS));
    Dataset<Row> sources = deliveringDays.select(CLUSTER, SOURCE).distinct();
    Dataset<Row> today =
        withEveryHour(sources.withColumn(DAY, lit(day)), hourly.where(isDay))
            .join(history, scala(CLUSTER, SOURCE, HOUR), "left");
    Dataset<Row> dayMedian =
        today
            .groupBy(CLUSTER, SOURCE)
            .agg(expr("percentile(" + DeliveryGapsTable.EVENTS + ", 0.5)").as("day_median"));
    Column known = coalesce(col(HISTORY_DAYS), lit(0)).geq(minHistoryDays);
    Column expected = col(DeliveryGapsTable.EXPECTED_EVENTS);
    Column observed = col(DeliveryGapsTable.EVENTS);
    Column bursty = col(SOURCE).isin(burstySources.toArray());
    Column missing =
        observed
            .equalTo(0)
            .and(
                when(known.and(bursty), expected.geq(settings.minExpectedEvents()))
                    .when(known, expected.gt(0))
                    .otherwise(col("day_median").geq(settings.minExpectedEvents())));
    Column low =
        known
            .and(functions.not(bursty))
            .and(observed.gt(0))
            .and(expected.geq(settings.minExpectedEvents()))
            .and(observed.lt(expected.multiply(settings.lowRatio())));
    Column gapType =
        when(missing, lit(DeliveryGapsTable.MISSING_HOUR))
            .when(low, lit(DeliveryGapsTable.LOW_HOUR));
    Column window =
        concat(
            date_format(col(DeliveryGapsTable.HOUR_START), "HH:00"),
            lit("-"),
            date_format(col(DeliveryGapsTable.HOUR_START).plus(expr("INTERVAL 1 HOUR")), "HH:00"),
            lit(" UTC"));
    Column usual =
        when(
                known,
                concat(
                    lit("; this hour usually has "),
                    format_number(expected, 0),
                    lit(" (median of "),
                    col(HISTORY_DAYS),
                    lit(" days)")))
            .otherwise(
                concat(
                    lit(
                        "; too little history to know the usual volume, and the day's median"
                            + " hour has "),
                    format_number(col("day_median"), 0)));
    Column detail =
        when(
                gapType.equalTo(DeliveryGapsTable.MISSING_HOUR),
                concat(
                    lit("no "),
                    col(SOURCE),
                    lit(" events from cluster "),
                    col(CLUSTER),
                    lit(" in "),
                    window,
                    usual))
            .otherwise(
                concat(
                    lit("only "),
                    col(DeliveryGapsTable.EVENTS),
                    lit(" "),
                    col(SOURCE),
                    lit(" events from cluster "),
                    col(CLUSTER),
                    lit(" in "),
                    window,
                    usual));
    return today
        .join(dayMedian, scala(CLUSTER, SOURCE))
        .withColumn(DeliveryGapsTable.GAP_TYPE, gapType)
        .where(col(DeliveryGapsTable.GAP_TYPE).isNotNull())
        .select(
            lit(day).as(DeliveryGapsTable.EVENT_DATE),
            col(CLUSTER),
            col(SOURCE),
            col(DeliveryGapsTable.GAP_TYPE),
            col(DeliveryGapsTable.HOUR_START),
            col(DeliveryGapsTable.EVENTS),
            when(known, expected).as(DeliveryGapsTable.EXPECTED_EVENTS),
            lit(null).cast("string").as(DeliveryGapsTable.SOURCE_FILE),
            detail.as(DeliveryGapsTable.DETAIL));
  }

  /**
   * Files of the ledger whose events start more than the tolerance before their folder's day, or
   * end more than it after.
   *
   * @param ledger the ingest_ledger rows of the day
   */
  public static Dataset<Row> misplacedFiles(
      Dataset<Row> ledger, LocalDate day, GapSettings settings) {
    long toleranceMillis = settings.outsideDayToleranceMinutes() * 60_000L;
    Timestamp earliest =
        new Timestamp(
            day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - toleranceMillis);
    Timestamp latest =
        new Timestamp(
            day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli()
                + toleranceMillis);
    Column min = col(IngestLedgerTable.MIN_EVENT_TS);
    Column max = col(IngestLedgerTable.MAX_EVENT_TS);
    return ledger
        .where(min.lt(lit(earliest)).or(max.gt(lit(latest))))
        .select(
            lit(day).as(DeliveryGapsTable.EVENT_DATE),
            col(IngestLedgerTable.CLUSTER).as(CLUSTER),
            col(IngestLedgerTable.SOURCE).as(SOURCE),
            lit(DeliveryGapsTable.FILE_OUTSIDE_DAY).as(DeliveryGapsTable.GAP_TYPE),
            lit(null).cast("timestamp").as(DeliveryGapsTable.HOUR_START),
            col(IngestLedgerTable.ROWS_OUTSIDE_DAY).as(DeliveryGapsTable.EVENTS),
            lit(null).cast("double").as(DeliveryGapsTable.EXPECTED_EVENTS),
            col(IngestLedgerTable.SOURCE_FILE).as(DeliveryGapsTable.SOURCE_FILE),
            concat(
                    lit("file delivered for " + day + " holds events from "),
                    date_format(min, "yyyy-MM-dd HH:mm"),
                    lit(" to "),
                    date_format(max, "yyyy-MM-dd HH:mm"),
                    lit(" UTC; "),
                    col(IngestLedgerTable.ROWS_OUTSIDE_DAY),
                    lit(" of its "),
                    col(IngestLedgerTable.ROWS),
                    lit(" new rows fall on other days, and "),
                    col(IngestLedgerTable.DUPLICATES),
                    lit(
                        " records were already stored (a redelivered file shows as all duplicates)"))
                .as(DeliveryGapsTable.DETAIL));
  }

  /** The 24 hours of each (cluster, source, day), with the hour's events or 0. */
  private static Dataset<Row> withEveryHour(Dataset<Row> days, Dataset<Row> hourly) {
    return days.withColumn(HOUR, explode(sequence(lit(0), lit(23))))
        .join(
            hourly.select(CLUSTER, SOURCE, DAY, HOUR, DeliveryGapsTable.EVENTS),
            scala(CLUSTER, SOURCE, DAY, HOUR),
            "left")
        .withColumn(DeliveryGapsTable.EVENTS, coalesce(col(DeliveryGapsTable.EVENTS), lit(0L)))
        .withColumn(
            DeliveryGapsTable.HOUR_START,
            expr("timestamp(" + DAY + ") + make_interval(0, 0, 0, 0, " + HOUR + ", 0, 0)"));
  }

  private static scala.collection.Seq<String> scala(String... columns) {
    return JoinKeys.of(columns);
  }
}
