package io.huntlake.source;

import io.huntlake.config.IngestSettings;

/**
 * Parses the lines of one file, in order. Parsers keep per-file state (partial records, a VPC
 * header), so a new one is made for each file.
 */
public interface LineParser {
  void line(Line line, RecordSink sink);

  /** Called after the last line: flush anything still pending. */
  default void finish(RecordSink sink) {}

  /** A parser for a file of this source, honouring a forced format when the config sets one. */
  static LineParser forFile(SourceFile file, IngestSettings limits) {
    return switch (file.source()) {
      case AUDIT -> new AuditParser(file, limits);
      case CONTAINER -> new ContainerParser(file, limits);
      case FLOW -> new FlowParser(file, limits);
    };
  }
}
