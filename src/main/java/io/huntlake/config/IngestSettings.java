package io.huntlake.config;

/**
 * Ingest limits and safeguards (ingest.*).
 *
 * @param maxLineBytes a longer input line is rejected unparsed
 * @param maxRecordBytes a joined container line is cut here and flagged truncated
 * @param rejectRawChars characters of a rejected line kept in rejects
 * @param maxRejectsPerFile after this many rejected lines a file's rest is counted, not parsed
 * @param eventDaysBefore an event timed more days than this before its folder's day is rejected
 * @param eventDaysAfter an event timed more days than this after its folder's day is rejected
 * @param followLinks read symbolic links in a local day folder instead of skipping them
 * @param maxShrink share of a day's ledgered rows an ingest may drop without --allow-shrink
 */
public record IngestSettings(
    int maxLineBytes,
    int maxRecordBytes,
    int rejectRawChars,
    int maxRejectsPerFile,
    int eventDaysBefore,
    int eventDaysAfter,
    boolean followLinks,
    double maxShrink)
    implements java.io.Serializable {

  /** The size limits given, every safeguard at its documented default. */
  public IngestSettings(int maxLineBytes, int maxRecordBytes, int rejectRawChars) {
    this(maxLineBytes, maxRecordBytes, rejectRawChars, 10_000, 400, 2, false, 0.5);
  }

  /** The limits parsers enforce. */
  public io.huntlake.source.ParseLimits parseLimits() {
    return new io.huntlake.source.ParseLimits(maxLineBytes, maxRecordBytes);
  }
}
