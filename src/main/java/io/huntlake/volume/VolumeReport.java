package io.huntlake.volume;

import io.huntlake.volume.Forecast.Estimate;
import io.huntlake.volume.VolumeFigures.Compression;
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
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The capacity planners' report: one self-contained HTML file (inline CSS, SVG and a few lines of
 * script for sorting), readable offline and printable. Sections: growth per source, daily volume
 * per source and per cluster with 7-day means, the forecast with storage under the retention
 * policy, compression and retention what-ifs, top talkers, and the anomalous volume days linked to
 * their anomaly scores. Every number is in {@link VolumeFigures}; the page only formats them.
 */
public final class VolumeReport {
  private VolumeReport() {}

  /** Clusters drawn as their own line; the rest are summed as "other clusters". */
  static final int MAX_CLUSTER_LINES = 6;

  /** History shown before the forecast on its chart. */
  static final int FORECAST_CHART_HISTORY_DAYS = 90;

  static final int MOVING_AVERAGE_DAYS = 7;

  public static String html(VolumeFigures f, String lake) {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>HuntLake log volume ")
        .append(f.date())
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body><main>");
    long days = ChronoUnit.DAYS.between(f.firstDay(), f.date()) + 1;
    page.append("<h1>Log volume and capacity, ")
        .append(f.date())
        .append("</h1><p class=\"meta\">Lake <code>")
        .append(Html.escape(lake))
        .append("</code>, table <code>log_volume_daily</code>, ")
        .append(f.firstDay())
        .append(" to ")
        .append(f.date())
        .append(" (")
        .append(days)
        .append(days == 1 ? " day" : " days")
        .append("). Bytes are raw log bytes before compression unless a column says otherwise;")
        .append(" 1 KiB = 1024 bytes. Tables sort by clicking a column heading.</p>")
        .append(nav());
    page.append(section("growth", "Growth per source", growth(f)));
    page.append(section("daily", "Daily volume", daily(f)));
    page.append(section("forecast", "Forecast and storage", forecast(f)));
    page.append(section("retention", "Compression and retention", retention(f)));
    page.append(section("talkers", "Top talkers, last 7 days", talkers(f)));
    page.append(section("jumps", "Anomalous volume days", jumps(f)));
    page.append(section("method", "How these figures are made", METHOD));
    return page.append("</main><script>")
        .append(SCRIPT)
        .append("</script></body></html>\n")
        .toString();
  }

  private static String nav() {
    return "<nav><a href=\"#growth\">Growth</a> · <a href=\"#daily\">Daily volume</a> · <a"
        + " href=\"#forecast\">Forecast</a> · <a href=\"#retention\">Compression and"
        + " retention</a> · <a href=\"#talkers\">Top talkers</a> · <a href=\"#jumps\">Anomalous"
        + " days</a> · <a href=\"#method\">Method</a></nav>";
  }

  private static String section(String id, String title, String body) {
    return "<section id=\"" + id + "\"><h2>" + Html.escape(title) + "</h2>" + body + "</section>";
  }

  private static String growth(VolumeFigures f) {
    HtmlTable table =
        new HtmlTable(
            "growth-table",
            "source",
            "bytes on " + f.date(),
            "events on " + f.date(),
            "mean a day, last 7 days",
            "mean a day, 7 days before",
            "week over week",
            "30-day trend",
            "share");
    for (SourceGrowth g : f.growth()) {
      table
          .row("growth-" + g.source())
          .text(g.source())
          .bytes(g.lastDayBytes())
          .count(g.lastDayEvents())
          .bytes(g.recentDailyBytes())
          .number(
              g.previousDailyBytes(),
              g.previousDailyBytes() == null ? "no history" : Units.bytes(g.previousDailyBytes()))
          .number(g.weekOverWeek(), g.weekOverWeek() == null ? "–" : Units.change(g.weekOverWeek()))
          .number(
              g.trendPer30Days(),
              g.trendPer30Days() == null ? "under 7 days" : Units.change(g.trendPer30Days()))
          .number(g.share(), Units.share(g.share()));
    }
    return "<p>Week over week compares the mean day of the last 7 days with the 7 days before. The"
        + " 30-day trend is the fitted daily change over the last 30 days (weekday pattern removed"
        + " once there are 21 days) times 30, as a share of their mean day.</p>"
        + table.render();
  }

  private static String daily(VolumeFigures f) {
    List<LocalDate> days = dayRange(f.firstDay(), f.date());
    // Sources in a fixed order, so each keeps its colour from one report to the next.
    Map<String, double[]> bySource = new LinkedHashMap<>();
    for (io.huntlake.source.LogSource source : io.huntlake.source.LogSource.values()) {
      if (f.days().stream().anyMatch(d -> d.source().equals(source.id()))) {
        bySource.put(source.id(), new double[days.size()]);
      }
    }
    Map<String, double[]> byCluster = new LinkedHashMap<>();
    double[] total = new double[days.size()];
    for (SourceDay d : f.days()) {
      int i = (int) ChronoUnit.DAYS.between(f.firstDay(), d.day());
      bySource.computeIfAbsent(d.source(), s -> new double[days.size()])[i] +=
          d.rawUncompressedBytes();
      byCluster.computeIfAbsent(d.cluster(), s -> new double[days.size()])[i] +=
          d.rawUncompressedBytes();
      total[i] += d.rawUncompressedBytes();
    }
    SortedSet<LocalDate> jumpDays = new TreeSet<>();
    f.jumps().forEach(j -> jumpDays.add(j.day()));

    SvgChart sources =
        new SvgChart(
            "Daily log bytes per source, stacked, with the 7-day mean", f.firstDay(), f.date());
    int colour = 0;
    for (Map.Entry<String, double[]> source : bySource.entrySet()) {
      sources.area(source.getKey(), source.getValue(), SvgChart.COLOURS[colour++ % 8]);
    }
    double[] mean = movingAverage(total);
    sources.line("all sources, 7-day mean", mean, "#000000", true);
    for (LocalDate day : jumpDays) {
      int i = (int) ChronoUnit.DAYS.between(f.firstDay(), day);
      sources.marker(
          new SvgChart.Marker(
              day, total[i], "#jumps-" + day, day + ": anomalous volume; see the table below"));
    }
    String[] hover = new String[days.size()];
    for (int i = 0; i < days.size(); i++) {
      StringBuilder text = new StringBuilder(days.get(i) + ": " + Units.bytes(total[i]));
      for (Map.Entry<String, double[]> source : bySource.entrySet()) {
        text.append(", ")
            .append(source.getKey())
            .append(' ')
            .append(Units.bytes(source.getValue()[i]));
      }
      if (!Double.isNaN(mean[i])) {
        text.append("; 7-day mean ").append(Units.bytes(mean[i]));
      }
      hover[i] = text.toString();
    }
    sources.hover(hover);

    SvgChart clusters =
        new SvgChart(
            "Daily log bytes per cluster, with each cluster's 7-day mean dashed",
            f.firstDay(),
            f.date());
    colour = 0;
    for (Map.Entry<String, double[]> cluster : topClusters(byCluster).entrySet()) {
      String c = SvgChart.COLOURS[colour++ % 8];
      clusters.line(cluster.getKey(), cluster.getValue(), c, false);
      clusters.line(cluster.getKey() + ", 7-day mean", movingAverage(cluster.getValue()), c, true);
    }
    clusters.hover(hover);
    return "<h3>Per source</h3>"
        + "<p>Stacked daily bytes of each source, all clusters; the dashed line is the mean of the"
        + " 7 days ending on each day. Circled days hold an anomalous talker: click for details.</p>"
        + sources.render()
        + "<h3>Per cluster</h3>"
        + clusters.render();
  }

  private static Map<String, double[]> topClusters(Map<String, double[]> byCluster) {
    List<Map.Entry<String, double[]>> ordered = new ArrayList<>(byCluster.entrySet());
    ordered.sort((a, b) -> Double.compare(sum(b.getValue()), sum(a.getValue())));
    Map<String, double[]> top = new LinkedHashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      if (i < MAX_CLUSTER_LINES || ordered.size() == MAX_CLUSTER_LINES + 1) {
        top.put(ordered.get(i).getKey(), ordered.get(i).getValue());
      } else {
        double[] other =
            top.computeIfAbsent(
                "other clusters", k -> new double[ordered.get(0).getValue().length]);
        double[] values = ordered.get(i).getValue();
        for (int d = 0; d < values.length; d++) {
          other[d] += values[d];
        }
      }
    }
    return top;
  }

  private static String forecast(VolumeFigures f) {
    if (f.forecast().days().isEmpty()) {
      return "<p class=\"note\">No forecast yet: it needs "
          + Forecast.MIN_TREND_DAYS
          + " days of history and log_volume_daily holds "
          + f.forecast().historyDays()
          + ". Storage today:</p>"
          + storage(f);
    }
    LocalDate from = f.date().minusDays(FORECAST_CHART_HISTORY_DAYS - 1L);
    if (from.isBefore(f.firstDay())) {
      from = f.firstDay();
    }
    LocalDate to = f.date().plusDays(VolumeAnalysis.HORIZON_DAYS);
    List<LocalDate> days = dayRange(from, to);
    double[] history = nan(days.size());
    double[] mean = nan(days.size());
    double[] low = nan(days.size());
    double[] high = nan(days.size());
    String[] hover = new String[days.size()];
    for (SourceDay d : f.days()) {
      int i = (int) ChronoUnit.DAYS.between(from, d.day());
      if (i >= 0) {
        history[i] = (Double.isNaN(history[i]) ? 0 : history[i]) + d.rawUncompressedBytes();
      }
    }
    for (ForecastDay d : f.forecast().days()) {
      int i = (int) ChronoUnit.DAYS.between(from, d.day());
      mean[i] = d.mean();
      low[i] = d.low();
      high[i] = d.high();
    }
    for (int i = 0; i < days.size(); i++) {
      hover[i] =
          Double.isNaN(mean[i])
              ? days.get(i) + ": " + Units.bytes(Double.isNaN(history[i]) ? 0 : history[i])
              : days.get(i)
                  + ": forecast "
                  + Units.bytes(mean[i])
                  + " (90 % interval "
                  + Units.bytes(low[i])
                  + " to "
                  + Units.bytes(high[i])
                  + ")";
    }
    SvgChart chart =
        new SvgChart(
                "Daily log bytes, all sources, and the forecast with its 90 % interval", from, to)
            .band("90 % interval", low, high, SvgChart.COLOURS[0])
            .line("measured", history, "#000000", false)
            .line("forecast", mean, SvgChart.COLOURS[0], true)
            .hover(hover);
    HtmlTable table =
        new HtmlTable("forecast-table", "days ahead", "day", "forecast a day", "90 % interval");
    for (ForecastDay d : f.forecast().days()) {
      if (VolumeAnalysis.STORAGE_HORIZONS.contains(d.ahead())) {
        table
            .row("forecast-" + d.ahead())
            .count(d.ahead())
            .text(d.day().toString())
            .bytes(d.mean())
            .number(d.high() - d.low(), Units.bytes(d.low()) + " – " + Units.bytes(d.high()));
      }
    }
    return "<p>Method: "
        + methodName(f.forecast().method())
        + ", fitted on the last "
        + f.forecast().historyDays()
        + " days of all sources' bytes (see <a href=\"#method\">how</a>).</p>"
        + chart.render()
        + table.render()
        + "<h3>Stored bytes</h3>"
        + storage(f);
  }

  private static String storage(VolumeFigures f) {
    HtmlTable table =
        new HtmlTable(
            "storage-table",
            "days ahead",
            "day",
            "hot (Delta, raw event tables)",
            "hot 90 % interval",
            "archive",
            "archive 90 % interval");
    for (StorageAt s : f.storage()) {
      table
          .row("storage-" + s.ahead())
          .count(s.ahead())
          .text(s.day().toString())
          .bytes(s.hotBytes().mean())
          .number(s.hotBytes().high() - s.hotBytes().low(), interval(s.hotBytes()))
          .bytes(s.archiveBytes().mean())
          .number(s.archiveBytes().high() - s.archiveBytes().low(), interval(s.archiveBytes()));
    }
    return "<p>Hot: the Delta bytes of the days audit_events, container_logs and network_flows"
        + " keep under their retention. Archive: everything archived so far (all tables, all"
        + " versions) plus the raw event days that expire by then.</p>"
        + table.render();
  }

  private static String retention(VolumeFigures f) {
    HtmlTable ratios =
        new HtmlTable(
            "compression-table",
            "source",
            "table",
            "raw bytes, last 30 days",
            "as delivered (compressed)",
            "delivered per raw byte",
            "in Delta",
            "Delta per raw byte",
            "archive per Delta byte",
            "retention");
    for (Compression c : f.compression()) {
      double raw = Math.max(1, c.rawUncompressedBytes());
      ratios
          .row("compression-" + c.source())
          .text(c.source())
          .text(c.table())
          .bytes(c.rawUncompressedBytes())
          .bytes(c.rawBytes())
          .number(c.rawBytes() / raw, ratio(c.rawBytes() / raw))
          .bytes(c.deltaBytes())
          .number(c.deltaBytes() / raw, ratio(c.deltaBytes() / raw))
          .number(
              c.archivePerDeltaByte(),
              ratio(c.archivePerDeltaByte()) + (c.archiveRatioMeasured() ? "" : " (assumed)"))
          .text(c.retention());
    }
    String whatIf = "";
    if (!f.retentionOptions().isEmpty()) {
      HtmlTable options =
          new HtmlTable(
              "retention-table",
              "raw events kept",
              "hot in " + VolumeAnalysis.HORIZON_DAYS + " days",
              "hot 90 % interval",
              "archive in " + VolumeAnalysis.HORIZON_DAYS + " days",
              "archive 90 % interval");
      for (RetentionOption o : f.retentionOptions()) {
        options
            .row("retention-" + o.retention().replace(' ', '-'))
            .text(o.retention() + (o.current() ? " (current)" : ""))
            .bytes(o.hotBytes().mean())
            .number(o.hotBytes().high() - o.hotBytes().low(), interval(o.hotBytes()))
            .bytes(o.archiveBytes().mean())
            .number(o.archiveBytes().high() - o.archiveBytes().low(), interval(o.archiveBytes()));
      }
      whatIf =
          "<h3>If raw events were kept …</h3><p>Stored bytes "
              + VolumeAnalysis.HORIZON_DAYS
              + " days ahead were audit_events, container_logs and network_flows all kept this"
              + " long (retention.&lt;table&gt;): a shorter hot window moves bytes to the"
              + " cheaper archive.</p>"
              + options.render();
    }
    return "<p>What one byte of log becomes: compressed by the shipper, then stored as Parquet in"
        + " Delta (columnar, dictionary-encoded), then archived as zstd Parquet.</p>"
        + ratios.render()
        + whatIf;
  }

  private static String talkers(VolumeFigures f) {
    StringBuilder html =
        new StringBuilder(
            "<p>Bytes of the last 7 days, their share of the bytes of the sources the dimension"
                + " applies to, and the change from the 7 days before (\"new\": silent then)."
                + " Workloads are namespace/workload.</p>");
    for (Map.Entry<String, List<Talker>> dimension : f.topTalkers().entrySet()) {
      if (dimension.getValue().isEmpty()) {
        continue;
      }
      HtmlTable table =
          new HtmlTable(
              "talkers-" + dimension.getKey(),
              "#",
              dimension.getKey().replace('_', ' '),
              "bytes",
              "share",
              "events",
              "change",
              "sources");
      int rank = 1;
      for (Talker t : dimension.getValue()) {
        table
            .row("talker-" + dimension.getKey() + "-" + rank)
            .count(rank++)
            .text(t.name())
            .bytes(t.bytes())
            .number(t.share(), Units.share(t.share()))
            .count(t.events())
            .number(t.growth(), Units.change(t.growth()))
            .text(String.join(", ", t.sources()));
      }
      html.append("<h3>By ")
          .append(Html.escape(dimension.getKey().replace('_', ' ')))
          .append("</h3>")
          .append(table.render());
    }
    return html.toString();
  }

  private static String jumps(VolumeFigures f) {
    if (f.jumps().isEmpty()) {
      return "<p>No talker's day reached the jump ratio (volume.jump_ratio) of its median.</p>";
    }
    HtmlTable table =
        new HtmlTable(
            "jumps-table",
            "day",
            "cluster",
            "source",
            "talker",
            "events",
            "bytes",
            "median day before",
            "ratio",
            "anomaly score",
            "score's volume reason");
    TreeSet<LocalDate> anchored = new TreeSet<>();
    for (Jump j : f.jumps()) {
      table
          .row(anchored.add(j.day()) ? "jumps-" + j.day() : null)
          .text(j.day().toString())
          .text(j.cluster())
          .text(j.source())
          .text(j.talker())
          .count(j.events())
          .bytes(j.bytes())
          .bytes(j.medianBytes())
          .number(j.ratio(), String.format(Locale.ROOT, "%.1f×", j.ratio()))
          .number(
              j.score(),
              j.score() == null
                  ? "not scored"
                  : String.format(Locale.ROOT, "%.0f (rank %d)", j.score(), j.rank()))
          .text(j.scoreDetail() == null ? "" : j.scoreDetail());
    }
    return "<p>A talker (an identity in the audit log, a workload in container logs and flows)"
        + " whose bytes reached the jump ratio of its median day over the 14 days before. The"
        + " anomaly score is the same entity's on the same day; in SQL: <code>SELECT * FROM"
        + " anomaly_scores WHERE event_date = DATE'…' AND entity_id = '…'</code>.</p>"
        + table.render();
  }

  private static String methodName(String method) {
    return switch (Forecast.Method.valueOf(method)) {
      case TREND_AND_WEEKLY_SEASONALITY -> "linear trend plus a day-of-week effect";
      case TREND -> "linear trend (the weekly pattern needs 21 days)";
      case NONE -> "none";
    };
  }

  private static String interval(Estimate e) {
    return Units.bytes(e.low()) + " – " + Units.bytes(e.high());
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  static double[] movingAverage(double[] values) {
    double[] mean = nan(values.length);
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i];
      if (i >= MOVING_AVERAGE_DAYS) {
        sum -= values[i - MOVING_AVERAGE_DAYS];
      }
      if (i >= MOVING_AVERAGE_DAYS - 1) {
        mean[i] = sum / MOVING_AVERAGE_DAYS;
      }
    }
    return mean;
  }

  private static double[] nan(int n) {
    double[] values = new double[n];
    java.util.Arrays.fill(values, Double.NaN);
    return values;
  }

  private static double sum(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum;
  }

  private static List<LocalDate> dayRange(LocalDate from, LocalDate to) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  private static final String METHOD =
      "<dl>"
          + "<dt>Where the bytes come from</dt><dd>The ingest ledger measures every raw file"
          + " (compressed and decompressed) and Delta's log the size of every day partition; no"
          + " event carries its own size. A talker's share of a file is the share of the file's"
          + " stored text its events hold, so one 40 kB request object outweighs a hundred"
          + " <code>get</code>s; a file whose events straddle midnight splits by its rows. Each"
          + " file's bytes are counted exactly once. Files that stored nothing (every line a"
          + " duplicate or reject) count on their ingest day as <code>files_without_rows</code>.</dd>"
          + "<dt>Forecast</dt><dd>Ordinary least squares on the daily total: a straight-line"
          + " trend, plus one term per weekday once there are 21 days of history (three of each"
          + " weekday). The 90 % interval adds the day-to-day noise (the residuals' spread) to the"
          + " uncertainty of the fitted trend, which is why it widens with the horizon; the"
          + " interval of a sum of days (storage) uses the same formula for the sum. Fitted on"
          + " at most volume.forecast_history_days days. A level shift (a new cluster) takes a"
          + " few weeks to be believed: refit after one.</dd>"
          + "<dt>Storage</dt><dd>Hot bytes are the measured Delta bytes of the days still kept,"
          + " plus the forecast days times each source's Delta bytes per raw byte (last 30 days)."
          + " Archive bytes are today's archive plus the days that expire by then, at the"
          + " archive's measured bytes per Delta byte (1 until something is archived), plus the"
          + " raw files when archive.raw_files is on. Intervals of several sources add up, as if"
          + " all sources erred together: wide rather than falsely narrow.</dd>"
          + "<dt>Anomalous volume days</dt><dd>A talker's bytes on a day at volume.jump_ratio times"
          + " or more the median of its days among the 14 before (at least 3 of them), with at"
          + " least volume.jump_min_events events.</dd>"
          + "</dl>";

  private static final String CSS =
      "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1d1f;"
          + "background:#fff;margin:0}main{max-width:1000px;margin:0 auto;padding:16px 20px 48px}"
          + "h1{font-size:1.6em;margin:.4em 0}h2{font-size:1.3em;margin-top:1.8em;"
          + "border-bottom:1px solid #ddd;padding-bottom:.2em}h3{font-size:1.05em;margin:1.2em 0 .4em}"
          + ".meta,.note{color:#555}nav{margin:.6em 0 1em}code{background:#f3f3f3;padding:0 .2em}"
          + "table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.92em}"
          + "th,td{border-bottom:1px solid #e4e4e4;padding:4px 8px;text-align:left;"
          + "vertical-align:top;overflow-wrap:break-word}.scroll{overflow-x:auto}"
          + "th{background:#f6f6f6;cursor:pointer;user-select:none}"
          + "th.asc::after{content:' \\25B2'}th.desc::after{content:' \\25BC'}"
          + "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
          + "tr:target{background:#fff3c4}svg.chart{width:100%;height:auto;display:block}"
          + ".axis text,.legend text{font-size:12px;fill:#333}.grid{stroke:#e6e6e6}"
          + ".tick,.baseline{stroke:#888}rect.hover{fill:transparent}rect.hover:hover{fill:#0001}"
          + "dt{font-weight:600;margin-top:.6em}dd{margin-left:1.2em}";

  /** Sorts a table by the clicked column: numbers by data-value, text alphabetically. */
  private static final String SCRIPT =
      "document.querySelectorAll('table.sortable th').forEach(function(th){"
          + "th.addEventListener('click',function(){"
          + "var table=th.closest('table'),body=table.tBodies[0],i=th.cellIndex,"
          + "asc=!th.classList.contains('asc');"
          + "table.querySelectorAll('th').forEach(function(h){h.classList.remove('asc','desc')});"
          + "th.classList.add(asc?'asc':'desc');"
          + "var key=function(row){var c=row.cells[i],v=c.getAttribute('data-value');"
          + "return v!==null&&v!==''&&!isNaN(v)?parseFloat(v):(v===''?null:c.textContent)};"
          + "Array.from(body.rows).sort(function(a,b){var x=key(a),y=key(b);"
          + "if(x===null)return 1;if(y===null)return -1;"
          + "var o=typeof x==='number'&&typeof y==='number'?x-y:String(x).localeCompare(String(y));"
          + "return asc?o:-o}).forEach(function(r){body.appendChild(r)})})});";
}
