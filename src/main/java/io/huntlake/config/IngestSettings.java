package io.huntlake.config;

/**
 * Ingest limits (ingest.*).
 *
 * @param maxLineBytes a longer input line is rejected unparsed
 * @param maxRecordBytes a joined container line is cut here and flagged truncated
 * @param rejectRawChars characters of a rejected line kept in rejects
 */
public record IngestSettings(int maxLineBytes, int maxRecordBytes, int rejectRawChars)
    implements java.io.Serializable {}
