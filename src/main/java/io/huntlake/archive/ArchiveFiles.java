package io.huntlake.archive;

import io.huntlake.error.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The file operations the archive needs, on any Hadoop file system (local, s3a, ...), with every
 * failure reported as a HuntLake error naming the path and the storage.archive setting.
 *
 * <p>Atomic placement: a file is written under a temporary name in the same folder and renamed to
 * its final name. On a local or HDFS file system a rename is atomic; on S3 (s3a) a single-object
 * rename is a server-side copy, and the copy appears all at once or not at all. A version folder is
 * complete only when its manifest exists, and the manifest is placed last, so a crash leaves either
 * a complete version or files without a manifest, which the next archive run removes.
 */
final class ArchiveFiles {
  private static final String SETTING = "storage.archive";

  private final Configuration hadoop;

  ArchiveFiles(Configuration hadoop) {
    this.hadoop = hadoop;
  }

  Configuration hadoop() {
    return hadoop;
  }

  /** The path in the form listings return it (file:/... for a local path), for comparisons. */
  String qualify(String path) {
    Path p = new Path(path);
    return fs(path).makeQualified(p).toString();
  }

  boolean exists(String path) {
    try {
      return fs(path).exists(new Path(path));
    } catch (IOException e) {
      throw Errors.storageUnreadable(path, SETTING, e);
    }
  }

  /** The files directly in a folder, or none when it does not exist. */
  List<FileStatus> list(String folder) {
    try {
      Path path = new Path(folder);
      FileSystem fs = fs(folder);
      if (!fs.exists(path)) {
        return List.of();
      }
      return List.of(fs.listStatus(path));
    } catch (IOException e) {
      throw Errors.storageUnreadable(folder, SETTING, e);
    }
  }

  /** Every file below a folder (recursive), or none when it does not exist. */
  List<FileStatus> listRecursively(String folder) {
    try {
      Path path = new Path(folder);
      FileSystem fs = fs(folder);
      List<FileStatus> files = new ArrayList<>();
      if (!fs.exists(path)) {
        return files;
      }
      var iterator = fs.listFiles(path, true);
      while (iterator.hasNext()) {
        files.add(iterator.next());
      }
      return files;
    } catch (IOException e) {
      throw Errors.storageUnreadable(folder, SETTING, e);
    }
  }

  byte[] read(String path) {
    try (InputStream in = fs(path).open(new Path(path))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw Errors.storageUnreadable(path, SETTING, e);
    }
  }

  /** Writes bytes under a temporary name and renames them into place; refuses to overwrite. */
  void writeAtomically(String path, byte[] bytes) {
    Path target = new Path(path);
    Path temporary =
        new Path(target.getParent(), "_tmp-" + UUID.randomUUID() + "-" + target.getName());
    try {
      FileSystem fs = fs(path);
      try (OutputStream out = fs.create(temporary, false)) {
        out.write(bytes);
      }
      moveInto(temporary.toString(), path);
    } catch (IOException e) {
      throw Errors.storageUnwritable(path, SETTING, e);
    }
  }

  /** Renames a file to a path that must not exist yet (creating its folder). */
  void moveInto(String from, String to) {
    try {
      FileSystem fs = fs(to);
      Path target = new Path(to);
      fs.mkdirs(target.getParent());
      if (fs.exists(target) || !fs.rename(new Path(from), target)) {
        throw new IOException("could not rename " + from + " to " + to);
      }
    } catch (IOException e) {
      throw Errors.storageUnwritable(to, SETTING, e);
    }
  }

  /** Copies a file from any file system (the raw store) to a new archive path. */
  void copy(String from, String to) {
    try {
      Path source = new Path(from);
      FileUtil.copy(
          source.getFileSystem(hadoop), source, fs(to), new Path(to), false, false, hadoop);
    } catch (IOException e) {
      throw Errors.storageUnwritable(to, SETTING, e);
    }
  }

  void deleteRecursively(String path) {
    try {
      fs(path).delete(new Path(path), true);
    } catch (IOException e) {
      throw Errors.storageUnwritable(path, SETTING, e);
    }
  }

  /** sha256 of the file's bytes, streamed. */
  String sha256(String path) {
    try (InputStream in = fs(path).open(new Path(path))) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw Errors.storageUnreadable(path, SETTING, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Rows of a Parquet file, from its footer; -1 when the footer cannot be read. */
  long parquetRows(String path) {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(new Path(path), hadoop))) {
      return reader.getRecordCount();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The file system of a path. On local disks, the raw one: Hadoop's checksummed local file system
   * would add .crc side files to the archive and refuse to read a tampered file instead of letting
   * verify report it.
   */
  private FileSystem fs(String path) {
    try {
      FileSystem fs = new Path(path).getFileSystem(hadoop);
      return fs instanceof org.apache.hadoop.fs.LocalFileSystem local
          ? local.getRawFileSystem()
          : fs;
    } catch (IOException e) {
      throw Errors.storageUnreadable(path, SETTING, e);
    }
  }
}
