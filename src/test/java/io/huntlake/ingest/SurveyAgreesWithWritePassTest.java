package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.huntlake.config.IngestSettings;
import io.huntlake.source.LogSource;
import io.huntlake.source.SourceFile;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.table.IngestLedgerTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
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
      for (Path path : FilePassRuns.filesUnder(raw.resolve(source.id()))) {
        rows += agree(path, source);
      }
    }
    assertThat(rows).isGreaterThan(1000);
  }

  @Test
  void theCorpusFilesToo() throws Exception {
    assumeTrue(Files.isDirectory(CORPUS), "the shared corpus is not next to the project");
    long rows = 0;
    for (LogSource source : LogSource.values()) {
      for (Path path : FilePassRuns.filesUnder(CORPUS.resolve(source.id()))) {
        if (!path.getFileName().toString().endsWith(".md")
            && !path.getFileName().toString().contains("manifest")) {
          rows += agree(path, source);
        }
      }
    }
    assertThat(rows).isGreaterThan(100);
  }

  /** Asserts the two passes agree on the file; returns its row count. */
  private static long agree(Path path, LogSource source) throws Exception {
    SourceFile file = FilePassRuns.sourceFile(path, source, DAY);
    List<Row> survey = FilePassRuns.rows(FileRows.Pass.SURVEY, file, LIMITS, null);
    long counted =
        FilePassRuns.ledger(survey)
            .getLong(IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.ROWS));
    long written =
        FilePassRuns.rows(FileRows.Pass.EVENTS, file, LIMITS, FilePassRuns.sha256(survey)).size();
    assertThat(written).as(path.toString()).isEqualTo(counted);
    return written;
  }
}
