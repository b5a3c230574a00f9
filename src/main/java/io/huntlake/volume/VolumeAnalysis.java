package io.huntlake.volume;

import io.huntlake.volume.Forecast.Estimate;
import io.huntlake.volume.VolumeFigures.Compression;
import io.huntlake.volume.VolumeFigures.DailyForecast;
import io.huntlake.volume.VolumeFigures.ForecastDay;
import io.huntlake.volume.VolumeFigures.Jump;
import io.huntlake.volume.VolumeFigures.RetentionOption;
import io.huntlake.volume.VolumeFigures.SourceDay;
import io.huntlake.volume.VolumeFigures.SourceGrowth;
import io.huntlake.volume.VolumeFigures.StorageAt;
import io.huntlake.volume.VolumeFigures.Talker;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Turns the collected history into the report's figures: growth, top talkers' shares, the daily
 * forecast and the storage it implies under the retention policy. Plain Java over a few thousand
 * values; no Spark.
 *
 * <p>Storage. Hot bytes on a future day are the Delta bytes of the days each raw table still keeps
 * then: measured for days up to the date, forecast after it (the source's forecast bytes times its
 * Delta bytes per raw byte over the last 30 days). Archive bytes are today's archive plus the days
 * that expire by then, at the archive's measured bytes per Delta byte, plus the raw files when
 * {@code archive.raw_files} copies them. Intervals of several sources are added end to end, as if
 * the sources erred together: wider than independent errors would give, never narrower.
 */
public final class VolumeAnalysis {
  private VolumeAnalysis() {}

  /** How far the daily forecast goes. */
  public static final int HORIZON_DAYS = 180;

  /** The horizons storage is given for (0: now). */
  public static final List<Integer> STORAGE_HORIZONS = List.of(0, 30, 90, 180);

  /** The retention periods (days) the what-if table compares. */
  public static final List<Integer> RETENTION_OPTIONS = List.of(7, 14, 30, 60, 90, 180, 365);

  /** Days the trend and the compression ratios are taken over. */
  static final int RECENT_DAYS = 30;

  /**
   * What the analysis reads.
   *
   * @param talkers per dimension label: name, recent bytes and events, previous bytes, sources
   * @param archivedDays archive bytes (latest version) per event table and day
   * @param archiveBytes the archive's size, every table and version
   * @param sources the sources with their table and retention (empty: forever), in report order
   * @param rawFilesArchived whether archive.raw_files copies the raw files too
   * @param historyDays days the forecast fits at most
   */
  public record Inputs(
      LocalDate date,
      List<SourceDay> days,
      List<TalkerTotal> talkers,
      List<Jump> jumps,
      Map<String, Map<LocalDate, Long>> archivedDays,
      long archiveBytes,
      List<SourcePolicy> sources,
      boolean rawFilesArchived,
      int historyDays) {}

  /** A talker's totals over the recent and the previous 7 days. */
  public record TalkerTotal(
      String dimension,
      String name,
      long recentBytes,
      long recentEvents,
      long previousBytes,
      List<String> sources) {}

  /** A source, the table it is stored in, and how long that table keeps a day hot. */
  public record SourcePolicy(String source, String table, OptionalInt retentionDays) {}

  public static VolumeFigures analyse(Inputs in) {
    Map<String, Series> series = new LinkedHashMap<>();
    for (SourcePolicy policy : in.sources()) {
      series.put(policy.source(), new Series(in.date()));
    }
    LocalDate first = in.date();
    for (SourceDay day : in.days()) {
      first = day.day().isBefore(first) ? day.day() : first;
      series.computeIfAbsent(day.source(), s -> new Series(in.date())).add(day);
    }
    Series total = new Series(in.date());
    in.days().forEach(total::add);

    List<SourceGrowth> growth = growth(series);
    Map<String, List<Talker>> talkers = talkers(in.talkers(), series);
    Forecast totalForecast = Forecast.fit(total.history(first, in.historyDays()));
    List<ForecastDay> ahead = new ArrayList<>();
    if (totalForecast.available()) {
      for (int a = 1; a <= HORIZON_DAYS; a++) {
        Estimate day = totalForecast.day(a);
        ahead.add(new ForecastDay(in.date().plusDays(a), a, day.mean(), day.low(), day.high()));
      }
    }
    DailyForecast daily =
        new DailyForecast(totalForecast.method().name(), totalForecast.days(), ahead);

    Storage storage = new Storage(in, series);
    List<StorageAt> stored = new ArrayList<>();
    for (int horizon : STORAGE_HORIZONS) {
      if (horizon == 0 || storage.forecastable()) {
        stored.add(
            new StorageAt(
                horizon,
                in.date().plusDays(horizon),
                storage.hot(horizon, null),
                storage.archive(horizon, null)));
      }
    }
    List<RetentionOption> options = new ArrayList<>();
    if (storage.forecastable()) {
      for (int days : RETENTION_OPTIONS) {
        options.add(
            new RetentionOption(
                days + " days",
                storage.isCurrent(days),
                storage.hot(HORIZON_DAYS, days),
                storage.archive(HORIZON_DAYS, days)));
      }
    }
    return new VolumeFigures(
        in.date(),
        first,
        in.days(),
        growth,
        talkers,
        daily,
        stored,
        storage.compression(),
        options,
        in.jumps());
  }

  private static List<SourceGrowth> growth(Map<String, Series> series) {
    double all = 0;
    for (Series s : series.values()) {
      all += s.meanOver(0, 7);
    }
    List<SourceGrowth> growth = new ArrayList<>();
    for (Map.Entry<String, Series> entry : series.entrySet()) {
      Series s = entry.getValue();
      if (s.isEmpty()) {
        continue;
      }
      double recent = s.meanOver(0, 7);
      Double previous = s.covers(7) ? s.meanOver(7, 7) : null;
      Double weekOverWeek = previous != null && previous > 0 ? recent / previous - 1 : null;
      double[] last30 = s.history(s.first(), RECENT_DAYS);
      Forecast trend = Forecast.fit(last30);
      double mean = java.util.Arrays.stream(last30).average().orElse(0);
      Double trendPer30 =
          trend.available() && mean > 0 ? trend.slopePerDay() * RECENT_DAYS / mean : null;
      growth.add(
          new SourceGrowth(
              entry.getKey(),
              s.uncompressedOn(s.date()),
              s.eventsOn(s.date()),
              recent,
              previous,
              weekOverWeek,
              trendPer30,
              all > 0 ? recent / all : 0));
    }
    return growth;
  }

  private static Map<String, List<Talker>> talkers(
      List<TalkerTotal> totals, Map<String, Series> series) {
    Map<String, List<Talker>> byDimension = new LinkedHashMap<>();
    for (VolumeHistory.Dimension dimension : VolumeHistory.Dimension.values()) {
      double recentBytes = 0;
      for (var source : dimension.sources()) {
        Series s = series.get(source.id());
        recentBytes +=
            s == null
                ? 0
                : s.sum(s.date().minusDays(VolumeHistory.TALKER_PERIOD_DAYS - 1L), s.date(), 2);
      }
      List<Talker> list = new ArrayList<>();
      for (TalkerTotal t : totals) {
        if (t.dimension().equals(dimension.label())) {
          list.add(
              new Talker(
                  t.name(),
                  t.recentBytes(),
                  t.recentEvents(),
                  recentBytes > 0 ? t.recentBytes() / recentBytes : 0,
                  t.previousBytes() > 0 ? t.recentBytes() / (double) t.previousBytes() - 1 : null,
                  t.sources()));
        }
      }
      list.sort(
          java.util.Comparator.comparingLong(Talker::bytes).reversed().thenComparing(Talker::name));
      byDimension.put(dimension.label(), List.copyOf(list));
    }
    return byDimension;
  }

  /** One source's daily measures (all clusters), by day up to the date. */
  static final class Series {
    private final LocalDate date;
    private final TreeMap<LocalDate, long[]> byDay = new TreeMap<>();

    Series(LocalDate date) {
      this.date = date;
    }

    void add(SourceDay day) {
      long[] m = byDay.computeIfAbsent(day.day(), d -> new long[4]);
      m[0] += day.events();
      m[1] += day.rawBytes();
      m[2] += day.rawUncompressedBytes();
      m[3] += day.deltaBytes();
    }

    LocalDate date() {
      return date;
    }

    boolean isEmpty() {
      return byDay.isEmpty();
    }

    LocalDate first() {
      return byDay.isEmpty() ? date : byDay.firstKey();
    }

    /** Whether the source has days from {@code back} + 1 days before the date, or earlier. */
    boolean covers(int back) {
      return !byDay.isEmpty() && !first().isAfter(date.minusDays(back));
    }

    long eventsOn(LocalDate day) {
      return measure(day, 0);
    }

    long rawOn(LocalDate day) {
      return measure(day, 1);
    }

    long uncompressedOn(LocalDate day) {
      return measure(day, 2);
    }

    long deltaOn(LocalDate day) {
      return measure(day, 3);
    }

    private long measure(LocalDate day, int index) {
      long[] m = byDay.get(day);
      return m == null ? 0 : m[index];
    }

    /** Mean uncompressed bytes a day over {@code days} days ending {@code back} days ago. */
    double meanOver(int back, int days) {
      LocalDate last = date.minusDays(back);
      LocalDate from = last.minusDays(days - 1);
      if (from.isBefore(first())) {
        from = first();
      }
      long n = ChronoUnit.DAYS.between(from, last) + 1;
      if (n <= 0) {
        return 0;
      }
      double sum = 0;
      for (LocalDate d = from; !d.isAfter(last); d = d.plusDays(1)) {
        sum += uncompressedOn(d);
      }
      return sum / n;
    }

    /** Uncompressed bytes a day, at most the last {@code days} days, not before {@code from}. */
    double[] history(LocalDate from, int days) {
      LocalDate start = date.minusDays(days - 1L);
      if (start.isBefore(from)) {
        start = from;
      }
      int n = (int) ChronoUnit.DAYS.between(start, date) + 1;
      double[] values = new double[Math.max(0, n)];
      for (int i = 0; i < values.length; i++) {
        values[i] = uncompressedOn(start.plusDays(i));
      }
      return values;
    }

    /** Sum of a measure over the days from {@code from} to {@code to}, both inclusive. */
    long sum(LocalDate from, LocalDate to, int index) {
      long sum = 0;
      for (long[] m : byDay.subMap(from, true, to, true).values()) {
        sum += m[index];
      }
      return sum;
    }
  }

  /** The storage arithmetic: one fitted forecast and two ratios per source. */
  private static final class Storage {
    private final Inputs in;
    private final List<SourceStorage> sources = new ArrayList<>();

    Storage(Inputs in, Map<String, Series> series) {
      this.in = in;
      for (SourcePolicy policy : in.sources()) {
        Series s = series.get(policy.source());
        sources.add(new SourceStorage(policy, s, in));
      }
    }

    boolean forecastable() {
      return sources.stream().anyMatch(s -> s.forecast.available());
    }

    boolean isCurrent(int days) {
      return sources.stream()
          .allMatch(
              s ->
                  s.policy.retentionDays().isPresent()
                      && s.policy.retentionDays().getAsInt() == days);
    }

    /** Hot bytes {@code ahead} days on, under the policy or under {@code retention} days. */
    Estimate hot(int ahead, Integer retention) {
      Estimate sum = new Estimate(0, 0, 0);
      for (SourceStorage s : sources) {
        sum = sum.plus(s.hot(ahead, retentionOf(s, retention)));
      }
      return sum;
    }

    Estimate archive(int ahead, Integer retention) {
      Estimate sum = new Estimate(in.archiveBytes(), in.archiveBytes(), in.archiveBytes());
      for (SourceStorage s : sources) {
        sum = sum.plus(s.archived(ahead, retentionOf(s, retention), in.rawFilesArchived()));
      }
      return sum;
    }

    List<Compression> compression() {
      List<Compression> list = new ArrayList<>();
      for (SourceStorage s : sources) {
        if (s.series.isEmpty()) {
          continue;
        }
        LocalDate from = in.date().minusDays(RECENT_DAYS - 1);
        list.add(
            new Compression(
                s.policy.source(),
                s.policy.table(),
                s.series.sum(from, in.date(), 2),
                s.series.sum(from, in.date(), 1),
                s.series.sum(from, in.date(), 3),
                s.archivePerDelta,
                s.archiveMeasured,
                s.policy.retentionDays().isPresent()
                    ? s.policy.retentionDays().getAsInt() + " days"
                    : "forever"));
      }
      return list;
    }

    private static OptionalInt retentionOf(SourceStorage s, Integer retention) {
      return retention == null ? s.policy.retentionDays() : OptionalInt.of(retention);
    }
  }

  /** One source's share of the storage arithmetic. */
  private static final class SourceStorage {
    final SourcePolicy policy;
    final Series series;
    final Forecast forecast;
    final double deltaPerByte;
    final double rawPerByte;
    final double archivePerDelta;
    final boolean archiveMeasured;

    SourceStorage(SourcePolicy policy, Series series, Inputs in) {
      this.policy = policy;
      this.series = series;
      this.forecast = Forecast.fit(series.history(series.first(), in.historyDays()));
      LocalDate from = in.date().minusDays(RECENT_DAYS - 1);
      double uncompressed = series.sum(from, in.date(), 2);
      this.deltaPerByte = uncompressed > 0 ? series.sum(from, in.date(), 3) / uncompressed : 0;
      this.rawPerByte = uncompressed > 0 ? series.sum(from, in.date(), 1) / uncompressed : 0;
      long archived = 0;
      long delta = 0;
      for (Map.Entry<LocalDate, Long> day :
          in.archivedDays().getOrDefault(policy.table(), Map.of()).entrySet()) {
        long measured = series.deltaOn(day.getKey());
        if (measured > 0) {
          archived += day.getValue();
          delta += measured;
        }
      }
      this.archiveMeasured = delta > 0;
      this.archivePerDelta = archiveMeasured ? archived / (double) delta : 1.0;
    }

    /** The Delta bytes of the days kept hot {@code ahead} days after the date. */
    Estimate hot(int ahead, OptionalInt retention) {
      LocalDate date = series.date();
      LocalDate end = date.plusDays(ahead);
      LocalDate keptFrom =
          retention.isPresent() ? end.minusDays(retention.getAsInt() - 1L) : LocalDate.MIN;
      long measured = keptFrom.isAfter(date) ? 0 : series.sum(keptFrom, date, 3);
      Estimate hot = new Estimate(measured, measured, measured);
      if (ahead > 0 && forecast.available()) {
        int firstAhead = (int) Math.max(1, ChronoUnit.DAYS.between(date, keptFrom));
        hot = hot.plus(forecast.sum(firstAhead, ahead).times(deltaPerByte));
      }
      return hot;
    }

    /**
     * The bytes the archive gains over the next {@code ahead} days were the table kept {@code
     * retention} days: the days that would be archived by then and are not yet. What is archived
     * today follows the current policy, so a shorter what-if retention also archives days that are
     * hot today, and a longer one archives nothing until its first day expires.
     */
    Estimate archived(int ahead, OptionalInt retention, boolean rawFiles) {
      if (retention.isEmpty() || ahead == 0) {
        return new Estimate(0, 0, 0);
      }
      LocalDate date = series.date();
      LocalDate from =
          policy.retentionDays().isPresent()
              ? date.minusDays(policy.retentionDays().getAsInt() - 1L)
              : series.first();
      LocalDate to = date.plusDays(ahead - (long) retention.getAsInt());
      LocalDate measuredTo = to.isAfter(date) ? date : to;
      long measured =
          from.isAfter(measuredTo)
              ? 0
              : Math.round(
                  series.sum(from, measuredTo, 3) * archivePerDelta
                      + (rawFiles ? series.sum(from, measuredTo, 1) : 0));
      Estimate gained = new Estimate(measured, measured, measured);
      int firstAhead = (int) Math.max(1, ChronoUnit.DAYS.between(date, from));
      int lastAhead = (int) ChronoUnit.DAYS.between(date, to);
      if (lastAhead >= firstAhead && forecast.available()) {
        double perByte = deltaPerByte * archivePerDelta + (rawFiles ? rawPerByte : 0);
        gained = gained.plus(forecast.sum(firstAhead, lastAhead).times(perByte));
      }
      return gained;
    }
  }
}
