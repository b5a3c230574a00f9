package io.huntlake.source;

/**
 * The size limits a parser enforces (from ingest.max_line_bytes and ingest.max_record_bytes).
 *
 * @param maxLineBytes a longer input line is rejected unparsed
 * @param maxRecordBytes a joined container line is cut here and flagged truncated
 */
public record ParseLimits(int maxLineBytes, int maxRecordBytes) implements java.io.Serializable {}
