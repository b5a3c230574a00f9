package io.huntlake.archive;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.DeltaPartitions;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Archives one day of one table: the rows as zstd Parquet plus a manifest chained to the table's
 * previous one. Nothing is deleted from the hot table here (that is retention's job, after
 * verification), and an archived day is never overwritten: a day whose rows changed since its last
 * archive gets a new version that names the one it supersedes.
 */
public final class Archiver {
  /** What archiving a day did. */
  public enum Status {
    /** A new version was written. */
    ARCHIVED,
    /** The day's rows equal its latest archived version; nothing was written. */
    UNCHANGED,
    /** The day has no rows; nothing to archive. */
    EMPTY
  }

  /** The outcome for one table and day; {@code manifest} is absent when the day was empty. */
  public record Outcome(
      String table, LocalDate day, Status status, Optional<StoredManifest> manifest) {
    public String describe() {
      return manifest
          .map(
              m ->
                  table
                      + " "
                      + day
                      + ": "
                      + status.name().toLowerCase(java.util.Locale.ROOT)
                      + " v"
                      + m.manifest().version()
                      + " ("
                      + m.manifest().files().size()
                      + " files, "
                      + m.manifest().rows()
                      + " rows)")
          .orElse(table + " " + day + ": no rows");
    }
  }

  private final SparkSession spark;
  private final HuntlakeConfig config;
  private final ArchiveFiles files;
  private final ArchiveLayout layout;
  private final ManifestMirror mirror;

  public Archiver(SparkSession spark, HuntlakeConfig config) {
    // A session of its own, so the Parquet setting below applies to the archive's writes only, even
    // with other jobs writing through the same SparkContext.
    this.spark = io.huntlake.spark.Sessions.isolated(spark);
    this.spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    this.config = config;
    this.files = new ArchiveFiles(spark.sparkContext().hadoopConfiguration());
    this.layout = new ArchiveLayout(files.qualify(config.storage().archive()));
    this.mirror = new ManifestMirror(spark, config);
  }

  /** Archives the table's rows of one day (by its partition column) as they are now. */
  public Outcome archiveTable(TableDefinition table, LocalDate day) {
    String name = table.name();
    String partitionColumn = table.partitionColumns().get(0);
    String path = LakeTables.path(config, table);
    if (LakeTables.read(spark, path).isEmpty()) {
      return new Outcome(name, day, Status.EMPTY, Optional.empty());
    }
    long sourceVersion = DeltaPartitions.version(spark, path);
    Dataset<Row> rows = dayAt(path, partitionColumn, sourceVersion, day);
    String fingerprint = ContentFingerprint.of(rows);
    if (ContentFingerprint.rows(fingerprint) == 0) {
      return new Outcome(name, day, Status.EMPTY, Optional.empty());
    }
    Draft draft = draft(name, partitionColumn, day, sourceVersion, fingerprint);
    if (draft.unchanged()) {
      return draft.unchangedOutcome();
    }
    String staging = layout.staging(name, UUID.randomUUID().toString());
    try {
      long dayBytes = DeltaPartitions.bytesOf(spark, path, partitionColumn, day);
      int fileCount =
          (int) Math.max(1, Math.ceil((double) dayBytes / config.maintain().targetFileBytes()));
      // The partition column is constant within the day: the folder name says it, as in Delta.
      // Timestamps as INT64 microseconds, which every Parquet reader understands (Spark's default,
      // INT96, is deprecated in Parquet), for an archive that outlives the tools that wrote it.
      // (Set on this archiver's own session, see the constructor.)
      rows.drop(partitionColumn)
          .coalesce(fileCount)
          .write()
          .option("compression", "zstd")
          .parquet(staging);
      List<String> written =
          files.list(staging).stream()
              .map(FileStatus::getPath)
              .filter(p -> p.getName().endsWith(".parquet"))
              .map(Object::toString)
              .sorted()
              .toList();
      String folder = layout.version(name, partitionColumn, day, draft.version());
      List<Manifest.FileEntry> entries = new ArrayList<>();
      for (int i = 0; i < written.size(); i++) {
        String target = folder + "/" + ArchiveLayout.dataFileName(i);
        files.moveInto(written.get(i), target);
        entries.add(
            new Manifest.FileEntry(
                ArchiveLayout.dataFileName(i),
                files.list(target).get(0).getLen(),
                files.parquetRows(target),
                files.sha256(target)));
      }
      return seal(draft, entries);
    } catch (io.huntlake.error.HuntlakeException e) {
      throw e;
    } catch (Exception e) { // Spark's write errors arrive unchecked from Scala
      throw Errors.storageUnwritable(layout.table(name), "storage.archive", e);
    } finally {
      // The whole staging folder, not just this run's: object stores keep an empty parent as a
      // marker object otherwise. One writer per table, so nothing else is staged there.
      files.deleteRecursively(layout.table(name) + "/_staging");
    }
  }

  /**
   * Copies the raw input files of one ingest date into the archive, each checked against the sha256
   * the ingest ledger recorded when it was read.
   */
  public Outcome archiveRawFiles(LocalDate day) {
    String name = ArchiveLayout.RAW_FILES;
    String ledgerPath = LakeTables.path(config, IngestLedgerTable.DEFINITION);
    if (LakeTables.read(spark, ledgerPath).isEmpty()) {
      return new Outcome(name, day, Status.EMPTY, Optional.empty());
    }
    long ledgerVersion = DeltaPartitions.version(spark, ledgerPath);
    List<Row> ledger =
        dayAt(ledgerPath, IngestLedgerTable.INGEST_DATE, ledgerVersion, day)
            // Entries listed but never read (links, hidden names) have no checksum: not evidence.
            .where(col(IngestLedgerTable.SHA256).notEqual(lit("")))
            .select(
                IngestLedgerTable.SOURCE_FILE, IngestLedgerTable.SHA256, IngestLedgerTable.LINES)
            .distinct()
            .collectAsList()
            .stream()
            .sorted(Comparator.comparing((Row row) -> row.getString(0)))
            .toList();
    if (ledger.isEmpty()) {
      return new Outcome(name, day, Status.EMPTY, Optional.empty());
    }
    StringBuilder listing = new StringBuilder();
    long lines = 0;
    for (Row row : ledger) {
      listing.append(row.getString(0)).append(' ').append(row.getString(1)).append('\n');
      lines += row.getLong(2);
    }
    String fingerprint =
        "rows="
            + lines
            + ";files_sha256="
            + ArchiveFiles.sha256(listing.toString().getBytes(StandardCharsets.UTF_8));
    String partitionColumn = IngestLedgerTable.INGEST_DATE;
    Draft draft = draft(name, partitionColumn, day, ledgerVersion, fingerprint);
    if (draft.unchanged()) {
      return draft.unchangedOutcome();
    }
    String folder = layout.version(name, partitionColumn, day, draft.version());
    String staging = layout.staging(name, UUID.randomUUID().toString());
    String rawRoot = files.qualify(config.storage().raw());
    List<Manifest.FileEntry> entries = new ArrayList<>();
    try {
      for (Row row : ledger) {
        String source = files.qualify(row.getString(0));
        String relative = relativeTo(rawRoot, source);
        String staged = staging + "/" + relative;
        files.copy(source, staged);
        String sha256 = files.sha256(staged);
        if (!sha256.equals(row.getString(1))) {
          throw Errors.rawFileChanged(source, row.getString(1), sha256);
        }
        String target = folder + "/" + relative;
        files.moveInto(staged, target);
        entries.add(
            new Manifest.FileEntry(
                relative, files.list(target).get(0).getLen(), row.getLong(2), sha256));
      }
    } finally {
      // The whole staging folder, not just this run's: object stores keep an empty parent as a
      // marker object otherwise. One writer per table, so nothing else is staged there.
      files.deleteRecursively(layout.table(name) + "/_staging");
    }
    return seal(draft, entries);
  }

  /** One day of a Delta table exactly as it was at {@code version}. */
  private Dataset<Row> dayAt(String path, String partitionColumn, long version, LocalDate day) {
    return spark
        .read()
        .format("delta")
        .option("versionAsOf", version)
        .load(path)
        .where(col(partitionColumn).equalTo(lit(day)));
  }

  /**
   * The table's chain, after removing what an interrupted run left: its staging folder, and version
   * folders of the day that never got a manifest. The mirror table is brought up to date with every
   * manifest in the archive (a run may have stopped between the two).
   */
  private List<StoredManifest> prepare(String table, String partitionColumn, LocalDate day) {
    files.deleteRecursively(layout.table(table) + "/_staging");
    java.util.Map<Long, ManifestMirror.Recorded> recorded = mirror.recorded(table);
    for (FileStatus folder : files.list(layout.day(table, partitionColumn, day))) {
      // A folder whose manifest was recorded once is evidence, not debris: verify reports it.
      boolean everSealed =
          ArchiveLayout.parse(folder.getPath().toString())
              .map(
                  at ->
                      recorded.values().stream()
                          .anyMatch(r -> r.day().equals(at.day()) && r.version() == at.version()))
              .orElse(true);
      if (folder.isDirectory()
          && !everSealed
          && !files.exists(folder.getPath() + "/" + ArchiveLayout.MANIFEST)) {
        files.deleteRecursively(folder.getPath().toString());
      }
    }
    List<StoredManifest> chain = StoredManifest.loadAll(files, layout, table);
    for (StoredManifest stored : chain) {
      if (stored.readable() && !recorded.containsKey(stored.manifest().sequence())) {
        mirror.record(stored);
      }
    }
    return chain;
  }

  /**
   * A version about to be archived: the table's chain as it stands, the day's latest version and
   * what the rows are now.
   */
  private record Draft(
      String table,
      String partitionColumn,
      LocalDate day,
      long sourceVersion,
      String fingerprint,
      List<StoredManifest> chain,
      Optional<StoredManifest> previous) {

    boolean unchanged() {
      return previous.isPresent()
          && previous.get().manifest().contentFingerprint().equals(fingerprint);
    }

    Outcome unchangedOutcome() {
      return new Outcome(table, day, Status.UNCHANGED, previous);
    }

    int version() {
      return previous.map(m -> m.manifest().version() + 1).orElse(1);
    }
  }

  private Draft draft(
      String table, String partitionColumn, LocalDate day, long sourceVersion, String fingerprint) {
    List<StoredManifest> chain = prepare(table, partitionColumn, day);
    return new Draft(
        table,
        partitionColumn,
        day,
        sourceVersion,
        fingerprint,
        chain,
        StoredManifest.latestOf(chain, day));
  }

  /** Writes the manifest (last, so the version is complete only then) and records it. */
  private Outcome seal(Draft draft, List<Manifest.FileEntry> entries) {
    Optional<StoredManifest> last = StoredManifest.last(draft.chain());
    Manifest manifest =
        new Manifest(
            draft.table(),
            draft.partitionColumn(),
            draft.day(),
            draft.version(),
            last.map(m -> m.manifest().sequence() + 1).orElse(1L),
            draft.sourceVersion(),
            draft.fingerprint(),
            Instant.now(),
            entries,
            last.map(StoredManifest::sha256).orElse(null),
            draft.previous().map(StoredManifest::sha256).orElse(null));
    byte[] bytes = manifest.toJson();
    String path =
        layout.manifest(draft.table(), draft.partitionColumn(), draft.day(), draft.version());
    files.writeAtomically(path, bytes);
    StoredManifest stored = new StoredManifest(path, ArchiveFiles.sha256(bytes), manifest, null);
    mirror.record(stored);
    return new Outcome(draft.table(), draft.day(), Status.ARCHIVED, Optional.of(stored));
  }

  /** A raw file's path below the raw root, or its path without scheme when elsewhere. */
  private static String relativeTo(String root, String file) {
    if (file.startsWith(root + "/")) {
      return file.substring(root.length() + 1);
    }
    return new org.apache.hadoop.fs.Path(file).toUri().getPath().replaceFirst("^/+", "");
  }
}
