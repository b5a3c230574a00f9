package io.huntlake.features;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.table.TableDefinition;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code huntlake features}: one day of events into {@code user_activity_daily}, {@code
 * workload_activity_daily} and {@code flow_edge_daily}, each replacing that day's partition. Reads
 * events by event_date, so late events ingested from the next day's folder count once the day is
 * rerun.
 */
public final class FeaturesJob {
  /** Rows written per table, for the run's summary. */
  public record Report(LocalDate date, Map<String, Long> rows) {
    public String summary() {
      StringBuilder line = new StringBuilder("features " + date + ":");
      rows.forEach((table, count) -> line.append(' ').append(table).append('=').append(count));
      return line.toString();
    }
  }

  public Report run(SparkSession spark, HuntlakeConfig config, LocalDate date) {
    Dataset<Row> audit = LakeTables.readDay(spark, config, AuditEventsTable.DEFINITION, date);
    Dataset<Row> logs = LakeTables.readDay(spark, config, ContainerLogsTable.DEFINITION, date);
    // Cached: workload and edge features both read the day's flows.
    Dataset<Row> flows =
        LakeTables.readDay(spark, config, NetworkFlowsTable.DEFINITION, date).cache();
    try {
      return compute(spark, config, date, audit, logs, flows);
    } finally {
      flows.unpersist();
    }
  }

  private Report compute(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      Dataset<Row> audit,
      Dataset<Row> logs,
      Dataset<Row> flows) {
    Map<String, Long> rows = new LinkedHashMap<>();
    write(spark, config, date, EntityFeatures.USER.daily(), UserFeatures.compute(audit), rows);
    write(
        spark,
        config,
        date,
        EntityFeatures.WORKLOAD.daily(),
        WorkloadFeatures.compute(logs, flows),
        rows);
    write(
        spark,
        config,
        date,
        EntityFeatures.FLOW_EDGE.daily(),
        FlowEdgeFeatures.compute(flows),
        rows);
    return new Report(date, rows);
  }

  private static void write(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      TableDefinition table,
      Dataset<Row> rows,
      Map<String, Long> counts) {
    counts.put(table.name(), LakeTables.replaceDay(spark, config, table, date, rows));
  }
}
