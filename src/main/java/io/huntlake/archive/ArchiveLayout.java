package io.huntlake.archive;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where archived days live: {@code <archive>/<table>/<partition column>=<day>/version=<n>/},
 * holding zstd Parquet files {@code part-NNNNN.zstd.parquet} (or raw files, for raw_files) and the
 * version's {@code _manifest.json}. Spark and other readers skip names starting with '_'.
 */
public final class ArchiveLayout {
  public static final String MANIFEST = "_manifest.json";

  /** The archive "table" holding copies of raw input files. */
  public static final String RAW_FILES = "raw_files";

  private static final Pattern VERSION_FOLDER =
      Pattern.compile("/([a-z_]+)=(\\d{4}-\\d{2}-\\d{2})/version=(\\d+)(/|$)");

  private final String root;

  public ArchiveLayout(String root) {
    this.root = root;
  }

  public String root() {
    return root;
  }

  public String table(String table) {
    return root + "/" + table;
  }

  public String day(String table, String partitionColumn, LocalDate day) {
    return table(table) + "/" + partitionColumn + "=" + day;
  }

  public String version(String table, String partitionColumn, LocalDate day, int version) {
    return day(table, partitionColumn, day) + "/version=" + version;
  }

  public String manifest(String table, String partitionColumn, LocalDate day, int version) {
    return version(table, partitionColumn, day, version) + "/" + MANIFEST;
  }

  /** Where an archive run writes before anything is moved into place. */
  public String staging(String table, String runId) {
    return table(table) + "/_staging/" + runId;
  }

  public static String dataFileName(int index) {
    return String.format("part-%05d.zstd.parquet", index);
  }

  /** The day and version a version folder's path names. */
  public record Location(String partitionColumn, LocalDate day, int version) {}

  /** The day and version of a version folder, or of any file below one. */
  public static Optional<Location> parse(String path) {
    Matcher m = VERSION_FOLDER.matcher(path);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new Location(m.group(1), LocalDate.parse(m.group(2)), Integer.parseInt(m.group(3))));
  }
}
