package io.huntlake.ingest;

import io.huntlake.source.LogSource;
import io.huntlake.table.EventColumns;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.RejectsTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the survey pass over the input yields: per row of a source that stores repeated records once
 * ({@link LogSource#dedupe()}) a narrow key, per rejected line a reject, per file its ledger entry.
 * Event rows themselves are not kept: the write pass parses the files again and streams them
 * straight into the table, so memory stays flat however large the day is.
 */
final class Envelope {
  static final String KIND = "kind";
  static final String KEY = "key";
  static final String REJECT = "reject";
  static final String LEDGER = "ledger";

  static final String SOURCE = "source";
  static final String RECORD = "record";
  static final String ORDERING = "ordering";

  /**
   * What identifies a row (its key columns' values joined), its rank among copies (the latestBy
   * column's value, else 0), and where it was read.
   */
  static final StructType KEY_SCHEMA =
      new StructType()
          .add(SOURCE, DataTypes.StringType, false)
          .add(RECORD, DataTypes.StringType, false)
          .add(ORDERING, DataTypes.LongType, false)
          .add(EventColumns.SOURCE_FILE, DataTypes.StringType, false)
          .add(EventColumns.SOURCE_LINE, DataTypes.LongType, false)
          .add(EventColumns.EVENT_DATE, DataTypes.DateType, false);

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

  /** The identity of one row to leave out: file, line and record key. */
  static String dropKey(String file, long line, String record) {
    return file + '\u0000' + line + '\u0000' + record;
  }

  /** A record key: the key columns' values joined, as {@link #recordColumn} joins them. */
  static String record(Object[] values) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        key.append('\u0000');
      }
      key.append(values[i] == null ? "" : values[i]);
    }
    return key.toString();
  }

  /** The record key of a stored table's rows, as {@link #record} builds it while reading. */
  static org.apache.spark.sql.Column recordColumn(java.util.List<String> keyColumns) {
    return org.apache.spark.sql.functions.concat_ws(
        "\u0000",
        keyColumns.stream()
            .map(
                c ->
                    org.apache.spark.sql.functions.coalesce(
                        org.apache.spark.sql.functions.col(c).cast("string"),
                        org.apache.spark.sql.functions.lit("")))
            .toArray(org.apache.spark.sql.Column[]::new));
  }
}
