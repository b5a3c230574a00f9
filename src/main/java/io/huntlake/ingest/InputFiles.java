package io.huntlake.ingest;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.config.LogSource;
import io.huntlake.error.Errors;
import io.huntlake.source.SourceFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the files of one source and day (local paths, s3a:// or any Hadoop file system). A {@code
 * cluster=<name>} folder names the cluster and a {@code node=<name>} folder the node; names
 * starting with '.' or '_' (checksums, markers) are not input.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * @return the files in path order, or empty when the day's folder does not exist
   */
  public static Optional<List<SourceFile>> list(
      HuntlakeConfig config, LogSource source, LocalDate date, Configuration hadoop) {
    String folder = config.sourcePath(source).resolve(config.storage().raw(), source, date);
    Path root = new Path(folder);
    List<SourceFile> files = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root)) {
        return Optional.empty();
      }
      RemoteIterator<LocatedFileStatus> listing = fs.listFiles(root, true);
      String rootPath = fs.makeQualified(root).toString();
      while (listing.hasNext()) {
        LocatedFileStatus status = listing.next();
        String path = status.getPath().toString();
        String relative = path.startsWith(rootPath) ? path.substring(rootPath.length()) : path;
        if (hidden(relative)) {
          continue;
        }
        files.add(
            new SourceFile(
                path,
                source,
                segment(relative, "cluster=").orElse(config.cluster()),
                segment(relative, "node=").orElse(null),
                date,
                status.getLen(),
                Instant.ofEpochMilli(status.getModificationTime()),
                config.sourceFormat(source).orElse(null)));
      }
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw Errors.storageUnreadable(folder, "sources." + source.id() + ".path / storage.raw", e);
    }
    files.sort(Comparator.comparing(SourceFile::path));
    return Optional.of(files);
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
