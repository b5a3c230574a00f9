package io.huntlake.source;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/** Runs a parser over text and keeps what it delivered, for parser tests without Spark. */
final class CollectingSink implements RecordSink {
  record Reject(long line, String reason, String raw, String format) {}

  final List<Object[]> rows = new ArrayList<>();
  final List<String> formats = new ArrayList<>();
  final List<Reject> rejects = new ArrayList<>();
  long joined;
  long headers;
  long batchRecords;
  long redactions;
  long lines;

  static final ParseLimits LIMITS = new ParseLimits(1024 * 1024, 64 * 1024);

  static CollectingSink parse(LogSource source, String fileName, String text) {
    return parse(source, fileName, text.getBytes(StandardCharsets.UTF_8), null);
  }

  static CollectingSink parse(
      LogSource source, String fileName, byte[] bytes, String forcedFormat) {
    SourceFile file = file(source, fileName, bytes, forcedFormat);
    return parse(file.source().parser(file, LIMITS), bytes, new CollectingSink());
  }

  static SourceFile file(LogSource source, String fileName, byte[] bytes, String forcedFormat) {
    return new SourceFile(
        "file:/raw/" + source.id() + "/dt=2026-11-02/cluster=test/" + fileName,
        source,
        "test",
        null,
        LocalDate.of(2026, 11, 2),
        bytes.length,
        Instant.EPOCH,
        forcedFormat);
  }

  /** Runs {@code parser} over {@code bytes} into {@code sink}. */
  static CollectingSink parse(LineParser parser, byte[] bytes, CollectingSink sink) {
    LineReader reader = new LineReader(new ByteArrayInputStream(bytes), LIMITS.maxLineBytes());
    for (Line line = reader.next(); line != null; line = reader.next()) {
      parser.line(line, sink);
    }
    parser.finish(sink);
    sink.lines = reader.lines();
    return sink;
  }

  /** lines + batch records = rows + rejects + joined + headers (no duplicates without Spark). */
  boolean reconciles() {
    return lines + batchRecords == rows.size() + rejects.size() + joined + headers;
  }

  Object value(int row, StructType schema, String column) {
    return rows.get(row)[schema.fieldIndex(column)];
  }

  /**
   * A sink that keeps rows as ingest's write pass stores them: every string value through the
   * redactor's text rules ({@link Redactor#row}), the count added to the row's redactions column.
   */
  static CollectingSink stored(StructType schema, String keepColumn, String countColumn) {
    CollectingSink sink = new CollectingSink();
    sink.schema = schema;
    sink.keep = schema.fieldIndex(keepColumn);
    sink.count = countColumn == null ? -1 : schema.fieldIndex(countColumn);
    return sink;
  }

  /** A sink for ingest's survey pass: parsers need only the key columns. */
  static CollectingSink keys() {
    CollectingSink sink = new CollectingSink();
    sink.keysOnly = true;
    return sink;
  }

  private StructType schema;
  private int keep = -1;
  private int count = -1;
  private boolean keysOnly;

  /** Values the parser handed over already checked ({@link Redactor.Clean}), before storing. */
  long clean;

  @Override
  public boolean keysOnly() {
    return keysOnly;
  }

  @Override
  public void row(Object[] values, Instant eventTime, String format) {
    if (schema != null) {
      int found = new Redactor().row(values, keep);
      redactions += found;
      if (count >= 0 && found > 0) {
        values[count] = ((Number) values[count]).intValue() + found;
      }
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof Redactor.Clean checked) {
        clean++;
        values[i] = checked.text();
      }
    }
    rows.add(values);
    formats.add(format);
  }

  @Override
  public void reject(long line, String reason, String raw, long rawBytes, String format) {
    rejects.add(new Reject(line, reason, raw, format));
  }

  @Override
  public void joined(long n) {
    joined += n;
  }

  @Override
  public void header() {
    headers++;
  }

  @Override
  public void batchRecords(long extra) {
    batchRecords += extra;
  }

  @Override
  public void redactions(long count) {
    redactions += count;
  }
}
