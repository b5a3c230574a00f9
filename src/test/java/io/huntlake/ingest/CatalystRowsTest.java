package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.config.IngestSettings;
import io.huntlake.source.LogSource;
import io.huntlake.source.Redactor;
import io.huntlake.source.SourceFile;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.testing.RawLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.encoders.RowEncoder;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan-per-schema conversion gives, value for value, the row Spark's own encoder makes of the
 * same parser output: every source's table rows and the survey's nested envelope (keys, rejects,
 * ledger entries), compared as Spark's binary rows.
 */
class CatalystRowsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  private static final IngestSettings LIMITS = new IngestSettings(1 << 20, 1 << 20, 100);

  @TempDir static Path raw;

  @BeforeAll
  static void generateADay() {
    SyntheticCluster.generate(new SyntheticCluster.Options(raw, DAY, 1, 5, Scale.SMALL, true));
  }

  @Test
  void everySourcesRowsConvertAsSparksEncoderConvertsThem() throws Exception {
    for (LogSource source : LogSource.values()) {
      List<Path> files = filesOf(source);
      assertThat(files).as(source.id()).isNotEmpty();
      long rows = 0;
      for (Path path : files) {
        // The first rows of each file (the checksum check at a file's end is not reached).
        SourceFile file = file(path, source);
        rows +=
            sameAsSpark(
                source.table().schema(), firstRows(file, FilePassRuns.sha256(surveyOf(file)), 300));
      }
      assertThat(rows).as(source.id() + " rows compared").isGreaterThan(10);
    }
  }

  @Test
  void theSurveysNestedEnvelopeConvertsAsSparksEncoderConvertsIt(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("audit.log");
    Files.writeString(
        log,
        RawLogs.auditEvent("a", Instant.parse("2026-11-02T01:00:00Z"))
            + "\n{\"kind\":\"Event\", broken\n\u00e9t\u00e9 not json\n"
            + RawLogs.auditEvent("b", Instant.parse("2026-11-02T01:00:01Z"))
            + "\n");
    List<Row> survey = surveyOf(file(log, LogSource.AUDIT));
    assertThat(survey)
        .extracting(row -> row.getString(0))
        .containsExactly("key", "reject", "reject", "key", "ledger");
    sameAsSpark(Envelope.SCHEMA, survey);
    long generated = 0;
    for (LogSource source : LogSource.values()) {
      for (Path path : filesOf(source)) {
        List<Row> rows = surveyOf(file(path, source));
        generated +=
            sameAsSpark(Envelope.SCHEMA, rows.subList(Math.max(0, rows.size() - 300), rows.size()));
      }
    }
    assertThat(generated).isGreaterThan(10);
  }

  /** Ours and Spark's, made once per schema (Spark's take a while to build). */
  private static final class Conversions {
    final CatalystRows plan;
    final Function<Row, InternalRow> encoder;
    final UnsafeProjection binary;

    Conversions(StructType schema) {
      plan = new CatalystRows(schema);
      encoder =
          ExpressionEncoder.apply(RowEncoder.encoderFor(schema, true)).createSerializer()::apply;
      binary = UnsafeProjection.create(schema);
    }
  }

  private static final Map<StructType, Conversions> CONVERSIONS = new HashMap<>();

  /**
   * Asserts each row converts to the bytes Spark's encoder gives; returns how many were compared.
   */
  private static long sameAsSpark(StructType schema, List<Row> rows) {
    Conversions both = CONVERSIONS.computeIfAbsent(schema, Conversions::new);
    for (Row row : rows) {
      UnsafeRow expected = both.binary.apply(both.encoder.apply(asText(row))).copy();
      UnsafeRow actual = both.binary.apply(both.plan.convert(row)).copy();
      assertThat(actual).as(row.toString()).isEqualTo(expected);
    }
    return rows.size();
  }

  /** The row as Spark's encoder takes it: objects stored from their bytes as the text they hold. */
  private static Row asText(Row row) {
    Object[] values = new Object[row.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(i) instanceof Redactor.Clean clean ? clean.text() : row.get(i);
    }
    return RowFactory.create(values);
  }

  /**
   * Two files of each cluster's folder of the source (the generator writes one format per cluster,
   * so every format is covered without reading all of a day's small files).
   */
  private static List<Path> filesOf(LogSource source) throws Exception {
    Path folder = raw.resolve(source.id());
    Map<String, List<Path>> byCluster = new java.util.TreeMap<>();
    for (Path path : FilePassRuns.filesUnder(folder)) {
      List<Path> some =
          byCluster.computeIfAbsent(
              folder.relativize(path).getName(1).toString(), c -> new ArrayList<>());
      if (some.size() < 2) {
        some.add(path);
      }
    }
    return byCluster.values().stream().flatMap(List::stream).toList();
  }

  private static SourceFile file(Path path, LogSource source) throws Exception {
    return FilePassRuns.sourceFile(path, source, DAY);
  }

  private static List<Row> surveyOf(SourceFile file) {
    return FilePassRuns.rows(FileRows.Pass.SURVEY, file, LIMITS, null);
  }

  private static List<Row> firstRows(SourceFile file, String sha256, int count) {
    List<Row> out = new ArrayList<>();
    FileRows rows =
        new FileRows(
            FileRows.Pass.EVENTS,
            file,
            LIMITS,
            new Configuration(),
            Set.of(),
            sha256,
            (f, n) -> {});
    while (out.size() < count && rows.hasNext()) {
      out.add(rows.next());
    }
    return out;
  }
}
