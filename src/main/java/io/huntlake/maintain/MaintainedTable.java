package io.huntlake.maintain;

import io.huntlake.table.HuntlakeTables;
import io.huntlake.table.TableDefinition;
import java.util.List;
import java.util.Optional;

/**
 * A day-partitioned table maintain compacts, archives and expires: every registered table whose
 * retention is not {@link TableDefinition.Retention#KEPT}, with the columns compaction Z-orders its
 * days by (each must have file statistics, which Z-ordering needs).
 */
public record MaintainedTable(TableDefinition definition) {
  public String name() {
    return definition.name();
  }

  public List<String> zOrderBy() {
    return definition.zOrderBy();
  }

  /** The day column: event_date, or ingest_date for rejects and the ledger. */
  public String partitionColumn() {
    return definition.dayColumn();
  }

  /** Every table maintain looks after, in the registry's order (raw events first). */
  public static final List<MaintainedTable> ALL =
      HuntlakeTables.ALL.stream()
          .filter(TableDefinition::maintained)
          .map(MaintainedTable::new)
          .toList();

  /** The table of that name, for --table. */
  public static Optional<MaintainedTable> named(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
