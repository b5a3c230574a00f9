package io.huntlake.ingest;

import io.huntlake.config.IngestSettings;
import io.huntlake.source.LogSource;
import io.huntlake.source.SourceFile;
import io.huntlake.table.IngestLedgerTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/** One ingest pass over one local file, outside Spark, for tests of what the passes yield. */
final class FilePassRuns {
  private FilePassRuns() {}

  /** A local file of the source, in cluster "c", for the ingest date given. */
  static SourceFile sourceFile(Path path, LogSource source, LocalDate ingestDate)
      throws IOException {
    return new SourceFile(
        path.toUri().toString(),
        source,
        "c",
        null,
        ingestDate,
        Files.size(path),
        Instant.EPOCH,
        null);
  }

  /** Every row the pass yields (the events pass needs the survey's checksum). */
  static List<Row> rows(FileRows.Pass pass, SourceFile file, IngestSettings limits, String sha256) {
    List<Row> out = new ArrayList<>();
    new FileRows(pass, file, limits, new Configuration(), Set.of(), sha256, (f, n) -> {})
        .forEachRemaining(out::add);
    return out;
  }

  /** The survey's ledger entry: its last row. */
  static Row ledger(List<Row> survey) {
    return survey.get(survey.size() - 1).getStruct(3);
  }

  /** The file's checksum as the survey recorded it. */
  static String sha256(List<Row> survey) {
    return ledger(survey).getString(IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.SHA256));
  }

  /** The regular files under a folder, sorted; none when it is absent. */
  static List<Path> filesUnder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
