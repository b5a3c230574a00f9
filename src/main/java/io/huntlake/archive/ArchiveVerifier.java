package io.huntlake.archive;

import io.huntlake.config.HuntlakeConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.SparkSession;

/**
 * Proves the archive is what was written: every file's size, sha256 and row count against its
 * manifest, no file without a manifest, every manifest where its folder says and still chained to
 * the one before it, and every manifest the archive_manifest table recorded still present.
 */
public final class ArchiveVerifier {
  /** One thing wrong, in words a reader can act on. */
  public record Problem(String kind, String table, String path, String detail) {
    public static final String ALTERED = "altered";
    public static final String MISSING_FILE = "missing file";
    public static final String EXTRA_FILE = "extra file";
    public static final String MISSING_DAY = "missing day";
    public static final String BROKEN_CHAIN = "broken chain";
    public static final String MOVED = "moved";

    public String describe() {
      return kind + ": " + table + " " + path + ": " + detail;
    }
  }

  /**
   * What was checked and what was wrong.
   *
   * @param heads per table, its last manifest as "sequence N sha256 H": record it outside the lake
   *     and the archive, and a rewrite of both is still caught
   */
  public record Result(
      List<String> tables,
      int manifests,
      int files,
      long rows,
      Map<String, String> heads,
      List<Problem> problems) {
    public boolean intact() {
      return problems.isEmpty();
    }

    /** One line per table: the head of its chain. */
    public List<String> headLines() {
      return heads.entrySet().stream().map(h -> "  " + h.getKey() + ": " + h.getValue()).toList();
    }

    public String summary() {
      return "verify-archive: tables="
          + tables.size()
          + " manifests="
          + manifests
          + " files="
          + files
          + " rows="
          + rows
          + " problems="
          + problems.size();
    }
  }

  private final SparkSession spark;
  private final HuntlakeConfig config;
  private final ArchiveFiles files;
  private final ArchiveLayout layout;

  public ArchiveVerifier(SparkSession spark, HuntlakeConfig config) {
    this.spark = spark;
    this.config = config;
    this.files = new ArchiveFiles(spark.sparkContext().hadoopConfiguration());
    this.layout = new ArchiveLayout(files.qualify(config.storage().archive()));
  }

  /**
   * Verifies every table's chain in full, and the files of the days from {@code from} to {@code to}
   * (every day when both are empty).
   */
  public Result verify(Optional<LocalDate> from, Optional<LocalDate> to) {
    return verify(from, to, true);
  }

  /**
   * Verifies every table's chain and the manifests archive_manifest recorded, without reading data
   * files: cheap enough for every maintain run.
   */
  public Result verifyChains() {
    return verify(Optional.empty(), Optional.empty(), false);
  }

  private Result verify(Optional<LocalDate> from, Optional<LocalDate> to, boolean withFiles) {
    Map<String, Map<Long, ManifestMirror.Recorded>> recorded =
        new ManifestMirror(spark, config).recordedByTable();
    Set<String> tables = new TreeSet<>(recorded.keySet());
    List<Problem> problems = new ArrayList<>();
    for (FileStatus entry : files.list(layout.root())) {
      String name = entry.getPath().getName();
      if (entry.isDirectory() && !name.startsWith("_") && !name.startsWith(".")) {
        tables.add(name);
      } else if (withFiles) {
        // Nothing HuntLake writes lives beside the tables: whatever is there was put there.
        List<FileStatus> found =
            entry.isDirectory()
                ? files.listRecursively(entry.getPath().toString())
                : List.of(entry);
        for (FileStatus file : found) {
          problems.add(
              new Problem(
                  Problem.EXTRA_FILE,
                  "(archive root)",
                  file.getPath().toString(),
                  "no manifest lists this file, and HuntLake writes nothing outside its table"
                      + " folders"));
        }
      }
    }
    int manifests = 0;
    int fileCount = 0;
    long rows = 0;
    Map<String, String> heads = new java.util.TreeMap<>();
    for (String table : tables) {
      List<StoredManifest> chain = StoredManifest.loadAll(files, layout, table);
      manifests += chain.size();
      List<Problem> tableProblems = new ArrayList<>(chainProblems(table, chain));
      tableProblems.addAll(recordProblems(table, chain, recorded.getOrDefault(table, Map.of())));
      if (withFiles) {
        Set<String> listed = new HashSet<>();
        chain.forEach(stored -> listed.add(stored.path()));
        for (StoredManifest stored : chain) {
          if (!stored.readable() || !inRange(stored.manifest().day(), from, to)) {
            continue;
          }
          tableProblems.addAll(fileProblems(stored));
          fileCount += stored.manifest().files().size();
          rows += stored.manifest().rows();
          stored.manifest().files().forEach(f -> listed.add(stored.folder() + "/" + f.path()));
        }
        for (FileStatus file : files.listRecursively(layout.table(table))) {
          String path = file.getPath().toString();
          boolean staged = path.contains("/_staging/");
          Optional<ArchiveLayout.Location> at = ArchiveLayout.parse(path);
          boolean checkedDay = staged || at.map(l -> inRange(l.day(), from, to)).orElse(true);
          if (!listed.contains(path) && checkedDay) {
            tableProblems.add(
                new Problem(
                    Problem.EXTRA_FILE,
                    table,
                    path,
                    staged
                        ? "in a staging folder: left by an interrupted archive run (the next"
                            + " maintain removes it) or added there"
                        : "no manifest lists this file (added after archiving, or left by an"
                            + " interrupted run)"));
          }
        }
      }
      // A head is only worth keeping outside the archive when the chain it ends is sound.
      Optional<StoredManifest> head = StoredManifest.last(chain);
      if (head.isPresent()) {
        heads.put(
            table,
            tableProblems.isEmpty()
                ? "sequence " + head.get().manifest().sequence() + " sha256 " + head.get().sha256()
                : "withheld: this table's archive has "
                    + tableProblems.size()
                    + " problem(s); compare with the head you kept from a clean run instead");
      }
      problems.addAll(tableProblems);
    }
    return new Result(List.copyOf(tables), manifests, fileCount, rows, heads, problems);
  }

  /** The file checks of one archived version: what retention runs before it deletes hot rows. */
  public List<Problem> verifyVersion(StoredManifest stored) {
    return fileProblems(stored);
  }

  private List<Problem> fileProblems(StoredManifest stored) {
    Manifest manifest = stored.manifest();
    List<Problem> problems = new ArrayList<>();
    for (Manifest.FileEntry entry : manifest.files()) {
      String path = stored.folder() + "/" + entry.path();
      List<FileStatus> status = files.exists(path) ? files.list(path) : List.of();
      if (status.isEmpty()) {
        problems.add(
            new Problem(
                Problem.MISSING_FILE,
                manifest.table(),
                path,
                "listed in the manifest of "
                    + manifest.day()
                    + " v"
                    + manifest.version()
                    + " but gone"));
        continue;
      }
      long size = status.get(0).getLen();
      if (size != entry.bytes()) {
        problems.add(
            new Problem(
                Problem.ALTERED,
                manifest.table(),
                path,
                "size is " + size + " bytes, the manifest says " + entry.bytes()));
        continue;
      }
      String sha256 = files.sha256(path);
      if (!sha256.equals(entry.sha256())) {
        problems.add(
            new Problem(
                Problem.ALTERED,
                manifest.table(),
                path,
                "content changed: sha256 is " + sha256 + ", the manifest says " + entry.sha256()));
        continue;
      }
      if (path.endsWith(".parquet") && !manifest.table().equals(ArchiveLayout.RAW_FILES)) {
        long rows = files.parquetRows(path);
        if (rows != entry.rows()) {
          problems.add(
              new Problem(
                  Problem.ALTERED,
                  manifest.table(),
                  path,
                  "holds " + rows + " rows, the manifest says " + entry.rows()));
        }
      }
    }
    return problems;
  }

  /** Every manifest where its folder says, in sequence, each linked to the one before. */
  private List<Problem> chainProblems(String table, List<StoredManifest> chain) {
    List<Problem> problems = new ArrayList<>();
    StoredManifest previous = null;
    long expected = 1;
    for (StoredManifest stored : chain) {
      if (!stored.readable()) {
        problems.add(
            new Problem(
                Problem.ALTERED,
                table,
                stored.path(),
                "not a readable manifest: " + stored.unreadable()));
        continue;
      }
      Manifest m = stored.manifest();
      Optional<ArchiveLayout.Location> at = ArchiveLayout.parse(stored.folder());
      boolean inPlace =
          m.table().equals(table)
              && at.map(
                      l ->
                          l.day().equals(m.day())
                              && l.version() == m.version()
                              && l.partitionColumn().equals(m.partitionColumn()))
                  .orElse(false);
      if (!inPlace) {
        problems.add(
            new Problem(
                Problem.MOVED,
                table,
                stored.path(),
                "the manifest is for "
                    + m.table()
                    + " "
                    + m.partitionColumn()
                    + "="
                    + m.day()
                    + " version "
                    + m.version()
                    + ", not the folder it is in"));
      }
      if (m.sequence() != expected) {
        problems.add(
            new Problem(
                Problem.BROKEN_CHAIN,
                table,
                stored.path(),
                m.sequence() < expected
                    ? "sequence " + m.sequence() + " appears twice"
                    : "sequence "
                        + m.sequence()
                        + " follows "
                        + (expected - 1)
                        + ": manifests "
                        + expected
                        + (m.sequence() - 1 > expected ? "-" + (m.sequence() - 1) : "")
                        + " are missing"));
      }
      String link = previous == null ? null : previous.sha256();
      if (m.sequence() == expected && !java.util.Objects.equals(m.previousSha256(), link)) {
        problems.add(
            new Problem(
                Problem.BROKEN_CHAIN,
                table,
                stored.path(),
                previous == null
                    ? "links to a previous manifest "
                        + m.previousSha256()
                        + " that is not in the archive"
                    : "links to "
                        + m.previousSha256()
                        + ", but the manifest before it ("
                        + previous.path()
                        + ") hashes to "
                        + link));
      }
      expected = Math.max(expected, m.sequence()) + 1;
      previous = stored;
    }
    return problems;
  }

  /** Every manifest archive_manifest recorded is still in the archive, unchanged. */
  private List<Problem> recordProblems(
      String table, List<StoredManifest> chain, Map<Long, ManifestMirror.Recorded> recorded) {
    Map<String, StoredManifest> byPath = new HashMap<>();
    chain.forEach(m -> byPath.put(m.path(), m));
    List<Problem> problems = new ArrayList<>();
    for (ManifestMirror.Recorded record : new java.util.TreeMap<>(recorded).values()) {
      StoredManifest stored = byPath.get(record.path());
      if (stored == null) {
        problems.add(
            new Problem(
                Problem.MISSING_DAY,
                table,
                record.path(),
                record.day()
                    + " version "
                    + record.version()
                    + " (sequence "
                    + record.sequence()
                    + ") is recorded in archive_manifest, but its manifest is gone from the"
                    + " archive"));
      } else if (!stored.sha256().equals(record.sha256())) {
        problems.add(
            new Problem(
                Problem.ALTERED,
                table,
                record.path(),
                "the manifest hashes to "
                    + stored.sha256()
                    + ", archive_manifest recorded "
                    + record.sha256()
                    + " when it was written"));
      }
    }
    return problems;
  }

  private static boolean inRange(LocalDate day, Optional<LocalDate> from, Optional<LocalDate> to) {
    return from.map(f -> !day.isBefore(f)).orElse(true)
        && to.map(t -> !day.isAfter(t)).orElse(true);
  }
}
