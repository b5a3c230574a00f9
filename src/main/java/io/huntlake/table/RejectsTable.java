package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** {@code rejects}: every input line that did not become a row, with why. */
public final class RejectsTable {
  private RejectsTable() {}

  public static final String NAME = "rejects";

  public static final String INGEST_DATE = "ingest_date";
  public static final String SOURCE = "source";
  public static final String CLUSTER = "cluster";
  public static final String SOURCE_FILE = "source_file";
  public static final String LINE_NUMBER = "line_number";
  public static final String REASON = "reason";
  public static final String RAW = "raw";
  public static final String RAW_BYTES = "raw_bytes";
  public static final String SOURCE_FORMAT = "source_format";
  public static final String INGEST_RUN_ID = "ingest_run_id";
  public static final String LINE_COUNT = "line_count";

  public static final StructType SCHEMA =
      new StructType()
          .add(
              INGEST_DATE,
              DateType,
              false,
              "day folder the line was read from; the partition column")
          .add(SOURCE, StringType, false, "audit, container or flow")
          .add(CLUSTER, StringType, false, "cluster of the file")
          .add(SOURCE_FILE, StringType, false, "file the line was read from")
          .add(LINE_NUMBER, LongType, false, "1-based line number (0: the file as a whole)")
          .add(REASON, StringType, false, "why the line was not loaded")
          .add(
              RAW,
              StringType,
              true,
              "the line, cut to ingest.reject_raw_chars characters; secrets redacted")
          .add(RAW_BYTES, LongType, false, "length of the whole line in bytes")
          .add(SOURCE_FORMAT, StringType, true, "format the line was read as, when known")
          .add(INGEST_RUN_ID, StringType, false, "content hash of the ingest run")
          .add(
              LINE_COUNT,
              LongType,
              false,
              "input lines this row stands for: a run of identical rejected lines (blank ones, say)"
                  + " is stored once, and so are the lines of a file no longer parsed after"
                  + " ingest.max_rejects_per_file; sum it to reconcile with ingest_ledger.rejects");

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "Input lines that did not become rows, with the reason",
              SCHEMA,
              List.of(INGEST_DATE),
              INGEST_DATE,
              TableDefinition.DEFAULT_PROPERTIES)
          .retained(TableDefinition.Retention.RAW_EVENTS);
}
