package io.huntlake.ingest;

import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.RejectsTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the survey pass over the input yields: per audit event a narrow key (for duplicate
 * detection), per rejected line a reject, per file its ledger entry. Event rows themselves are not
 * kept: the write pass parses the files again and streams them straight into the table, so memory
 * stays flat however large the day is.
 */
final class Envelope {
  static final String KIND = "kind";
  static final String KEY = "key";
  static final String REJECT = "reject";
  static final String LEDGER = "ledger";

  /** The columns of an audit event that identify it, and where it was read. */
  static final StructType KEY_SCHEMA =
      new StructType()
          .add(AuditEventsTable.AUDIT_ID, DataTypes.StringType, false)
          .add(AuditEventsTable.STAGE, DataTypes.StringType, false)
          .add(AuditEventsTable.SOURCE_FILE, DataTypes.StringType, false)
          .add(AuditEventsTable.SOURCE_LINE, DataTypes.LongType, false)
          .add(AuditEventsTable.EVENT_DATE, DataTypes.DateType, false);

  static final StructType SCHEMA =
      new StructType()
          .add(KIND, DataTypes.StringType, false)
          .add(KEY, KEY_SCHEMA, true)
          .add(REJECT, RejectsTable.SCHEMA, true)
          .add(LEDGER, IngestLedgerTable.SCHEMA, true);

  private Envelope() {}

  static Row key(Row key) {
    return RowFactory.create(KEY, key, null, null);
  }

  static Row reject(Row row) {
    return RowFactory.create(REJECT, null, row, null);
  }

  static Row ledger(Row row) {
    return RowFactory.create(LEDGER, null, null, row);
  }

  /** The identity of one event row to leave out: file, line, auditID and stage. */
  static String dropKey(String file, long line, String auditId, String stage) {
    return file + '\u0000' + line + '\u0000' + auditId + '\u0000' + stage;
  }
}
