package io.huntlake.ingest;

import io.huntlake.error.Errors;
import io.huntlake.source.LogSource;
import io.huntlake.table.IngestLedgerTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

/**
 * The ingest ledger: final counts per file, their reconciliation, the run id and the run report.
 */
final class Ledgers {
  private Ledgers() {}

  /** Final ledger rows: rows minus duplicates; every file must satisfy the ledger's equation. */
  static List<Row> reconcile(
      List<Row> parsed, Set<String> duplicateFiles, Map<String, Long> duplicates) {
    List<Row> ledger = new ArrayList<>();
    for (Row row : parsed) {
      Object[] values = new Object[row.length()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.get(i);
      }
      String file = row.getAs(IngestLedgerTable.SOURCE_FILE);
      long rows = row.getAs(IngestLedgerTable.ROWS);
      long dropped = duplicateFiles.contains(file) ? rows : duplicates.getOrDefault(file, 0L);
      values[IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.ROWS)] = rows - dropped;
      values[IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.DUPLICATES)] = dropped;
      Row result = new GenericRowWithSchema(values, IngestLedgerTable.SCHEMA);
      long lines = result.getAs(IngestLedgerTable.LINES);
      long batch = result.getAs(IngestLedgerTable.BATCH_RECORDS);
      long accounted =
          (long) result.getAs(IngestLedgerTable.ROWS)
              + (long) result.getAs(IngestLedgerTable.REJECTS)
              + dropped
              + (long) result.getAs(IngestLedgerTable.JOINED_LINES)
              + (long) result.getAs(IngestLedgerTable.HEADER_LINES);
      if (lines + batch != accounted) {
        throw Errors.ledgerDoesNotReconcile(
            file,
            "lines "
                + lines
                + " + batch records "
                + batch
                + " != rows + rejects + duplicates + joined + headers = "
                + accounted);
      }
      ledger.add(result);
    }
    return ledger;
  }

  /** The prefix of the ledger error of an entry that was listed but not read. */
  static final String SKIPPED = "skipped: ";

  /**
   * The ledger row of a day-folder entry that is not read (a link, a hidden name): no bytes, no
   * lines, no checksum (so it is never taken for a duplicate nor archived), and the reason.
   */
  static Row skipped(io.huntlake.source.SourceFile file, String reason) {
    Object[] values = new Object[IngestLedgerTable.SCHEMA.size()];
    for (String column :
        List.of(
            IngestLedgerTable.BYTES,
            IngestLedgerTable.UNCOMPRESSED_BYTES,
            IngestLedgerTable.LINES,
            IngestLedgerTable.BATCH_RECORDS,
            IngestLedgerTable.ROWS,
            IngestLedgerTable.REJECTS,
            IngestLedgerTable.DUPLICATES,
            IngestLedgerTable.JOINED_LINES,
            IngestLedgerTable.HEADER_LINES,
            IngestLedgerTable.REDACTIONS,
            IngestLedgerTable.ROWS_OUTSIDE_DAY)) {
      values[IngestLedgerTable.SCHEMA.fieldIndex(column)] = 0L;
    }
    values[IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.INGEST_DATE)] = file.ingestDate();
    values[IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.SOURCE)] = file.source().id();
    values[IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.CLUSTER)] = file.cluster();
    values[IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.SOURCE_FILE)] = file.path();
    values[IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.SHA256)] = "";
    values[IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.MODIFIED_TS)] = file.modified();
    values[IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.ERROR)] =
        new io.huntlake.source.Redactor().rawText(SKIPPED + reason);
    values[IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.INGEST_RUN_ID)] = "";
    return new GenericRowWithSchema(values, IngestLedgerTable.SCHEMA);
  }

  /** The ledger rows with each file's redaction count set (files not in the map: 0). */
  static List<Row> withRedactions(List<Row> ledger, Map<String, Long> redactionsPerFile) {
    List<Row> updated = new ArrayList<>(ledger.size());
    int column = IngestLedgerTable.SCHEMA.fieldIndex(IngestLedgerTable.REDACTIONS);
    for (Row row : ledger) {
      Object[] values = new Object[row.length()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.get(i);
      }
      values[column] =
          redactionsPerFile.getOrDefault(row.<String>getAs(IngestLedgerTable.SOURCE_FILE), 0L);
      updated.add(new GenericRowWithSchema(values, IngestLedgerTable.SCHEMA));
    }
    return updated;
  }

  /** Same input, same id: the date, the sources and every file's path and sha256. */
  static String runId(LocalDate date, Set<LogSource> sources, List<Row> ledger) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(
          (date
                  + "|"
                  + sources.stream().map(LogSource::id).sorted().collect(Collectors.joining(",")))
              .getBytes(StandardCharsets.UTF_8));
      ledger.stream()
          .map(
              row ->
                  row.getAs(IngestLedgerTable.SOURCE_FILE)
                      + "="
                      + row.getAs(IngestLedgerTable.SHA256))
          .sorted()
          .forEach(entry -> sha.update(("|" + entry).getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  static IngestReport report(
      LocalDate date, String runId, Set<LogSource> sources, List<Row> ledger, double seconds) {
    Map<LogSource, IngestReport.SourceCounts> counts = new EnumMap<>(LogSource.class);
    List<String> errors = new ArrayList<>();
    for (LogSource source : sources) {
      long[] c = new long[12];
      for (Row row : ledger) {
        if (!source.id().equals(row.getAs(IngestLedgerTable.SOURCE))) {
          continue;
        }
        c[0]++;
        c[1] += row.<Long>getAs(IngestLedgerTable.BYTES);
        c[2] += row.<Long>getAs(IngestLedgerTable.UNCOMPRESSED_BYTES);
        c[3] += row.<Long>getAs(IngestLedgerTable.LINES);
        c[4] += row.<Long>getAs(IngestLedgerTable.ROWS);
        c[5] += row.<Long>getAs(IngestLedgerTable.REJECTS);
        c[6] += row.<Long>getAs(IngestLedgerTable.DUPLICATES);
        c[7] += row.<Long>getAs(IngestLedgerTable.JOINED_LINES);
        c[8] += row.<Long>getAs(IngestLedgerTable.HEADER_LINES);
        c[9] += row.<Long>getAs(IngestLedgerTable.BATCH_RECORDS);
        c[10] += row.<Long>getAs(IngestLedgerTable.REDACTIONS);
        c[11] += row.<Long>getAs(IngestLedgerTable.ROWS_OUTSIDE_DAY);
        String error = row.getAs(IngestLedgerTable.ERROR);
        if (error != null) {
          errors.add(row.getAs(IngestLedgerTable.SOURCE_FILE) + ": " + error);
        }
      }
      counts.put(
          source,
          new IngestReport.SourceCounts(
              c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]));
    }
    return new IngestReport(date, runId, counts, errors, seconds);
  }
}
