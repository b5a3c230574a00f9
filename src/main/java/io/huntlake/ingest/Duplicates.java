package io.huntlake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.config.LogSource;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.LakeTables;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Finds what ingest must count as duplicates rather than store: repeated files and audit events.
 */
final class Duplicates {
  private Duplicates() {}

  /** Later copies (by path) of a file whose bytes were already read this day. */
  static Set<String> files(List<Row> ledger) {
    Map<String, String> firstBySha = new TreeMap<>();
    Set<String> duplicates = new HashSet<>();
    ledger.stream()
        .filter(
            row ->
                !row.<String>getAs(IngestLedgerTable.SHA256).isEmpty()
                    && row.<Long>getAs(IngestLedgerTable.BYTES) > 0)
        .sorted(Comparator.comparing(row -> row.<String>getAs(IngestLedgerTable.SOURCE_FILE)))
        .forEach(
            row -> {
              String sha =
                  row.getAs(IngestLedgerTable.SOURCE) + ":" + row.getAs(IngestLedgerTable.SHA256);
              if (firstBySha.putIfAbsent(sha, row.getAs(IngestLedgerTable.SOURCE_FILE)) != null) {
                duplicates.add(row.getAs(IngestLedgerTable.SOURCE_FILE));
              }
            });
    return duplicates;
  }

  /**
   * Keeps one row per (auditID, stage): the first by file and line within this batch, and none when
   * another ingest date already stored it. Fast path first: 64-bit hashes of the keys are compared
   * on the driver (16 MB per million events), and only keys whose hash repeats get the exact,
   * shuffling check. Fills {@code duplicatesPerFile}.
   */
  static Set<String> auditEvents(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      Dataset<Row> events,
      List<Row> parsedLedger,
      Map<String, Long> duplicatesPerFile) {
    String id = AuditEventsTable.AUDIT_ID;
    String stage = AuditEventsTable.STAGE;
    String file = AuditEventsTable.SOURCE_FILE;
    String line = AuditEventsTable.SOURCE_LINE;
    org.apache.spark.sql.Column key = functions.xxhash64(col(id), col(stage));
    long[] batch = hashes(events.select(key));
    java.util.Arrays.sort(batch);
    Set<Long> suspects = new HashSet<>();
    for (int i = 1; i < batch.length; i++) {
      if (batch[i] == batch[i - 1]) {
        suspects.add(batch[i]);
      }
    }
    Optional<Dataset<Row>> storedElsewhere = storedOnOtherDays(spark, config, date, parsedLedger);
    if (storedElsewhere.isPresent()) {
      for (long hash : hashes(storedElsewhere.get().select(key))) {
        if (java.util.Arrays.binarySearch(batch, hash) >= 0) {
          suspects.add(hash);
        }
      }
    }
    if (suspects.isEmpty()) {
      return Set.of();
    }
    Object[] suspectHashes = suspects.toArray();
    Dataset<Row> candidates = events.filter(key.isin(suspectHashes));
    Dataset<Row> repeated =
        candidates
            .groupBy(id, stage)
            .agg(count(lit(1)).as("copies"), min(struct(col(file), col(line))).as("first"))
            .filter(col("copies").gt(1));
    scala.collection.Seq<String> keyColumns =
        scala.collection.JavaConverters.asScalaBuffer(List.of(id, stage)).toSeq();
    Dataset<Row> drops =
        candidates
            .join(repeated, keyColumns)
            .filter(
                col(file)
                    .notEqual(col("first." + file))
                    .or(col(line).notEqual(col("first." + line))))
            .select(file, line, id, stage);
    if (storedElsewhere.isPresent()) {
      Dataset<Row> elsewhere =
          storedElsewhere.get().filter(key.isin(suspectHashes)).select(id, stage);
      drops =
          drops
              .union(
                  candidates.join(elsewhere, keyColumns, "left_semi").select(file, line, id, stage))
              .distinct();
    }
    Set<String> dropKeys = new HashSet<>();
    for (Row row : drops.collectAsList()) {
      duplicatesPerFile.merge(row.getString(0), 1L, Long::sum);
      dropKeys.add(
          Envelope.dropKey(row.getString(0), row.getLong(1), row.getString(2), row.getString(3)));
    }
    return dropKeys;
  }

  /** Audit rows other ingest dates stored for the event days this batch touches, if any. */
  static Optional<Dataset<Row>> storedOnOtherDays(
      SparkSession spark, HuntlakeConfig config, LocalDate date, List<Row> parsedLedger) {
    Optional<Dataset<Row>> stored =
        LakeTables.read(spark, config.storage().table(AuditEventsTable.NAME));
    java.time.Instant first = null;
    java.time.Instant last = null;
    for (Row row : parsedLedger) {
      java.time.Instant min = row.getAs(IngestLedgerTable.MIN_EVENT_TS);
      java.time.Instant max = row.getAs(IngestLedgerTable.MAX_EVENT_TS);
      if (LogSource.AUDIT.id().equals(row.getAs(IngestLedgerTable.SOURCE)) && min != null) {
        first = first == null || min.isBefore(first) ? min : first;
        last = last == null || max.isAfter(last) ? max : last;
      }
    }
    if (stored.isEmpty() || first == null) {
      return Optional.empty();
    }
    LocalDate from = first.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    LocalDate to = last.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    return Optional.of(
        stored
            .get()
            .filter(
                col(AuditEventsTable.EVENT_DATE)
                    .between(lit(from), lit(to))
                    .and(col(AuditEventsTable.INGEST_DATE).notEqual(lit(date)))));
  }

  /** A one-column Dataset of longs, collected compactly (one array per partition). */
  static long[] hashes(Dataset<Row> oneLongColumn) {
    List<long[]> parts =
        oneLongColumn
            .as(org.apache.spark.sql.Encoders.LONG())
            .javaRDD()
            .mapPartitions(
                values -> {
                  long[] buffer = new long[1024];
                  int n = 0;
                  while (values.hasNext()) {
                    if (n == buffer.length) {
                      buffer = java.util.Arrays.copyOf(buffer, n * 2);
                    }
                    buffer[n++] = values.next();
                  }
                  return List.of(java.util.Arrays.copyOf(buffer, n)).iterator();
                })
            .collect();
    long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
    int offset = 0;
    for (long[] part : parts) {
      System.arraycopy(part, 0, all, offset, part.length);
      offset += part.length;
    }
    return all;
  }
}
