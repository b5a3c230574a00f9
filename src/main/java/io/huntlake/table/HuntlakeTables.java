package io.huntlake.table;

import java.util.List;

/** Every Delta table HuntLake writes, in data-flow order: what `huntlake sql` and the docs list. */
public final class HuntlakeTables {
  private HuntlakeTables() {}

  public static final List<TableDefinition> ALL =
      List.of(
          AuditEventsTable.DEFINITION,
          ContainerLogsTable.DEFINITION,
          NetworkFlowsTable.DEFINITION,
          K8sEventsTable.DEFINITION,
          RejectsTable.DEFINITION,
          IngestLedgerTable.DEFINITION,
          UserActivityDailyTable.DEFINITION,
          WorkloadActivityDailyTable.DEFINITION,
          FlowEdgeDailyTable.DEFINITION,
          BaselineTables.USER,
          BaselineTables.WORKLOAD,
          BaselineTables.FLOW_EDGE,
          AnomalyScoresTable.DEFINITION,
          FindingsTable.DEFINITION,
          DeliveryGapsTable.DEFINITION,
          LogVolumeDailyTable.DEFINITION,
          ArchiveManifestTable.DEFINITION,
          ThreatIntelTable.DEFINITION,
          AddressRangesTable.DEFINITION);
}
