package io.huntlake.archive;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.ArchiveManifestTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code archive_manifest} table: one row per manifest in the archive, so hunters can query
 * what is archived, and verify has a second record of every manifest that was written.
 */
final class ManifestMirror {
  private final SparkSession spark;
  private final String path;

  ManifestMirror(SparkSession spark, HuntlakeConfig config) {
    this.spark = spark;
    this.path = LakeTables.path(config, ArchiveManifestTable.DEFINITION);
  }

  /** A recorded manifest: where it is and its hash. */
  record Recorded(
      long sequence, String path, String sha256, java.time.LocalDate day, int version) {}

  /** The recorded manifests of one table, by sequence. */
  Map<Long, Recorded> recorded(String table) {
    return recordedByTable(Optional.of(table)).getOrDefault(table, Map.of());
  }

  /** Every recorded manifest, by table and sequence: one read of the table. */
  Map<String, Map<Long, Recorded>> recordedByTable() {
    return recordedByTable(Optional.empty());
  }

  private Map<String, Map<Long, Recorded>> recordedByTable(Optional<String> only) {
    Map<String, Map<Long, Recorded>> byTable = new HashMap<>();
    Optional<Dataset<Row>> table = LakeTables.read(spark, path);
    if (table.isEmpty()) {
      return byTable;
    }
    Dataset<Row> rows = table.get();
    if (only.isPresent()) {
      rows = rows.where(col(ArchiveManifestTable.TABLE_NAME).equalTo(lit(only.get())));
    }
    for (Row row :
        rows.select(
                ArchiveManifestTable.TABLE_NAME,
                ArchiveManifestTable.SEQUENCE,
                ArchiveManifestTable.MANIFEST_PATH,
                ArchiveManifestTable.MANIFEST_SHA256,
                ArchiveManifestTable.PARTITION_DATE,
                ArchiveManifestTable.VERSION)
            .collectAsList()) {
      byTable
          .computeIfAbsent(row.getString(0), name -> new HashMap<>())
          .put(
              row.getLong(1),
              new Recorded(
                  row.getLong(1),
                  row.getString(2),
                  row.getString(3),
                  row.getLocalDate(4),
                  row.getInt(5)));
    }
    return byTable;
  }

  /** Records a manifest (again: a rerun replaces the same table and sequence). */
  void record(StoredManifest stored) {
    Manifest m = stored.manifest();
    Row row =
        RowFactory.create(
            m.table(),
            m.partitionColumn(),
            m.day(),
            m.version(),
            m.sequence(),
            stored.path(),
            stored.sha256(),
            m.previousSha256(),
            m.supersedesSha256(),
            m.sourceVersion(),
            m.files().size(),
            m.rows(),
            m.bytes(),
            m.contentFingerprint(),
            m.archivedAt());
    Dataset<Row> rows = spark.createDataFrame(List.of(row), ArchiveManifestTable.SCHEMA);
    LakeTables.replace(
        spark,
        ArchiveManifestTable.DEFINITION,
        path,
        rows,
        ArchiveManifestTable.TABLE_NAME
            + " = '"
            + m.table()
            + "' AND "
            + ArchiveManifestTable.SEQUENCE
            + " = "
            + m.sequence());
  }
}
