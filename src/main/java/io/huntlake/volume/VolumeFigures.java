package io.huntlake.volume;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything the capacity report shows, as plain values: what {@code volume --format json} prints
 * and what {@link VolumeReport} draws. "Bytes" without a qualifier are raw uncompressed bytes: the
 * log volume the estate produces, whatever the transport compressed it to.
 *
 * @param date the day the figures are for (the last day of history)
 * @param firstDay the first day log_volume_daily holds
 * @param days per day, cluster and source: events and the four byte measures
 * @param growth per source: the last day, week over week and the 30-day trend
 * @param topTalkers per dimension (namespace, workload, identity, verb, resource, user_agent,
 *     request)
 * @param forecast the daily total, 1 to {@link VolumeAnalysis#HORIZON_DAYS} days ahead
 * @param storage hot (Delta) and archive bytes now and 30, 90 and 180 days ahead
 * @param compression per source over the last 30 days: what compression and Parquet do to a byte
 * @param retentionOptions hot and archive bytes 180 days ahead if raw events were kept N days
 * @param jumps anomalous volume days, newest first, with their anomaly scores
 */
public record VolumeFigures(
    LocalDate date,
    LocalDate firstDay,
    List<SourceDay> days,
    List<SourceGrowth> growth,
    Map<String, List<Talker>> topTalkers,
    DailyForecast forecast,
    List<StorageAt> storage,
    List<Compression> compression,
    List<RetentionOption> retentionOptions,
    List<Jump> jumps) {

  /** One cluster and source on one day. */
  public record SourceDay(
      LocalDate day,
      String cluster,
      String source,
      long events,
      long rawBytes,
      long rawUncompressedBytes,
      long deltaBytes) {}

  /**
   * A source's growth.
   *
   * @param recentDailyBytes mean bytes a day over the last 7 days
   * @param previousDailyBytes the same over the 7 days before; null without history
   * @param weekOverWeek recent / previous − 1; null without a previous week
   * @param trendPer30Days the fitted trend over the last 30 days, as a share of their mean per 30
   *     days; null with less than a week
   * @param share of all sources' recent bytes
   */
  public record SourceGrowth(
      String source,
      long lastDayBytes,
      long lastDayEvents,
      double recentDailyBytes,
      Double previousDailyBytes,
      Double weekOverWeek,
      Double trendPer30Days,
      double share) {}

  /**
   * A top talker over the last 7 days.
   *
   * @param share of the bytes of the sources the dimension applies to
   * @param growth recent / previous 7 days − 1; null when it was silent then (new)
   */
  public record Talker(
      String name, long bytes, long events, double share, Double growth, List<String> sources) {}

  /**
   * The daily total forecast.
   *
   * @param method the terms fitted (see {@link Forecast})
   * @param historyDays days fitted
   */
  public record DailyForecast(String method, int historyDays, List<ForecastDay> days) {}

  /** One day ahead with its 90 % interval. */
  public record ForecastDay(LocalDate day, int ahead, double mean, double low, double high) {}

  /** Stored bytes {@code ahead} days after the date (0: now), each with its 90 % interval. */
  public record StorageAt(
      int ahead, LocalDate day, Forecast.Estimate hotBytes, Forecast.Estimate archiveBytes) {}

  /**
   * What a source's byte becomes, over the last 30 days.
   *
   * @param archivePerDeltaByte archive bytes per Delta byte of the same days; 1 when nothing is
   *     archived yet ({@code archiveRatioMeasured} false)
   * @param retention the source table's retention: days, or "forever"
   */
  public record Compression(
      String source,
      String table,
      long rawUncompressedBytes,
      long rawBytes,
      long deltaBytes,
      double archivePerDeltaByte,
      boolean archiveRatioMeasured,
      String retention) {}

  /** Stored bytes 180 days ahead were the raw event tables kept {@code retention}. */
  public record RetentionOption(
      String retention,
      boolean current,
      Forecast.Estimate hotBytes,
      Forecast.Estimate archiveBytes) {}

  /**
   * A talker's anomalous volume day.
   *
   * @param talker an identity (audit) or namespace/workload
   * @param score the entity's anomaly score that day, when scored
   * @param scoreDetail the score's volume reason in words, when it has one
   */
  public record Jump(
      LocalDate day,
      String cluster,
      String source,
      String talker,
      long events,
      long bytes,
      double medianBytes,
      double ratio,
      Double score,
      Integer rank,
      String scoreDetail) {}
}
