package io.huntlake.maintain;

import io.huntlake.table.AnomalyScoresTable;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.BaselineTables;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.DeliveryGapsTable;
import io.huntlake.table.EntityColumns;
import io.huntlake.table.FindingsTable;
import io.huntlake.table.FlowEdgeDailyTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.LogVolumeDailyTable;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.table.RejectsTable;
import io.huntlake.table.TableDefinition;
import io.huntlake.table.UserActivityDailyTable;
import io.huntlake.table.WorkloadActivityDailyTable;
import java.util.List;

/**
 * A day-partitioned table maintain compacts and expires, with the columns hunters filter it by:
 * compaction Z-orders each day's rows on them, so a query for one user or workload reads few files.
 * Each must have file statistics (TableDefinition.propertiesWithStatsOn), which Z-ordering needs.
 */
public record MaintainedTable(TableDefinition definition, List<String> zOrderBy) {
  public MaintainedTable {
    zOrderBy = List.copyOf(zOrderBy);
  }

  public String name() {
    return definition.name();
  }

  /** The day column: event_date, or ingest_date for rejects and the ledger. */
  public String partitionColumn() {
    return definition.partitionColumns().get(0);
  }

  /** Every table maintain looks after, raw events first. archive_manifest is never expired. */
  public static final List<MaintainedTable> ALL =
      List.of(
          new MaintainedTable(
              AuditEventsTable.DEFINITION,
              List.of(AuditEventsTable.USER_NAME, AuditEventsTable.NAMESPACE)),
          new MaintainedTable(
              ContainerLogsTable.DEFINITION,
              List.of(ContainerLogsTable.NAMESPACE, ContainerLogsTable.WORKLOAD)),
          new MaintainedTable(
              NetworkFlowsTable.DEFINITION,
              List.of(NetworkFlowsTable.SRC_WORKLOAD, NetworkFlowsTable.DST_IP)),
          new MaintainedTable(RejectsTable.DEFINITION, List.of()),
          new MaintainedTable(IngestLedgerTable.DEFINITION, List.of()),
          new MaintainedTable(UserActivityDailyTable.DEFINITION, List.of(EntityColumns.ENTITY_ID)),
          new MaintainedTable(
              WorkloadActivityDailyTable.DEFINITION, List.of(EntityColumns.ENTITY_ID)),
          new MaintainedTable(FlowEdgeDailyTable.DEFINITION, List.of(EntityColumns.ENTITY_ID)),
          new MaintainedTable(BaselineTables.USER, List.of(EntityColumns.ENTITY_ID)),
          new MaintainedTable(BaselineTables.WORKLOAD, List.of(EntityColumns.ENTITY_ID)),
          new MaintainedTable(BaselineTables.FLOW_EDGE, List.of(EntityColumns.ENTITY_ID)),
          new MaintainedTable(AnomalyScoresTable.DEFINITION, List.of(EntityColumns.ENTITY_ID)),
          new MaintainedTable(
              FindingsTable.DEFINITION, List.of(FindingsTable.RULE_ID, FindingsTable.ENTITY_ID)),
          new MaintainedTable(DeliveryGapsTable.DEFINITION, List.of()),
          new MaintainedTable(LogVolumeDailyTable.DEFINITION, List.of()));

  /** The table of that name, for --table. */
  public static java.util.Optional<MaintainedTable> named(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
