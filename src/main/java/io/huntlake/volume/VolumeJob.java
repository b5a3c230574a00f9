package io.huntlake.volume;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.lake.LakeTables;
import io.huntlake.source.LogSource;
import io.huntlake.spark.RunReports;
import io.huntlake.table.AnomalyScoresTable;
import io.huntlake.table.ArchiveManifestTable;
import io.huntlake.table.DeltaPartitions;
import io.huntlake.table.EventColumns;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.LogVolumeDailyTable;
import io.huntlake.table.TableDefinition;
import io.huntlake.volume.VolumeFigures.Jump;
import io.huntlake.volume.VolumeFigures.SourceDay;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code huntlake volume}: day D's rows of {@code log_volume_daily} (replacing D's partition), then
 * the figures over the whole history and the capacity report.
 *
 * <p>Cost: one read of D's partition of each event table (talker columns and row sizes), the ledger
 * rows of the files touching D (found by their event-time statistics), and the Delta log's file
 * sizes. The report then reads log_volume_daily, which is small (talkers × days), plus the anomaly
 * scores of the days with a jump and the archive manifest.
 */
public final class VolumeJob {
  /** What a day's measurement wrote: its rows, and its totals over all clusters and sources. */
  public record DayTotals(
      LocalDate date,
      long rows,
      long events,
      long rawBytes,
      long rawUncompressedBytes,
      long deltaBytes) {
    public String summary() {
      return "volume "
          + date
          + ": talker_rows="
          + rows
          + " events="
          + events
          + " raw="
          + Units.bytes(rawBytes)
          + " uncompressed="
          + Units.bytes(rawUncompressedBytes)
          + " delta="
          + Units.bytes(deltaBytes);
    }
  }

  /** The report as of a day: that day's totals, the figures, and where the page went. */
  public record Report(DayTotals day, String reportPath, VolumeFigures figures) {
    public String summary() {
      return day.summary()
          + " jumps="
          + figures.jumps().stream().filter(j -> j.day().equals(day.date())).count()
          + " report="
          + reportPath;
    }
  }

  /** Where the report goes unless --report says otherwise. */
  public static String defaultReportPath(HuntlakeConfig config, LocalDate date) {
    return config.storage().reports() + "/volume/" + date + ".html";
  }

  /** Measures the day, then writes the report as of it. */
  public Report run(
      SparkSession spark, HuntlakeConfig config, LocalDate date, Optional<String> reportPath) {
    return report(spark, config, measure(spark, config, date), reportPath);
  }

  /** Replaces D's partition of log_volume_daily. */
  public DayTotals measure(SparkSession spark, HuntlakeConfig config, LocalDate date) {
    LakeTables.replaceDay(
        spark, config, LogVolumeDailyTable.DEFINITION, date, day(spark, config, date));
    return totals(spark, config, date);
  }

  /** The figures over the history up to D, written as the HTML report. */
  public Report report(
      SparkSession spark, HuntlakeConfig config, LocalDate date, Optional<String> reportPath) {
    return report(spark, config, totals(spark, config, date), reportPath);
  }

  /** The report's figures over the history up to D, written nowhere (notebooks plot them). */
  public VolumeFigures figures(SparkSession spark, HuntlakeConfig config, LocalDate date) {
    Dataset<Row> volume =
        LakeTables.read(spark, LakeTables.path(config, LogVolumeDailyTable.DEFINITION))
            .orElseGet(() -> spark.createDataFrame(List.of(), LogVolumeDailyTable.SCHEMA));
    return VolumeAnalysis.analyse(inputs(spark, config, date, volume));
  }

  private Report report(
      SparkSession spark, HuntlakeConfig config, DayTotals day, Optional<String> reportPath) {
    LocalDate date = day.date();
    VolumeFigures figures = figures(spark, config, date);
    String written =
        RunReports.writeText(
            spark.sparkContext().hadoopConfiguration(),
            reportPath.orElse(defaultReportPath(config, date)),
            reportPath.isPresent() ? "--report" : "storage.reports",
            VolumeReport.html(figures, config.storage().lake()));
    return new Report(day, written, figures);
  }

  private static DayTotals totals(SparkSession spark, HuntlakeConfig config, LocalDate date) {
    Row sums =
        LakeTables.readDay(spark, config, LogVolumeDailyTable.DEFINITION, date)
            .agg(
                count(lit(1)),
                sum(LogVolumeDailyTable.EVENTS),
                sum(LogVolumeDailyTable.RAW_BYTES),
                sum(LogVolumeDailyTable.RAW_UNCOMPRESSED_BYTES),
                sum(LogVolumeDailyTable.DELTA_BYTES))
            .first();
    return new DayTotals(
        date, sums.getLong(0), orZero(sums, 1), orZero(sums, 2), orZero(sums, 3), orZero(sums, 4));
  }

  private static long orZero(Row row, int field) {
    return row.isNullAt(field) ? 0 : row.getLong(field);
  }

  /** D's rows of log_volume_daily from D's events, the ledger and the Delta logs. */
  private static Dataset<Row> day(SparkSession spark, HuntlakeConfig config, LocalDate date) {
    Dataset<Row> talkers = null;
    Map<LogSource, Long> deltaBytes = new EnumMap<>(LogSource.class);
    for (LogSource source : config.enabledSources()) {
      TableDefinition table = source.table();
      Dataset<Row> events = LakeTables.readDay(spark, config, table, date);
      Dataset<Row> sourceTalkers = VolumeAggregates.talkers(source, events);
      talkers = talkers == null ? sourceTalkers : talkers.unionByName(sourceTalkers);
      deltaBytes.put(source, partitionBytes(spark, LakeTables.path(config, table), date));
    }
    Dataset<Row> ledger =
        LakeTables.read(spark, LakeTables.path(config, IngestLedgerTable.DEFINITION))
            .orElseGet(() -> spark.createDataFrame(List.of(), IngestLedgerTable.SCHEMA));
    Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    // The files whose events touch D, found through the ledger's min/max statistics.
    Dataset<Row> touching =
        ledger.where(
            col(IngestLedgerTable.MIN_EVENT_TS)
                .lt(lit(Timestamp.from(end)))
                .and(col(IngestLedgerTable.MAX_EVENT_TS).geq(lit(Timestamp.from(start)))));
    Dataset<Row> filesWithoutRows =
        ledger.where(col(IngestLedgerTable.INGEST_DATE).equalTo(lit(date)));
    if (talkers == null) {
      // No source enabled: an empty frame of talkers' columns.
      LogSource any = LogSource.values()[0];
      talkers =
          VolumeAggregates.talkers(any, spark.createDataFrame(List.of(), any.table().schema()));
    }
    return VolumeAggregates.day(
        date, talkers, touching, filesWithoutRows, deltaBytes, config.volume().maxTalkers());
  }

  private static long partitionBytes(SparkSession spark, String path, LocalDate date) {
    return io.delta.tables.DeltaTable.isDeltaTable(spark, path)
        ? DeltaPartitions.bytesOf(spark, path, EventColumns.EVENT_DATE, date)
        : 0;
  }

  /** Collects what the analysis needs from the lake. */
  private static VolumeAnalysis.Inputs inputs(
      SparkSession spark, HuntlakeConfig config, LocalDate date, Dataset<Row> volume) {
    List<SourceDay> days = new ArrayList<>();
    for (Row r : VolumeHistory.dailyTotals(volume, date).collectAsList()) {
      days.add(
          new SourceDay(
              r.getLocalDate(0),
              r.getString(1),
              r.getString(2),
              r.getLong(3),
              r.getLong(4),
              r.getLong(5),
              r.getLong(6)));
    }
    List<VolumeAnalysis.TalkerTotal> talkers = new ArrayList<>();
    for (Row r : VolumeHistory.topTalkers(volume, date).collectAsList()) {
      talkers.add(
          new VolumeAnalysis.TalkerTotal(
              r.getString(0),
              r.getString(1),
              r.getLong(2),
              r.getLong(3),
              r.getLong(4),
              r.getList(5)));
    }
    List<VolumeAnalysis.SourcePolicy> sources = new ArrayList<>();
    for (LogSource source : LogSource.values()) {
      String table = source.table().name();
      sources.add(
          new VolumeAnalysis.SourcePolicy(source.id(), table, config.maintain().retention(table)));
    }
    Map<String, Map<LocalDate, Long>> archivedDays = new HashMap<>();
    long archiveBytes = 0;
    Optional<Dataset<Row>> manifests =
        LakeTables.read(spark, LakeTables.path(config, ArchiveManifestTable.DEFINITION));
    if (manifests.isPresent()) {
      for (Row r : VolumeHistory.archivedDays(manifests.get()).collectAsList()) {
        archivedDays
            .computeIfAbsent(r.getString(0), t -> new TreeMap<>())
            .put(r.getLocalDate(1), r.getLong(2));
      }
      Row total =
          manifests
              .get()
              .agg(org.apache.spark.sql.functions.sum(ArchiveManifestTable.BYTES))
              .first();
      archiveBytes = total.isNullAt(0) ? 0 : total.getLong(0);
    }
    return new VolumeAnalysis.Inputs(
        date,
        days,
        talkers,
        jumps(spark, config, date, volume),
        archivedDays,
        archiveBytes,
        sources,
        config.maintain().archiveRawFiles(),
        config.volume().forecastHistoryDays());
  }

  private static List<Jump> jumps(
      SparkSession spark, HuntlakeConfig config, LocalDate date, Dataset<Row> volume) {
    List<Row> found = VolumeHistory.jumps(volume, date, config.volume()).collectAsList();
    Map<String, Row> scores = new HashMap<>();
    Optional<Dataset<Row>> scoreTable =
        LakeTables.read(spark, LakeTables.path(config, AnomalyScoresTable.DEFINITION));
    if (scoreTable.isPresent() && !found.isEmpty()) {
      List<LocalDate> dates = found.stream().map(r -> r.getLocalDate(0)).distinct().toList();
      for (Row s : VolumeHistory.volumeScores(scoreTable.get(), dates).collectAsList()) {
        scores.put(
            s.getLocalDate(0) + "|" + s.getString(1) + "|" + s.getString(2) + "|" + s.getString(3),
            s);
      }
    }
    List<Jump> jumps = new ArrayList<>();
    for (Row r : found) {
      String source = r.getString(2);
      Row score =
          scores.get(
              r.getLocalDate(0)
                  + "|"
                  + r.getString(1)
                  + "|"
                  + VolumeHistory.entityType(source)
                  + "|"
                  + r.getString(3));
      jumps.add(
          new Jump(
              r.getLocalDate(0),
              r.getString(1),
              source,
              r.getString(3),
              r.getLong(4),
              r.getLong(5),
              r.getDouble(6),
              r.getDouble(7),
              score == null ? null : score.getDouble(4),
              score == null ? null : score.getInt(5),
              score == null || score.isNullAt(6) ? null : score.getString(6)));
    }
    return jumps;
  }
}
