package io.huntlake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.lake.LakeTables;
import io.huntlake.source.LogSource;
import io.huntlake.table.EventColumns;
import io.huntlake.table.IngestLedgerTable;
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

/** Finds what ingest must count as duplicates rather than store: repeated files and records. */
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
   * Keeps one row per record of a source that stores repeats once ({@link LogSource#dedupe()}): the
   * copy with the highest latestBy value, else the first by file and line, within this batch; and
   * none when the source dedupes across days and another ingest date already stored it. Fast path
   * first: 64-bit hashes of the keys are counted on the executors, and only keys whose hash
   * repeats, or was stored on another ingest date, get the exact check. The rows to leave out stay
   * on the executors (a day delivered twice has as many of them as events); only their count per
   * file reaches the driver, in {@code duplicatesPerFile}.
   *
   * @param keys the survey's key rows of this source (Envelope.KEY_SCHEMA)
   * @return the rows not to store ({@link #DROP_COLUMNS}), persisted until the caller unpersists
   *     them; empty when there are none
   */
  static Optional<Dataset<Row>> records(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      LogSource source,
      Dataset<Row> keys,
      List<Row> parsedLedger,
      Map<String, Long> duplicatesPerFile) {
    LogSource.Dedupe dedupe = source.dedupe().orElseThrow();
    String record = Envelope.RECORD;
    org.apache.spark.sql.Column hash = recordHash().as(HASH);
    Dataset<Row> batch = keys.select(hash);
    Dataset<Row> suspects = batch.groupBy(HASH).count().filter(col("count").gt(1)).select(HASH);
    Optional<Dataset<Row>> storedElsewhere =
        dedupe.acrossDays()
            ? storedOnOtherDays(spark, config, date, source, parsedLedger)
                .map(rows -> rows.select(Envelope.recordColumn(dedupe.key()).as(record)))
            : Optional.empty();
    if (storedElsewhere.isPresent()) {
      suspects = suspects.union(storedElsewhere.get().select(hash).join(batch, HASH, "left_semi"));
    }
    // Few on a normal day (repeats are rare), so kept for the exact check's joins below.
    suspects = suspects.distinct().persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      if (suspects.isEmpty()) {
        return Optional.empty();
      }
      return exactly(keys, suspects, storedElsewhere, duplicatesPerFile);
    } finally {
      suspects.unpersist();
    }
  }

  private static final String HASH = "record_hash";

  /** The 64-bit hash of a key row's record, compared before the records themselves. */
  private static org.apache.spark.sql.Column recordHash() {
    return functions.xxhash64(col(Envelope.RECORD));
  }

  /** A row left out: where it was read, and its record key. */
  static final List<String> DROP_COLUMNS =
      List.of(EventColumns.SOURCE_FILE, EventColumns.SOURCE_LINE, Envelope.RECORD);

  /** The exact check of the keys whose hash is suspect: which copies are not kept. */
  private static Optional<Dataset<Row>> exactly(
      Dataset<Row> keys,
      Dataset<Row> suspects,
      Optional<Dataset<Row>> storedElsewhere,
      Map<String, Long> duplicatesPerFile) {
    String record = Envelope.RECORD;
    String file = EventColumns.SOURCE_FILE;
    String line = EventColumns.SOURCE_LINE;
    org.apache.spark.sql.Column hash = recordHash();
    Dataset<Row> candidates = keys.join(suspects, hash.equalTo(suspects.col(HASH)), "left_semi");
    // The copy kept: highest ordering, then first by file and line.
    Dataset<Row> repeated =
        candidates
            .groupBy(record)
            .agg(
                count(lit(1)).as("copies"),
                min(struct(col(Envelope.ORDERING).multiply(-1).as("rank"), col(file), col(line)))
                    .as("kept"))
            .filter(col("copies").gt(1));
    scala.collection.Seq<String> keyColumn =
        scala.collection.JavaConverters.asScalaBuffer(List.of(record)).toSeq();
    Dataset<Row> drops =
        candidates
            .join(repeated, keyColumn)
            .filter(
                col(file).notEqual(col("kept." + file)).or(col(line).notEqual(col("kept." + line))))
            .select(file, line, record);
    if (storedElsewhere.isPresent()) {
      Dataset<Row> elsewhere =
          storedElsewhere.get().join(suspects, hash.equalTo(suspects.col(HASH)), "left_semi");
      drops =
          drops
              .union(candidates.join(elsewhere, keyColumn, "left_semi").select(file, line, record))
              .distinct();
    }
    drops = drops.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    // Counting per file fills the cache while the suspects it was computed from are still held.
    List<Row> perFile = drops.groupBy(file).count().collectAsList();
    if (perFile.isEmpty()) {
      drops.unpersist();
      return Optional.empty();
    }
    for (Row row : perFile) {
      duplicatesPerFile.merge(row.getString(0), row.getLong(1), Long::sum);
    }
    return Optional.of(drops);
  }

  /** Rows of the source's table other ingest dates stored for the event days this batch touches. */
  static Optional<Dataset<Row>> storedOnOtherDays(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      LogSource source,
      List<Row> parsedLedger) {
    Optional<Dataset<Row>> stored =
        LakeTables.read(spark, config.storage().table(source.table().name()));
    java.time.Instant first = null;
    java.time.Instant last = null;
    for (Row row : parsedLedger) {
      java.time.Instant min = row.getAs(IngestLedgerTable.MIN_EVENT_TS);
      java.time.Instant max = row.getAs(IngestLedgerTable.MAX_EVENT_TS);
      if (source.id().equals(row.getAs(IngestLedgerTable.SOURCE)) && min != null) {
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
                col(EventColumns.EVENT_DATE)
                    .between(lit(from), lit(to))
                    .and(col(EventColumns.INGEST_DATE).notEqual(lit(date)))));
  }
}
