package io.huntlake.maintain;

import io.huntlake.archive.ArchiveLayout;
import io.huntlake.archive.Archiver;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * {@code huntlake archive}: archives one day now, whatever the retention says, and deletes nothing:
 * for legal hold, or to archive before a risky change. The raw files of the day are archived too
 * when archive.raw_files is on, or when asked for with --table raw_files.
 */
public final class ArchiveJob {
  public List<Archiver.Outcome> run(
      SparkSession spark, HuntlakeConfig config, LocalDate date, Optional<String> table) {
    table.ifPresent(ArchiveJob::check);
    Archiver archiver = new Archiver(spark, config);
    List<Archiver.Outcome> outcomes = new ArrayList<>();
    for (MaintainedTable maintained : MaintainedTable.ALL) {
      if (table.map(maintained.name()::equals).orElse(true)) {
        outcomes.add(archiver.archiveTable(maintained.definition(), date));
      }
    }
    boolean raw =
        table.map(ArchiveLayout.RAW_FILES::equals).orElse(config.maintain().archiveRawFiles());
    if (raw) {
      outcomes.add(archiver.archiveRawFiles(date));
    }
    return outcomes;
  }

  private static void check(String table) {
    List<String> names =
        Stream.concat(
                MaintainedTable.ALL.stream().map(MaintainedTable::name),
                Stream.of(ArchiveLayout.RAW_FILES))
            .toList();
    if (!names.contains(table)) {
      throw Errors.badArgument(
          "--table",
          "'" + table + "' is not a table HuntLake archives",
          "Use one of " + String.join(", ", names) + ".");
    }
  }
}
