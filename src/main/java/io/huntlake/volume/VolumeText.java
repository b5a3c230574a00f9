package io.huntlake.volume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code huntlake volume}'s output: a few lines for a terminal, or every figure as JSON. */
public final class VolumeText {
  private VolumeText() {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** The figures the report shows, plus the day's totals and the report's location. */
  public static String json(VolumeJob.Report report) {
    try {
      return JSON.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("volume figures are not serialisable", e);
    }
  }

  /** The figures alone, as the report and notebooks read them. */
  public static String json(VolumeFigures figures) {
    try {
      return JSON.writeValueAsString(figures);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("volume figures are not serialisable", e);
    }
  }

  /** The summary line, growth per source, the forecast and the biggest talkers. */
  public static String text(VolumeJob.Report report) {
    VolumeFigures f = report.figures();
    StringBuilder out = new StringBuilder(report.summary()).append('\n');
    for (VolumeFigures.SourceGrowth g : f.growth()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-9s %10s on the day, %10s a day this week, week over week %s, 30-day trend %s%n",
              g.source(),
              Units.bytes(g.lastDayBytes()),
              Units.bytes(g.recentDailyBytes()),
              g.weekOverWeek() == null ? "–" : Units.change(g.weekOverWeek()),
              g.trendPer30Days() == null ? "–" : Units.change(g.trendPer30Days())));
    }
    for (VolumeFigures.StorageAt s : f.storage()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  stored %s: hot %s (%s – %s), archive %s (%s – %s)%n",
              s.ahead() == 0 ? "now" : "in " + s.ahead() + " days",
              Units.bytes(s.hotBytes().mean()),
              Units.bytes(s.hotBytes().low()),
              Units.bytes(s.hotBytes().high()),
              Units.bytes(s.archiveBytes().mean()),
              Units.bytes(s.archiveBytes().low()),
              Units.bytes(s.archiveBytes().high())));
    }
    for (Map.Entry<String, List<VolumeFigures.Talker>> dimension : f.topTalkers().entrySet()) {
      List<VolumeFigures.Talker> top = dimension.getValue();
      if (!top.isEmpty()) {
        VolumeFigures.Talker t = top.get(0);
        out.append(
            String.format(
                Locale.ROOT,
                "  top %s: %s, %s in 7 days (%s, %s)%n",
                dimension.getKey().replace('_', ' '),
                t.name(),
                Units.bytes(t.bytes()),
                Units.share(t.share()),
                Units.change(t.growth())));
      }
    }
    return out.toString();
  }
}
