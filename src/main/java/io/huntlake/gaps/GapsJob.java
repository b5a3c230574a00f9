package io.huntlake.gaps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.lake.LakeTables;
import io.huntlake.source.LogSource;
import io.huntlake.table.DeliveryGapsTable;
import io.huntlake.table.EventColumns;
import io.huntlake.table.IngestLedgerTable;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code huntlake gaps}: day D's log-delivery gaps into {@code delivery_gaps}, replacing D's
 * partition. Runs before detect, whose rule log-audit-delivery-gap turns missing audit hours into a
 * finding.
 */
public final class GapsJob {
  /** Gaps found on a day, by type, and the audit hours among them. */
  public record Report(LocalDate date, Map<String, Long> byType, long auditHours) {
    public String summary() {
      StringBuilder line = new StringBuilder("gaps " + date + ":");
      for (String type :
          new String[] {
            DeliveryGapsTable.MISSING_HOUR,
            DeliveryGapsTable.LOW_HOUR,
            DeliveryGapsTable.FILE_OUTSIDE_DAY
          }) {
        line.append(' ').append(type).append('=').append(byType.getOrDefault(type, 0L));
      }
      return line.append(" audit_hours=").append(auditHours).toString();
    }
  }

  public Report run(SparkSession spark, HuntlakeConfig config, LocalDate date) {
    LocalDate first = date.minusDays(config.baseline().windowDays());
    Dataset<Row> events = null;
    for (LogSource source : config.enabledSources()) {
      Dataset<Row> sourceEvents =
          LakeTables.readDays(spark, config, source.table(), first, date)
              .select(
                  col(EventColumns.CLUSTER).as(DeliveryGaps.CLUSTER),
                  lit(source.id()).as(DeliveryGaps.SOURCE),
                  col(EventColumns.EVENT_TS).as(DeliveryGaps.EVENT_TS));
      events = events == null ? sourceEvents : events.unionAll(sourceEvents);
    }
    Dataset<Row> ledger =
        LakeTables.read(spark, LakeTables.path(config, IngestLedgerTable.DEFINITION))
            .orElseGet(() -> spark.createDataFrame(java.util.List.of(), IngestLedgerTable.SCHEMA))
            .where(col(IngestLedgerTable.INGEST_DATE).equalTo(lit(date)));
    Dataset<Row> gaps = DeliveryGaps.misplacedFiles(ledger, date, config.gaps());
    if (events != null) {
      gaps =
          DeliveryGaps.hours(
                  events,
                  date,
                  config.gaps(),
                  config.baseline().minDays(),
                  java.util.Arrays.stream(LogSource.values())
                      .filter(s -> s.freshness() == LogSource.Freshness.BURSTY)
                      .map(LogSource::id)
                      .collect(java.util.stream.Collectors.toSet()))
              .unionByName(gaps);
    }
    LakeTables.replaceDay(spark, config, DeliveryGapsTable.DEFINITION, date, gaps);
    Dataset<Row> written = LakeTables.readDay(spark, config, DeliveryGapsTable.DEFINITION, date);
    Map<String, Long> byType = new TreeMap<>();
    long auditHours = 0;
    for (Row row :
        written
            .groupBy(DeliveryGapsTable.GAP_TYPE, DeliveryGapsTable.SOURCE)
            .count()
            .collectAsList()) {
      byType.merge(row.getString(0), row.getLong(2), Long::sum);
      if (row.getString(1).equals(LogSource.AUDIT.id())
          && !row.getString(0).equals(DeliveryGapsTable.FILE_OUTSIDE_DAY)) {
        auditHours += row.getLong(2);
      }
    }
    return new Report(date, byType, auditHours);
  }
}
