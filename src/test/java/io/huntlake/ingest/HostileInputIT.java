package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.lake.LakeTables;
import io.huntlake.source.LogSource;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.RejectsTable;
import io.huntlake.testing.HostileFiles;
import io.huntlake.testing.RawLogs;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over a thousand hostile files across every source and compression (random bytes, invalid UTF-8,
 * deep nesting, huge lines, bombs, absurd times, wrong types, broken compression, odd names, links)
 * in one day: ingest finishes, every entry has its ledger row, every ledger row reconciles with its
 * rows and reject rows, no partition lies outside the plausible window, rejects stay bounded, and
 * every valid event mixed in arrives.
 */
@ExtendWith(SharedSpark.class)
class HostileInputIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  private static final int FILES = 1_050;

  @Test
  void aThousandHostileFilesAreAllAccountedFor(SparkSession spark, @TempDir Path dir)
      throws Exception {
    RawLogs logs = new RawLogs(dir);
    Path elsewhere =
        logs.write(
            "audit",
            DAY.minusDays(3),
            "prod",
            "other-day.log",
            RawLogs.auditEvent("other-day", Instant.parse("2026-10-30T10:00:00Z")) + "\n");
    HostileFiles hostile = new HostileFiles(logs.raw(), DAY, 20261202);
    List<HostileFiles.Written> written = new ArrayList<>(hostile.write(FILES));
    written.addAll(hostile.writeLinks(elsewhere));
    written.add(hostile.writeUndecodableName("container"));
    HuntlakeConfig config =
        logs.config("ingest.max_line_bytes=100000", "sources.events.enabled=true");

    IngestReport report =
        new IngestJob().run(spark, config, DAY, EnumSet.allOf(LogSource.class), false);

    Dataset<Row> ledger =
        LakeTables.read(spark, config.storage().table(IngestLedgerTable.NAME)).orElseThrow();
    assertThat(ledger.count()).as("a ledger row for every entry").isEqualTo(written.size());
    Map<String, Row> byFile = new HashMap<>();
    for (Row row : ledger.collectAsList()) {
      byFile.put(row.getAs(IngestLedgerTable.SOURCE_FILE), row);
    }
    Map<String, Long> rejectLines = new HashMap<>();
    Dataset<Row> rejects =
        LakeTables.read(spark, config.storage().table(RejectsTable.NAME)).orElseThrow();
    for (Row row :
        rejects
            .groupBy(RejectsTable.SOURCE_FILE)
            .agg(org.apache.spark.sql.functions.sum(RejectsTable.LINE_COUNT))
            .collectAsList()) {
      rejectLines.put(row.getString(0), row.getLong(1));
    }
    for (HostileFiles.Written file : written) {
      Row row = byFile.get(new org.apache.hadoop.fs.Path(file.path().toUri()).toString());
      assertThat(row).as("ledger row of %s", file.path()).isNotNull();
      long lines = row.getAs(IngestLedgerTable.LINES);
      long accounted =
          (long) row.getAs(IngestLedgerTable.ROWS)
              + (long) row.<Long>getAs(IngestLedgerTable.REJECTS)
              + (long) row.<Long>getAs(IngestLedgerTable.DUPLICATES)
              + (long) row.<Long>getAs(IngestLedgerTable.JOINED_LINES)
              + (long) row.<Long>getAs(IngestLedgerTable.HEADER_LINES);
      assertThat(lines + (long) row.<Long>getAs(IngestLedgerTable.BATCH_RECORDS))
          .as("%s (%s) reconciles", file.path().getFileName(), file.kind())
          .isEqualTo(accounted);
      assertThat(rejectLines.getOrDefault(row.<String>getAs(IngestLedgerTable.SOURCE_FILE), 0L))
          .as("reject rows of %s stand for its rejected lines", file.kind())
          .isEqualTo(row.<Long>getAs(IngestLedgerTable.REJECTS));
      if (file.validEvents() >= 0) {
        assertThat(row.<Long>getAs(IngestLedgerTable.ROWS))
            .as(
                "valid events of %s (%s, %s)",
                file.path().getFileName(), file.kind(), file.source())
            .isEqualTo(file.validEvents());
      }
      if (file.kind().contains("link") || file.kind().equals("undecodable-name")) {
        assertThat(row.<String>getAs(IngestLedgerTable.ERROR)).startsWith("skipped: ");
      }
    }
    assertThat(rejects.count())
        .as("bombs and garbage are counted, not stored line by line")
        .isLessThan(20L * FILES);
    for (LogSource source : LogSource.values()) {
      Row range =
          LakeTables.read(spark, LakeTables.path(config, source.table()))
              .orElseThrow()
              .selectExpr("min(event_date)", "max(event_date)", "count(*)")
              .first();
      assertThat(range.getLong(2)).as("%s rows", source).isPositive();
      assertThat(range.getLocalDate(0)).isAfterOrEqualTo(DAY.minusDays(400));
      assertThat(range.getLocalDate(1)).isBeforeOrEqualTo(DAY.plusDays(2));
    }
    assertThat(report.totalRows()).isPositive();
  }
}
