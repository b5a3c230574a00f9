package io.huntlake.ingest;

import io.huntlake.config.LogSource;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.table.RejectsTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What one pass over the input yields: each row is an event of one of the three tables, a reject,
 * or a file's ledger entry. Parsing once and splitting afterwards means no file is read twice.
 */
final class Envelope {
  static final String KIND = "kind";
  static final String AUDIT = "audit";
  static final String CONTAINER = "container";
  static final String FLOW = "flow";
  static final String REJECT = "reject";
  static final String LEDGER = "ledger";

  static final StructType SCHEMA =
      new StructType()
          .add(KIND, DataTypes.StringType, false)
          .add(AUDIT, AuditEventsTable.SCHEMA, true)
          .add(CONTAINER, ContainerLogsTable.SCHEMA, true)
          .add(FLOW, NetworkFlowsTable.SCHEMA, true)
          .add(REJECT, RejectsTable.SCHEMA, true)
          .add(LEDGER, IngestLedgerTable.SCHEMA, true);

  private Envelope() {}

  static Row event(LogSource source, Row row) {
    return switch (source) {
      case AUDIT -> RowFactory.create(AUDIT, row, null, null, null, null);
      case CONTAINER -> RowFactory.create(CONTAINER, null, row, null, null, null);
      case FLOW -> RowFactory.create(FLOW, null, null, row, null, null);
    };
  }

  static Row reject(Row row) {
    return RowFactory.create(REJECT, null, null, null, row, null);
  }

  static Row ledger(Row row) {
    return RowFactory.create(LEDGER, null, null, null, null, row);
  }
}
