package io.huntlake.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.huntlake.volume.Forecast.Estimate;
import io.huntlake.volume.VolumeAnalysis.SourcePolicy;
import io.huntlake.volume.VolumeAnalysis.TalkerTotal;
import io.huntlake.volume.VolumeFigures.Jump;
import io.huntlake.volume.VolumeFigures.SourceDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The storage arithmetic and shares on steady sources, where every figure can be worked out by
 * hand: audit 1000 raw bytes a day (100 in Delta) kept 30 days, containers 2000 (300 in Delta) kept
 * forever, an archive of 5000 bytes that already holds audit's older days at 0.8 bytes per Delta
 * byte.
 */
class VolumeAnalysisTest {
  private static final LocalDate DAY = LocalDate.of(2026, 6, 30);
  private static final int HISTORY = 60;

  private static VolumeFigures figures() {
    List<SourceDay> days = new ArrayList<>();
    Map<LocalDate, Long> archived = new TreeMap<>();
    for (int back = HISTORY - 1; back >= 0; back--) {
      LocalDate d = DAY.minusDays(back);
      days.add(new SourceDay(d, "prod", "audit", 10, 250, 1000, 100));
      days.add(new SourceDay(d, "prod", "container", 20, 500, 2000, 300));
      if (back >= 30) {
        archived.put(d, 80L);
      }
    }
    List<TalkerTotal> talkers =
        List.of(
            new TalkerTotal("workload", "shop/api", 7000, 70, 3500, List.of("container")),
            new TalkerTotal("identity", "alice", 700, 7, 0, List.of("audit")));
    Jump jump =
        new Jump(DAY, "prod", "container", "shop/api", 5000, 60000, 2000, 30, 91.4, 1, "log_bytes");
    return VolumeAnalysis.analyse(
        new VolumeAnalysis.Inputs(
            DAY,
            days,
            talkers,
            List.of(jump),
            Map.of("audit_events", archived),
            5000,
            List.of(
                new SourcePolicy("audit", "audit_events", OptionalInt.of(30)),
                new SourcePolicy("container", "container_logs", OptionalInt.empty()),
                new SourcePolicy("flow", "network_flows", OptionalInt.of(30))),
            false,
            120));
  }

  @Test
  void hotStorageFollowsEachTablesRetention() {
    Map<Integer, VolumeFigures.StorageAt> storage = new TreeMap<>();
    figures().storage().forEach(s -> storage.put(s.ahead(), s));
    assertThat(storage).containsOnlyKeys(0, 30, 90, 180);
    // Now: audit's last 30 days (3000) and all 60 container days (18000).
    assertExactly(storage.get(0).hotBytes(), 21_000);
    // Audit stays at 30 days; containers keep growing by 300 a day.
    assertExactly(storage.get(30).hotBytes(), 3_000 + 18_000 + 30 * 300);
    assertExactly(storage.get(180).hotBytes(), 3_000 + 18_000 + 180 * 300);
  }

  @Test
  void theArchiveGainsTheDaysThatExpireAtItsMeasuredRatio() {
    Map<Integer, VolumeFigures.StorageAt> storage = new TreeMap<>();
    figures().storage().forEach(s -> storage.put(s.ahead(), s));
    assertExactly(storage.get(0).archiveBytes(), 5_000);
    // In 30 days the 30 audit days hot today have expired: 30 × 100 × 0.8.
    assertExactly(storage.get(30).archiveBytes(), 5_000 + 2_400);
    // In 180 days, 150 forecast days more.
    assertExactly(storage.get(180).archiveBytes(), 5_000 + 2_400 + 150 * 80);
    VolumeFigures.Compression audit = figures().compression().get(0);
    assertThat(audit.archivePerDeltaByte()).isCloseTo(0.8, within(1e-9));
    assertThat(audit.archiveRatioMeasured()).isTrue();
    assertThat(figures().compression().get(1).archiveRatioMeasured()).isFalse();
  }

  @Test
  void aShorterRetentionMovesBytesFromHotToArchive() {
    VolumeFigures.RetentionOption week =
        figures().retentionOptions().stream()
            .filter(o -> o.retention().equals("7 days"))
            .findFirst()
            .orElseThrow();
    assertExactly(week.hotBytes(), 7 * 100 + 7 * 300);
    // Audit: the 30 days hot today and 173 forecast days, at 80; containers, kept forever today:
    // all 60 days so far and the same 173, at 300 (nothing archived yet: 1 byte per Delta byte).
    assertExactly(week.archiveBytes(), 5_000 + (30 + 173) * 80 + (60 + 173) * 300);
    // Kept a year, nothing more expires within 180 days: the archive stays as it is.
    VolumeFigures.RetentionOption year =
        figures().retentionOptions().stream()
            .filter(o -> o.retention().equals("365 days"))
            .findFirst()
            .orElseThrow();
    assertExactly(year.archiveBytes(), 5_000);
    assertExactly(year.hotBytes(), (60 + 180) * 100 + (60 + 180) * 300);
    assertThat(figures().retentionOptions()).noneMatch(VolumeFigures.RetentionOption::current);
  }

  @Test
  void steadySourcesHaveNoGrowthAndTheirShares() {
    VolumeFigures f = figures();
    assertThat(f.growth())
        .extracting(VolumeFigures.SourceGrowth::source)
        .containsExactly("audit", "container");
    VolumeFigures.SourceGrowth audit = f.growth().get(0);
    assertThat(audit.weekOverWeek()).isCloseTo(0, within(1e-9));
    assertThat(audit.trendPer30Days()).isCloseTo(0, within(1e-9));
    assertThat(audit.share()).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(audit.lastDayBytes()).isEqualTo(1000);
    VolumeFigures.Talker api = f.topTalkers().get("workload").get(0);
    assertThat(api.share()).isCloseTo(0.5, within(1e-9));
    assertThat(api.growth()).isCloseTo(1.0, within(1e-9));
    VolumeFigures.Talker alice = f.topTalkers().get("identity").get(0);
    assertThat(alice.growth()).as("silent the week before: new").isNull();
    assertThat(alice.share()).isCloseTo(0.1, within(1e-9));
    assertThat(f.forecast().days()).hasSize(VolumeAnalysis.HORIZON_DAYS);
    assertThat(f.forecast().days().get(29).mean()).isCloseTo(3000, within(1e-6));
  }

  @Test
  void aShortHistoryGivesNoForecastButStillTodaysStorage() {
    List<SourceDay> days = new ArrayList<>();
    for (int back = 4; back >= 0; back--) {
      days.add(new SourceDay(DAY.minusDays(back), "prod", "audit", 10, 250, 1000, 100));
    }
    VolumeFigures f =
        VolumeAnalysis.analyse(
            new VolumeAnalysis.Inputs(
                DAY,
                days,
                List.of(),
                List.of(),
                Map.of(),
                0,
                List.of(new SourcePolicy("audit", "audit_events", OptionalInt.of(30))),
                false,
                120));
    assertThat(f.forecast().days()).isEmpty();
    assertThat(f.forecast().method()).isEqualTo("NONE");
    assertThat(f.storage()).hasSize(1);
    assertExactly(f.storage().get(0).hotBytes(), 500);
    assertThat(f.retentionOptions()).isEmpty();
    assertThat(f.growth().get(0).previousDailyBytes()).isNull();
    assertThat(VolumeReport.html(f, "/lake")).contains("No forecast yet: it needs 7 days");
  }

  @Test
  void theReportShowsTheFiguresAndEscapesNamesFromTheLogs() {
    VolumeFigures f = figures();
    List<TalkerTotal> hostile =
        List.of(
            new TalkerTotal("user_agent", "<script>alert(1)</script>", 10, 1, 0, List.of("audit")));
    VolumeFigures withHostile =
        new VolumeFigures(
            f.date(),
            f.firstDay(),
            f.days(),
            f.growth(),
            Map.of(
                "user_agent",
                List.of(
                    new VolumeFigures.Talker(
                        hostile.get(0).name(), 10, 1, 0.1, null, List.of("audit")))),
            f.forecast(),
            f.storage(),
            f.compression(),
            f.retentionOptions(),
            f.jumps());
    String html = VolumeReport.html(withHostile, "/lake");
    assertThat(html)
        .doesNotContain("<script>alert")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html)
        .contains("<tr id=\"growth-audit\"><td>audit</td><td class=\"num\" data-value=\"1000\">");
    // The jump is circled on the chart and links to its row.
    assertThat(html)
        .contains("href=\"#jumps-" + DAY + "\"")
        .contains("<tr id=\"jumps-" + DAY + "\">");
    assertThat(html).contains("91 (rank 1)");
    assertThat(html).doesNotContain("http://", "https://").as("no external assets");
  }

  private static void assertExactly(Estimate estimate, double expected) {
    assertThat(estimate.mean()).isCloseTo(expected, within(1e-6 * Math.max(1, expected)));
    assertThat(estimate.high() - estimate.low())
        .as("no noise, no interval")
        .isCloseTo(0, within(1e-6 * Math.max(1, expected)));
  }
}
