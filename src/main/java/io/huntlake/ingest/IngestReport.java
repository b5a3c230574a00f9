package io.huntlake.ingest;

import io.huntlake.source.LogSource;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one ingest run did, per source. {@link #summary()} is the one line a job logs; the record is
 * also written as JSON to the reports folder.
 */
@com.fasterxml.jackson.annotation.JsonPropertyOrder({
  "date",
  "runId",
  "seconds",
  "sources",
  "fileErrors"
})
public record IngestReport(
    LocalDate date,
    String runId,
    Map<LogSource, SourceCounts> sources,
    List<String> fileErrors,
    double seconds) {

  /** Counts of one source; they reconcile like the ledger's. */
  public record SourceCounts(
      long files,
      long bytes,
      long uncompressedBytes,
      long lines,
      long rows,
      long rejects,
      long duplicates,
      long joinedLines,
      long headerLines,
      long batchRecords,
      long redactions,
      long rowsOutsideDay) {}

  public long totalRows() {
    return sources.values().stream().mapToLong(SourceCounts::rows).sum();
  }

  public long totalRejects() {
    return sources.values().stream().mapToLong(SourceCounts::rejects).sum();
  }

  public String summary() {
    StringBuilder line =
        new StringBuilder(String.format(Locale.ROOT, "ingest %s run %s:", date, runId));
    sources.forEach(
        (source, c) ->
            line.append(
                String.format(
                    Locale.ROOT,
                    " %s files=%d MB=%.1f lines=%d rows=%d rejects=%d duplicates=%d joined=%d redactions=%d outside_day=%d;",
                    source.id(),
                    c.files(),
                    c.uncompressedBytes() / 1e6,
                    c.lines(),
                    c.rows(),
                    c.rejects(),
                    c.duplicates(),
                    c.joinedLines(),
                    c.redactions(),
                    c.rowsOutsideDay())));
    line.append(
        String.format(Locale.ROOT, " file_errors=%d seconds=%.1f", fileErrors.size(), seconds));
    return line.toString();
  }
}
