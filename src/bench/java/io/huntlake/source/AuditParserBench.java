package io.huntlake.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The audit parser alone, one thread, files decompressed into memory first: the reference path
 * (every line one Jackson tree) against ingest's path (sliced objects, survey reading only the key
 * fields), for the survey and the write pass, the write pass with ingest's row redaction. Thread
 * CPU time, not wall time, so that a busy machine moves the numbers less; each mode runs five
 * times, alternating, and the fastest run counts.
 *
 * <p>Usage: AuditParserBench FILE... (-Dmodes=survey,write and -Dpaths=reference,fast choose what
 * runs, for a profile of one of them)
 */
public final class AuditParserBench {
  private AuditParserBench() {}

  public static void main(String[] args) throws IOException {
    List<byte[]> files = new ArrayList<>();
    long bytes = 0;
    for (String name : args) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(name)), 1 << 16)) {
        byte[] content = in.readAllBytes();
        files.add(content);
        bytes += content.length;
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    String[] modes = {"reference survey", "fast survey", "reference write", "fast write"};
    double[] best = new double[modes.length];
    java.util.Arrays.fill(best, Double.MAX_VALUE);
    long[] rows = new long[modes.length];
    for (int round = 0; round < 5; round++) {
      for (int mode = 0; mode < modes.length; mode++) {
        if (!System.getProperty("modes", "survey,write").contains(modes[mode].split(" ")[1])
            || !System.getProperty("paths", "reference,fast").contains(modes[mode].split(" ")[0])) {
          continue;
        }
        boolean fast = mode % 2 == 1;
        boolean survey = mode < 2;
        long start = threads.getCurrentThreadCpuTime();
        rows[mode] = 0;
        for (byte[] content : files) {
          rows[mode] += parse(content, fast, survey);
        }
        best[mode] = Math.min(best[mode], (threads.getCurrentThreadCpuTime() - start) / 1e9);
      }
    }
    System.out.printf("input: %d files, %.0f MB uncompressed%n", files.size(), bytes / 1e6);
    for (int mode = 0; mode < modes.length; mode++) {
      System.out.printf(
          "%-17s %6.2f s CPU  %6.1f MB/s  rows %d%n",
          modes[mode], best[mode], bytes / 1e6 / best[mode], rows[mode]);
    }
    System.out.printf("objects stored as sliced (all fast write runs): %d%n", Sink.clean);
    if (java.util.Arrays.stream(best).allMatch(seconds -> seconds < Double.MAX_VALUE)) {
      System.out.printf(
          "fast/reference: survey %.2fx, write %.2fx%n", best[0] / best[1], best[2] / best[3]);
    }
  }

  private static long parse(byte[] content, boolean fast, boolean survey) {
    SourceFile file =
        new SourceFile(
            "file:/bench/audit.log",
            LogSource.AUDIT,
            "bench",
            null,
            LocalDate.of(2026, 11, 2),
            content.length,
            Instant.EPOCH,
            null);
    ParseLimits limits = new ParseLimits(64 << 20, 64 << 20);
    AuditParser parser = new AuditParser(file, limits, fast);
    Sink sink = new Sink(survey);
    LineReader reader = new LineReader(new ByteArrayInputStream(content), limits.maxLineBytes());
    for (Line line = reader.next(); line != null; line = reader.next()) {
      parser.line(line, sink);
    }
    parser.finish(sink);
    return sink.rows;
  }

  /** Keeps counts only; the write pass redacts each row as ingest does. */
  private static final class Sink implements RecordSink {
    private static final int SOURCE_FILE =
        io.huntlake.table.AuditEventsTable.SCHEMA.fieldIndex(
            io.huntlake.table.AuditEventsTable.SOURCE_FILE);
    private final boolean survey;
    private final Redactor redactor = new Redactor();
    long rows;
    static long clean;

    Sink(boolean survey) {
      this.survey = survey;
    }

    @Override
    public boolean keysOnly() {
      return survey;
    }

    @Override
    public void row(Object[] values, Instant eventTime, String format) {
      if (!survey) {
        for (Object value : values) {
          if (value instanceof Redactor.Clean) {
            clean++;
          }
        }
        redactor.row(values, SOURCE_FILE);
      }
      rows++;
    }

    @Override
    public void reject(long line, String reason, String raw, long rawBytes, String format) {}

    @Override
    public void joined(long lines) {}

    @Override
    public void header() {}

    @Override
    public void batchRecords(long extra) {}

    @Override
    public void redactions(long count) {}
  }
}
