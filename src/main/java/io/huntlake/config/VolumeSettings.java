package io.huntlake.config;

/**
 * How {@code volume} summarises a day and what its report calls a jump and fits a forecast on.
 *
 * @param maxTalkers talkers kept per day, cluster and source; the rest are summed in one row
 * @param jumpRatio a talker's day at this multiple of its recent median is an anomalous volume day
 * @param jumpMinEvents talkers with fewer events on the day are never a jump
 * @param forecastHistoryDays days of history the forecast fits
 */
public record VolumeSettings(
    int maxTalkers, double jumpRatio, int jumpMinEvents, int forecastHistoryDays) {

  /** A trend needs a week; {@link io.huntlake.volume.Forecast} fits nothing on less. */
  public static final int MIN_FORECAST_HISTORY_DAYS = 7;
}
