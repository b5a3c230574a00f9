package io.huntlake.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.lake.LakeTables;
import io.huntlake.source.LogSource;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.LogVolumeDailyTable;
import io.huntlake.testing.GeneratedLake;
import io.huntlake.testing.HeadlessChromium;
import io.huntlake.testing.ReadsGeneratedLake;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * log_volume_daily and the capacity report on ten generated days (the run of {@link GeneratedLake},
 * whose pipeline includes volume): the table against the ledger and the event tables, the noisy
 * workload's thirtyfold day found and linked to its anomaly score, the report's numbers against the
 * table, and the page in a real browser.
 */
@ReadsGeneratedLake
@ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumeReportIT {
  private static final LocalDate LAST = GeneratedLake.LAST;

  @TempDir static Path reports;

  private HuntlakeConfig config;
  private GeneratedLake lake;
  private VolumeJob.Report report;
  private String html;

  @BeforeAll
  void measureTheLastDayAgain(SparkSession spark) throws Exception {
    lake = GeneratedLake.get(spark);
    config = lake.config();
    report =
        new VolumeJob()
            .run(spark, config, LAST, Optional.of(reports.resolve("volume.html").toString()));
    html = Files.readString(reports.resolve("volume.html"));
  }

  private Dataset<Row> volume(SparkSession spark) {
    return LakeTables.read(spark, LakeTables.path(config, LogVolumeDailyTable.DEFINITION))
        .orElseThrow();
  }

  @Test
  void everyDaysEventsAndEveryFilesBytesAreCountedOnce(SparkSession spark) {
    // Raw events are kept a week; the volume of the expired days stays.
    assertThat(volume(spark).select("event_date").distinct().count()).isEqualTo(GeneratedLake.DAYS);
    for (LocalDate day = LAST.minusDays(6); !day.isAfter(LAST); day = day.plusDays(1)) {
      for (LogSource source : LogSource.values()) {
        long stored = LakeTables.readDay(spark, config, source.table(), day).count();
        long counted =
            volume(spark)
                .where("event_date = DATE'" + day + "' AND source = '" + source.id() + "'")
                .agg(org.apache.spark.sql.functions.sum("events"))
                .first()
                .getLong(0);
        assertThat(counted).as(source + " " + day).isEqualTo(stored).isPositive();
      }
    }
    // Each file's bytes, allocated over the days its events fell on, add up to the ledger's.
    Map<String, long[]> ledger = new HashMap<>();
    for (Row r :
        LakeTables.read(spark, LakeTables.path(config, IngestLedgerTable.DEFINITION))
            .orElseThrow()
            .groupBy("cluster", "source")
            .agg(
                org.apache.spark.sql.functions.sum("bytes"),
                org.apache.spark.sql.functions.sum("uncompressed_bytes"))
            .collectAsList()) {
      ledger.put(r.getString(0) + "|" + r.getString(1), new long[] {r.getLong(2), r.getLong(3)});
    }
    List<Row> allocated =
        volume(spark)
            .groupBy("cluster", "source")
            .agg(
                org.apache.spark.sql.functions.sum("raw_bytes"),
                org.apache.spark.sql.functions.sum("raw_uncompressed_bytes"),
                org.apache.spark.sql.functions.count("*"))
            .collectAsList();
    assertThat(allocated).hasSize(ledger.size());
    for (Row r : allocated) {
      long[] expected = ledger.get(r.getString(0) + "|" + r.getString(1));
      // Rounding: at most half a byte per row of log_volume_daily.
      long rows = r.getLong(4);
      assertThat(r.getLong(2))
          .as("raw bytes of " + r.getString(0) + " " + r.getString(1))
          .isCloseTo(expected[0], within(rows));
      assertThat(r.getLong(3)).isCloseTo(expected[1], within(rows));
    }
  }

  @Test
  void theNoisyWorkloadsThirtyfoldDayIsFoundAndLinkedToItsScore() throws Exception {
    JsonNode label = label("noisy-workload");
    LocalDate day = LocalDate.parse(label.get("date").asText());
    String workload = label.get("entity_id").asText();
    VolumeFigures.Jump jump =
        report.figures().jumps().stream()
            .filter(j -> j.day().equals(day) && j.talker().equals(workload))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no jump of " + workload + " on " + day));
    assertThat(jump.source()).isEqualTo("container");
    assertThat(jump.ratio()).isGreaterThan(10);
    assertThat(jump.score()).as("the workload's anomaly score that day").isNotNull();
    assertThat(jump.scoreDetail()).as("its volume reason").isNotBlank();
    // The chart circles the day and links to the table row.
    assertThat(html).contains("href=\"#jumps-" + day + "\"").contains("id=\"jumps-" + day + "\"");
  }

  @Test
  void theReportsNumbersAreTheTables(SparkSession spark) throws Exception {
    for (LogSource source : LogSource.values()) {
      Row sums =
          volume(spark)
              .where("event_date = DATE'" + LAST + "' AND source = '" + source.id() + "'")
              .agg(
                  org.apache.spark.sql.functions.sum("raw_uncompressed_bytes"),
                  org.apache.spark.sql.functions.sum("events"))
              .first();
      List<String> cells = rowValues("growth-" + source.id());
      assertThat(Long.parseLong(cells.get(0))).as(source + " bytes").isEqualTo(sums.getLong(0));
      assertThat(Long.parseLong(cells.get(1))).as(source + " events").isEqualTo(sums.getLong(1));
    }
    Row top =
        volume(spark)
            .where(
                "event_date >= DATE'"
                    + LAST.minusDays(6)
                    + "' AND workload IS NOT NULL"
                    + " AND origin = 'events'")
            .selectExpr(
                "concat(coalesce(namespace, ''), '/', workload) AS talker",
                "raw_uncompressed_bytes")
            .groupBy("talker")
            .agg(org.apache.spark.sql.functions.sum("raw_uncompressed_bytes").as("bytes"))
            .orderBy(org.apache.spark.sql.functions.col("bytes").desc())
            .first();
    Matcher first = row("talker-workload-1");
    assertThat(first.group(1)).contains("<td>" + top.getString(0) + "</td>");
    assertThat(rowValues("talker-workload-1").get(1)).isEqualTo(String.valueOf(top.getLong(1)));

    assertThat(VolumeText.text(report)).startsWith("volume " + LAST + ":").contains("top workload");
  }

  @Test
  void theCommandRemeasuresTheDayAndPrintsTheFiguresAsJson() throws Exception {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = io.huntlake.cli.HuntlakeCli.commandLine();
    cli.setOut(new java.io.PrintWriter(out));
    Path page = reports.resolve("from-the-command.html");
    int code =
        cli.execute(
            "volume",
            "--date",
            LAST.toString(),
            "--format",
            "json",
            "--report",
            page.toString(),
            "--set",
            "storage.lake=" + config.storage().lake(),
            "--set",
            "storage.raw=" + config.storage().raw(),
            "--set",
            "storage.archive=" + config.storage().archive());
    assertThat(code).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.at("/report_path").asText()).isEqualTo(page.toString());
    assertThat(json.at("/day/rows").asLong()).isEqualTo(report.day().rows()).isPositive();
    assertThat(json.at("/figures/growth/0/source").asText()).isEqualTo("audit");
    assertThat(json.at("/figures/growth/0/last_day_bytes").asLong())
        .isEqualTo(report.figures().growth().get(0).lastDayBytes());
    assertThat(json.at("/figures/top_talkers/workload/0/name").asText())
        .isEqualTo(report.figures().topTalkers().get("workload").get(0).name());
    assertThat(Files.readString(page)).contains("<tr id=\"growth-audit\">");
  }

  @Test
  void theReportOpensInChromiumWithoutConsoleErrors() throws Exception {
    Optional<Path> chromium = HeadlessChromium.find();
    assumeThat(chromium).as("chromium on PATH (.ci/run installs it)").isPresent();
    // The harness sees console errors: a page with a broken script must fail the check.
    Path broken = reports.resolve("broken.html");
    Files.writeString(broken, "<!DOCTYPE html><p>x</p><script>undefinedFunction();</script>");
    HeadlessChromium.Result bad =
        HeadlessChromium.screenshot(chromium.get(), broken, reports.resolve("b.png"), 400, 300);
    assertThat(bad.console()).as(bad.output()).isNotEmpty();

    Path png = reports.resolve("volume.png");
    HeadlessChromium.Result result =
        HeadlessChromium.screenshot(
            chromium.get(), reports.resolve("volume.html"), png, 1100, 3000);
    assertThat(result.console()).as("console of the report").isEmpty();
    assertThat(result.screenshot()).as(result.output()).isTrue();
    assertThat(Files.size(png)).isGreaterThan(50_000);
  }

  private JsonNode label(String scenario) throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(lake.labels())) {
      JsonNode node = json.readTree(line);
      if (node.get("scenario").asText().equals(scenario)) {
        return node;
      }
    }
    throw new AssertionError("no label " + scenario);
  }

  private Matcher row(String id) {
    Matcher row = Pattern.compile("<tr id=\"" + id + "\">(.*?)</tr>").matcher(html);
    assertThat(row.find()).as("row " + id).isTrue();
    return row;
  }

  /** The data-value of each numeric cell of a row, in order. */
  private List<String> rowValues(String id) {
    Matcher values = Pattern.compile("data-value=\"([^\"]*)\"").matcher(row(id).group(1));
    List<String> found = new java.util.ArrayList<>();
    while (values.find()) {
      found.add(values.group(1));
    }
    return found;
  }
}
