package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ingest_ledger}: one row per input file and ingest date. Its counts reconcile: {@code lines
 * + batch_records = rows + rejects + duplicates + joined_lines + header_lines}.
 */
public final class IngestLedgerTable {
  private IngestLedgerTable() {}

  public static final String NAME = "ingest_ledger";

  public static final String INGEST_DATE = "ingest_date";
  public static final String SOURCE = "source";
  public static final String CLUSTER = "cluster";
  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_FORMAT = "source_format";
  public static final String BYTES = "bytes";
  public static final String UNCOMPRESSED_BYTES = "uncompressed_bytes";
  public static final String SHA256 = "sha256";
  public static final String MODIFIED_TS = "modified_ts";
  public static final String LINES = "lines";
  public static final String BATCH_RECORDS = "batch_records";
  public static final String ROWS = "rows";
  public static final String REJECTS = "rejects";
  public static final String DUPLICATES = "duplicates";
  public static final String JOINED_LINES = "joined_lines";
  public static final String HEADER_LINES = "header_lines";
  public static final String REDACTIONS = "redactions";
  public static final String MIN_EVENT_TS = "min_event_ts";
  public static final String MAX_EVENT_TS = "max_event_ts";
  public static final String ROWS_OUTSIDE_DAY = "rows_outside_day";
  public static final String ERROR = "error";
  public static final String INGEST_RUN_ID = "ingest_run_id";

  public static final StructType SCHEMA =
      new StructType()
          .add(INGEST_DATE, DateType, false, "day folder the file is in; the partition column")
          .add(SOURCE, StringType, false, "audit, container or flow")
          .add(CLUSTER, StringType, false, "cluster of the file")
          .add(SOURCE_FILE, StringType, false, "the file")
          .add(SOURCE_FORMAT, StringType, true, "format(s) found in the file, comma-separated")
          .add(BYTES, LongType, false, "size as stored (compressed)")
          .add(UNCOMPRESSED_BYTES, LongType, false, "bytes after decompression")
          .add(SHA256, StringType, false, "sha256 of the stored bytes")
          .add(MODIFIED_TS, TimestampType, true, "file modification time as the store reports it")
          .add(LINES, LongType, false, "lines read (a truncated last line counts)")
          .add(
              BATCH_RECORDS,
              LongType,
              false,
              "extra records from lines holding several (EventList items beyond the first)")
          .add(ROWS, LongType, false, "rows written to the source's table")
          .add(
              REJECTS,
              LongType,
              false,
              "rejected lines: the sum of line_count over the file's rows in rejects")
          .add(
              DUPLICATES,
              LongType,
              false,
              "records already stored (same auditID and stage, or a repeated file)")
          .add(
              JOINED_LINES,
              LongType,
              false,
              "partial runtime records merged into the line that completed them")
          .add(HEADER_LINES, LongType, false, "format header lines (VPC Flow Logs field lists)")
          .add(REDACTIONS, LongType, false, "secret values replaced by the redaction marker")
          .add(MIN_EVENT_TS, TimestampType, true, "earliest event time in the file")
          .add(MAX_EVENT_TS, TimestampType, true, "latest event time in the file")
          .add(ROWS_OUTSIDE_DAY, LongType, false, "rows whose event_date is not the ingest date")
          .add(
              ERROR,
              StringType,
              true,
              "what went wrong with the file as a whole (truncated stream, trailing bytes, parsing"
                  + " stopped), or 'skipped: <why>' for an entry not read (a link, a hidden name);"
                  + " else null")
          .add(INGEST_RUN_ID, StringType, false, "content hash of the ingest run");

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "Every input file read: size, sha256 and counts that reconcile",
              SCHEMA,
              List.of(INGEST_DATE),
              INGEST_DATE,
              TableDefinition.DEFAULT_PROPERTIES)
          .retained(TableDefinition.Retention.DAILY);
}
