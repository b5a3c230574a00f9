package io.huntlake.source;

/**
 * Parses the lines of one file, in order. Parsers keep per-file state (partial records, a VPC
 * header), so a new one is made for each file.
 */
public interface LineParser {
  void line(Line line, RecordSink sink);

  /** Called after the last line: flush anything still pending. */
  default void finish(RecordSink sink) {}
}
