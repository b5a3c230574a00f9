package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code archive_manifest}: every archive manifest written, one row each, for SQL. The manifests in
 * the archive are the record; this table mirrors them, and is a second witness when a manifest
 * disappears from the archive.
 */
public final class ArchiveManifestTable {
  private ArchiveManifestTable() {}

  public static final String NAME = "archive_manifest";

  public static final String TABLE_NAME = "table_name";
  public static final String PARTITION_COLUMN = "partition_column";
  public static final String PARTITION_DATE = "partition_date";
  public static final String VERSION = "version";
  public static final String SEQUENCE = "sequence";
  public static final String MANIFEST_PATH = "manifest_path";
  public static final String MANIFEST_SHA256 = "manifest_sha256";
  public static final String PREVIOUS_MANIFEST_SHA256 = "previous_manifest_sha256";
  public static final String SUPERSEDES_SHA256 = "supersedes_sha256";
  public static final String SOURCE_VERSION = "source_version";
  public static final String FILES = "files";
  public static final String ROWS = "rows";
  public static final String BYTES = "bytes";
  public static final String CONTENT_FINGERPRINT = "content_fingerprint";
  public static final String ARCHIVED_TS = "archived_ts";

  public static final StructType SCHEMA =
      new StructType()
          .add(
              TABLE_NAME,
              StringType,
              false,
              "the archived table, or raw_files for copies of raw input files")
          .add(PARTITION_COLUMN, StringType, false, "event_date or ingest_date")
          .add(PARTITION_DATE, DateType, false, "the archived day")
          .add(VERSION, IntegerType, false, "1 for a day's first archive; +1 each time it changed")
          .add(SEQUENCE, LongType, false, "position in the table's hash chain, from 1")
          .add(MANIFEST_PATH, StringType, false, "the manifest file in the archive")
          .add(MANIFEST_SHA256, StringType, false, "sha256 of the manifest file's bytes")
          .add(
              PREVIOUS_MANIFEST_SHA256,
              StringType,
              true,
              "sha256 of the table's previous manifest in the chain (null for the first)")
          .add(
              SUPERSEDES_SHA256,
              StringType,
              true,
              "sha256 of the same day's previous version, when the day was archived again")
          .add(
              SOURCE_VERSION,
              LongType,
              false,
              "Delta version of the hot table the rows were read from (the ledger's, for raw files)")
          .add(FILES, IntegerType, false, "data files in the archived day")
          .add(ROWS, LongType, false, "rows (raw files: lines) in the archived day")
          .add(BYTES, LongType, false, "bytes of the archived files")
          .add(
              CONTENT_FINGERPRINT,
              StringType,
              false,
              "row count and an order-free hash of the rows: equal means unchanged")
          .add(ARCHIVED_TS, TimestampType, false, "when the manifest was written");

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          NAME,
          "Every archive manifest: the archived days, their files and the hash chain",
          SCHEMA,
          List.of(),
          TABLE_NAME,
          TableDefinition.DEFAULT_PROPERTIES);
}
