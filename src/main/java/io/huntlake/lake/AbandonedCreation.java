package io.huntlake.lake;

import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A table whose creation was killed (SIGKILL, lost container) between Delta making its {@code
 * _delta_log} folder and writing version 0. Delta calls such a path a Delta table, so creating it
 * "if not exists" does nothing, and reading it fails with DELTA_TABLE_NOT_FOUND, forever. A log
 * folder holds no commit only for the moment a creation takes; one untouched for longer than {@link
 * #GRACE_MILLIS} was abandoned, and is cleared so that the rerun can create the table.
 */
final class AbandonedCreation {
  /** Far longer than a metadata-only creation takes between its folder and its first commit. */
  static final long GRACE_MILLIS = 5_000;

  /** Commit files, checkpoints and their checksums: version-numbered, or the checkpoint pointer. */
  private static final Pattern COMMITTED = Pattern.compile("\\d{20}\\..*|_last_checkpoint");

  private AbandonedCreation() {}

  /**
   * Clears the table's log folder when it has no commit and has been untouched for the grace
   * period; a creation still in progress, or a table with commits, is left alone.
   */
  static void clear(SparkSession spark, String table) throws IOException {
    Path log = new Path(table, "_delta_log");
    FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
    long newest;
    FileStatus[] files;
    try {
      newest = fs.getFileStatus(log).getModificationTime();
      // Plain statuses (names and times): a located listing also asks for each file's owner and
      // permissions, which on a local disk is a separate call per file that fails when another
      // writer's creation renames its temporary files away between the listing and the call.
      files = fs.listStatus(log);
    } catch (java.io.FileNotFoundException e) {
      return; // another writer cleared it, or finished and replaced it: nothing abandoned here
    }
    for (FileStatus file : files) {
      if (COMMITTED.matcher(file.getPath().getName()).matches()) {
        return;
      }
      newest = Math.max(newest, file.getModificationTime());
    }
    if (System.currentTimeMillis() - newest >= GRACE_MILLIS) {
      fs.delete(log, true);
    }
  }
}
