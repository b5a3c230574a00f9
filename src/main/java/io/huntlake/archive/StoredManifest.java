package io.huntlake.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;

/**
 * A manifest file as found in the archive: its path, exact bytes and their sha256, and the parsed
 * manifest (absent, with the reason, when the file is not a readable manifest).
 */
public record StoredManifest(String path, String sha256, Manifest manifest, String unreadable) {

  boolean readable() {
    return manifest != null;
  }

  /** Every manifest file below a table's archive folder, readable ones ordered by sequence. */
  static List<StoredManifest> loadAll(ArchiveFiles files, ArchiveLayout layout, String table) {
    List<StoredManifest> stored = new ArrayList<>();
    for (FileStatus status : files.listRecursively(layout.table(table))) {
      String path = status.getPath().toString();
      if (!status.getPath().getName().equals(ArchiveLayout.MANIFEST)
          || path.contains("/_staging/")) {
        continue;
      }
      byte[] bytes = files.read(path);
      String sha256 = ArchiveFiles.sha256(bytes);
      try {
        stored.add(new StoredManifest(path, sha256, Manifest.parse(bytes), null));
      } catch (IllegalArgumentException e) {
        stored.add(new StoredManifest(path, sha256, null, e.getMessage()));
      }
    }
    stored.sort(
        Comparator.comparing((StoredManifest m) -> m.readable() ? m.manifest().sequence() : -1)
            .thenComparing(StoredManifest::path));
    return stored;
  }

  /** The last readable manifest of the chain, if any. */
  static Optional<StoredManifest> last(List<StoredManifest> chain) {
    return chain.stream()
        .filter(StoredManifest::readable)
        .max(Comparator.comparingLong(m -> m.manifest().sequence()));
  }

  /** The newest version archived of one day, if any. */
  static Optional<StoredManifest> latestOf(List<StoredManifest> chain, java.time.LocalDate day) {
    return chain.stream()
        .filter(m -> m.readable() && m.manifest().day().equals(day))
        .max(Comparator.comparingInt(m -> m.manifest().version()));
  }

  /** The folder holding the manifest and its files. */
  public String folder() {
    return path.substring(0, path.length() - ArchiveLayout.MANIFEST.length() - 1);
  }
}
