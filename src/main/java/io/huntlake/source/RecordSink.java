package io.huntlake.source;

import java.time.Instant;

/**
 * Where a parser delivers what it made of a file's lines. Every line ends in exactly one call path.
 */
public interface RecordSink {
  /** A row for the source's table, values in the table schema's column order. */
  void row(Object[] values, Instant eventTime, String format);

  /** A line (or one record of a batch line) that could not be loaded, and why. */
  void reject(long line, String reason, String raw, long rawBytes, String format);

  /** Lines merged into a later line (partial runtime records). */
  void joined(long lines);

  /** A format header line (VPC Flow Logs' field list). */
  void header();

  /** Extra records a single line held (an EventList of n items adds n - 1). */
  void batchRecords(long extra);

  /** Secret values replaced with the redaction marker. */
  void redactions(long count);

  /**
   * Whether only the columns that identify a record and its times are needed (ingest's survey
   * pass): parsers may then skip building the rest of the row (derived columns, redaction), as long
   * as they accept and reject exactly the lines the full parse does.
   */
  default boolean keysOnly() {
    return false;
  }
}
