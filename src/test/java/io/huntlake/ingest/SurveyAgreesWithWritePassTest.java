package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.config.IngestSettings;
import io.huntlake.source.LogSource;
import io.huntlake.source.SourceFile;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.table.IngestLedgerTable;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The survey pass may parse less than the write pass (parsers skip derived columns when only keys
 * and times are needed), but it must accept exactly the lines the write pass turns into rows: the
 * ledger's row count comes from the survey and the table's rows from the write pass. Checked per
 * file on every source of a generated day and on the public corpus in {@code ../shared/corpus}.
 */
class SurveyAgreesWithWritePassTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  /**
   * Defaults, except that events up to ~27 years old are plausible (the corpus is from 2019 on).
   */
  private static final IngestSettings LIMITS =
      new IngestSettings(1 << 20, 1 << 20, 100, 10_000, 10_000, 2, false, 0.5);

  private static final Path CORPUS = Path.of("..", "shared", "corpus");

  @Test
  void everyFileGivesTheWritePassAsManyRowsAsTheSurveyCounted(@TempDir Path raw) throws Exception {
    SyntheticCluster.generate(new SyntheticCluster.Options(raw, DAY, 1, 17, Scale.SMALL, true));
    long rows = 0;
    for (LogSource source : LogSource.values()) {
      for (Path path : files(raw.resolve(source.id()))) {
        rows += agree(path, source);
      }
    }
    assertThat(rows).isGreaterThan(1000);
  }

  @Test
  void theCorpusFilesToo() throws Exception {
    long rows = 0;
    for (LogSource source : LogSource.values()) {
      for (Path path : files(CORPUS.resolve(source.id()))) {
        if (!path.getFileName().toString().endsWith(".md")
            && !path.getFileName().toString().contains("manifest")) {
          rows += agree(path, source);
        }
      }
    }
    if (Files.isDirectory(CORPUS)) {
      assertThat(rows).isGreaterThan(100);
    }
  }

  /** Asserts the two passes agree on the file; returns its row count. */
  private static long agree(Path path, LogSource source) throws Exception {
    SourceFile file =
        new SourceFile(
            path.toUri().toString(), source, "c", null, DAY, Files.size(path), Instant.EPOCH, null);
    List<Row> survey = pass(FileRows.Pass.SURVEY, file, null);
    Row ledger = survey.get(survey.size() - 1).getStruct(3);
    long counted = ledger.getLong(IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.ROWS));
    String sha = ledger.getString(IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.SHA256));
    long written = pass(FileRows.Pass.EVENTS, file, sha).size();
    assertThat(written).as(path.toString()).isEqualTo(counted);
    return written;
  }

  private static List<Row> pass(FileRows.Pass pass, SourceFile file, String sha256) {
    List<Row> out = new ArrayList<>();
    new FileRows(pass, file, LIMITS, new Configuration(), Set.of(), sha256, (f, n) -> {})
        .forEachRemaining(out::add);
    return out;
  }

  private static List<Path> files(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
