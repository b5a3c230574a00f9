package io.huntlake.ingest;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.source.LogSource;
import io.huntlake.source.SourceFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the files of one source and day (local paths, s3a:// or any Hadoop file system). A {@code
 * cluster=<name>} folder names the cluster and a {@code node=<name>} folder the node.
 *
 * <p>What is not read is still accounted for: names starting with '.' or '_' (checksums, markers),
 * symbolic links (unless ingest.follow_links; a link could pull another day, or any file on the
 * machine, into this day), links that lead nowhere or in a circle, and entries that are not regular
 * files (a FIFO would block ingest forever) are listed as {@link Skipped}, and each gets a ledger
 * row with its reason. An entry that cannot be listed or examined is a storage fault.
 */
public final class InputFiles {
  private InputFiles() {}

  /** An entry of the day folder that is not read, and why. */
  public record Skipped(SourceFile file, String reason) {}

  /** The day folder's input files in path order, and the entries skipped. */
  public record DayFiles(List<SourceFile> files, List<Skipped> skipped) {}

  /**
   * @return the day's files, or empty when the day's folder does not exist
   */
  public static Optional<DayFiles> list(
      HuntlakeConfig config, LogSource source, LocalDate date, Configuration hadoop) {
    String folder = config.sourcePath(source).resolve(config.storage().raw(), source, date);
    Path root = new Path(folder);
    Listing listing = new Listing(config, source, date);
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root)) {
        return Optional.empty();
      }
      if ("file".equals(fs.getUri().getScheme())) {
        walkLocal(fs.makeQualified(root), listing, config.ingest().followLinks());
      } else {
        walk(fs, root, listing);
      }
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw Errors.storageUnreadable(folder, "sources." + source.id() + ".path / storage.raw", e);
    }
    listing.files.sort(Comparator.comparing(SourceFile::path));
    listing.skipped.sort(Comparator.comparing(s -> s.file().path()));
    return Optional.of(new DayFiles(listing.files, listing.skipped));
  }

  /** Object stores and HDFS: no links to follow. */
  private static void walk(FileSystem fs, Path root, Listing listing) throws IOException {
    RemoteIterator<LocatedFileStatus> entries = fs.listFiles(root, true);
    String rootPath = fs.makeQualified(root).toString();
    while (entries.hasNext()) {
      LocatedFileStatus status = entries.next();
      String path = status.getPath().toString();
      String relative = path.startsWith(rootPath) ? path.substring(rootPath.length()) : path;
      listing.add(path, relative, status.getLen(), status.getModificationTime(), null);
    }
  }

  /**
   * Local folders through java.nio, which tells links from what they point to (Hadoop's local
   * listing follows links without saying so).
   */
  private static void walkLocal(Path qualifiedRoot, Listing listing, boolean followLinks)
      throws IOException {
    java.nio.file.Path root = java.nio.file.Path.of(qualifiedRoot.toUri());
    Set<FileVisitOption> options =
        followLinks
            ? EnumSet.of(FileVisitOption.FOLLOW_LINKS)
            : EnumSet.noneOf(FileVisitOption.class);
    Files.walkFileTree(
        root,
        options,
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(
              java.nio.file.Path dir, BasicFileAttributes attributes) {
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(
              java.nio.file.Path file, BasicFileAttributes attributes) {
            String path = new Path(file.toUri()).toString();
            String relative = root.relativize(file).toString();
            String reason = null;
            if (attributes.isSymbolicLink()) {
              reason =
                  followLinks
                      ? "symbolic link that leads nowhere (" + target(file) + ")"
                      : "symbolic link to "
                          + target(file)
                          + ", not followed (ingest.follow_links is false)";
            } else if (!attributes.isRegularFile()) {
              reason = "not a regular file (a FIFO, socket or device), not read";
            } else if (!new java.io.File(new Path(path).toUri().getPath()).exists()) {
              // Hadoop opens files by a decoded name: one that is not valid in the JVM's
              // file-name encoding (sun.jnu.encoding) cannot be opened by it at all.
              reason =
                  "the file name is not valid "
                      + System.getProperty("sun.jnu.encoding")
                      + " and cannot be opened by name; rename it (or run with a UTF-8 locale)";
            }
            listing.add(
                path,
                "/" + relative,
                attributes.size(),
                attributes.lastModifiedTime().toMillis(),
                reason);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e)
              throws IOException {
            if (e instanceof FileSystemLoopException) {
              listing.add(
                  new Path(file.toUri()).toString(),
                  "/" + root.relativize(file),
                  0,
                  0,
                  "symbolic link that leads back into a folder above it, not followed");
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
  }

  private static String target(java.nio.file.Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "an unreadable target";
    }
  }

  /** What one day folder's walk found. */
  private static final class Listing {
    final HuntlakeConfig config;
    final LogSource source;
    final LocalDate date;
    final List<SourceFile> files = new ArrayList<>();
    final List<Skipped> skipped = new ArrayList<>();

    Listing(HuntlakeConfig config, LogSource source, LocalDate date) {
      this.config = config;
      this.source = source;
      this.date = date;
    }

    void add(String path, String relative, long size, long modifiedMillis, String reason) {
      SourceFile file =
          new SourceFile(
              path,
              source,
              segment(relative, "cluster=").orElse(config.cluster()),
              segment(relative, "node=").orElse(null),
              date,
              size,
              Instant.ofEpochMilli(modifiedMillis),
              config.sourceFormat(source).orElse(null));
      if (reason == null && hidden(relative)) {
        reason = "hidden name (starting with '.' or '_': checksums and markers), not input";
      }
      if (reason == null) {
        files.add(file);
      } else {
        skipped.add(new Skipped(file, reason));
      }
    }
  }

  private static boolean hidden(String relative) {
    for (String part : relative.split("/")) {
      if (part.startsWith(".") || part.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> segment(String relative, String prefix) {
    for (String part : relative.split("/")) {
      if (part.startsWith(prefix) && part.length() > prefix.length()) {
        return Optional.of(part.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }
}
