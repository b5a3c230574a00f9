package io.huntlake.volume;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.huntlake.source.LogSource;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.EventColumns;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.LogVolumeDailyTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One day of {@code log_volume_daily} from that day's events, the ledger rows of the files they
 * came from, and the size of the day's Delta partitions.
 *
 * <p>Bytes are measured per file (the ledger) and per partition (Delta's log), never per event, so
 * a talker's share is allocated. Within a file, each row weighs its stored text ({@link
 * #weight(StructType)}): an audit event carrying a 40 kB request object weighs more than a {@code
 * get}. A file whose events straddle midnight gives each day the share of its rows that fell on it.
 * Every byte of every file that stored a row is allocated exactly once over all days; files that
 * stored none keep their own row. No I/O: the job reads and writes.
 */
public final class VolumeAggregates {
  private VolumeAggregates() {}

  static final String SOURCE_FILE = "source_file";
  static final String WEIGHT = "weight";

  /** Per-row bytes that no string column shows: timestamps, numbers, JSON punctuation and keys. */
  private static final int FIXED_ROW_WEIGHT = 64;

  /** Columns that repeat the file rather than the event; they would weigh every row alike. */
  private static final Set<String> UNWEIGHED =
      Set.of(
          AuditEventsTable.SOURCE_FILE,
          AuditEventsTable.INGEST_RUN_ID,
          AuditEventsTable.SOURCE_FORMAT);

  private static final List<String> GROUP =
      concatenate(
          List.of(LogVolumeDailyTable.CLUSTER, LogVolumeDailyTable.SOURCE),
          LogVolumeDailyTable.TALKER_COLUMNS);

  /**
   * One day of a source's table as talkers: cluster, source, the talker columns (null where they do
   * not apply), source_file and weight.
   */
  public static Dataset<Row> talkers(LogSource source, Dataset<Row> events) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(LogVolumeDailyTable.CLUSTER));
    columns.add(lit(source.id()).as(LogVolumeDailyTable.SOURCE));
    for (String talker : LogVolumeDailyTable.TALKER_COLUMNS) {
      String column = source.volumeColumns().get(talker);
      columns.add((column == null ? lit(null).cast(DataTypes.StringType) : col(column)).as(talker));
    }
    columns.add(col(EventColumns.SOURCE_FILE).as(SOURCE_FILE));
    columns.add(weight(events.schema()).as(WEIGHT));
    return events.select(columns.toArray(Column[]::new));
  }

  /**
   * A row's stored text in bytes plus a fixed part: the sum of its string values' UTF-8 lengths
   * (string arrays and maps count their elements' lengths), without the columns every row of a file
   * shares.
   */
  static Column weight(StructType schema) {
    Column total = lit(FIXED_ROW_WEIGHT);
    for (StructField field : schema.fields()) {
      if (UNWEIGHED.contains(field.name())) {
        continue;
      }
      Column length =
          switch (field.dataType().typeName()) {
            case "string" -> octet_length(col(field.name()));
            case "array", "map" ->
                octet_length(org.apache.spark.sql.functions.to_json(col(field.name())));
            default -> null;
          };
      if (length != null) {
        total = total.plus(coalesce(length, lit(0)));
      }
    }
    return total.cast(DataTypes.LongType);
  }

  /**
   * The day's rows of log_volume_daily.
   *
   * @param talkers the union of {@link #talkers} over the sources, one day
   * @param ledger ledger rows (any ingest date) of the files the talkers came from; others ignored
   * @param filesWithoutRows ledger rows of the day's ingest date that stored no row
   * @param deltaBytes bytes of the day's partition in each source's table
   * @param maxTalkers talkers kept per cluster and source; the rest are summed in one row
   */
  public static Dataset<Row> day(
      LocalDate date,
      Dataset<Row> talkers,
      Dataset<Row> ledger,
      Dataset<Row> filesWithoutRows,
      Map<LogSource, Long> deltaBytes,
      int maxTalkers) {
    Dataset<Row> perFile =
        talkers
            .groupBy(SOURCE_FILE)
            .agg(sum(WEIGHT).as("file_weight"), count(lit(1)).as("file_day_rows"));
    Dataset<Row> files =
        ledger
            .select(
                col(IngestLedgerTable.SOURCE_FILE).as(SOURCE_FILE),
                col(IngestLedgerTable.BYTES).as("file_bytes"),
                col(IngestLedgerTable.UNCOMPRESSED_BYTES).as("file_uncompressed"),
                col(IngestLedgerTable.ROWS).as("file_rows"))
            .dropDuplicates(SOURCE_FILE)
            .join(perFile, SOURCE_FILE);
    // share of the file's bytes this day's rows carry, split by weight among them
    Column dayShare = col("file_day_rows").divide(greatest(col("file_rows"), col("file_day_rows")));
    Column share = col(WEIGHT).divide(col("file_weight")).multiply(dayShare);
    Dataset<Row> perTalkerAndFile =
        talkers
            .groupBy(concatenateColumns(GROUP, SOURCE_FILE))
            .agg(count(lit(1)).as(LogVolumeDailyTable.EVENTS), sum(WEIGHT).as(WEIGHT))
            .join(files, new String[] {SOURCE_FILE}, "left")
            .withColumn("raw", coalesce(share.multiply(col("file_bytes")), lit(0.0)))
            .withColumn(
                "raw_uncompressed", coalesce(share.multiply(col("file_uncompressed")), lit(0.0)));
    Dataset<Row> perTalker =
        perTalkerAndFile
            .groupBy(columns(GROUP))
            .agg(
                sum(LogVolumeDailyTable.EVENTS).as(LogVolumeDailyTable.EVENTS),
                sum("raw").as("raw"),
                sum("raw_uncompressed").as("raw_uncompressed"),
                sum(WEIGHT).as(WEIGHT))
            .withColumn(
                "delta",
                col(WEIGHT)
                    .divide(sum(WEIGHT).over(Window.partitionBy(col(LogVolumeDailyTable.SOURCE))))
                    .multiply(partitionBytes(deltaBytes)));
    return byOrigin(date, foldSmallTalkers(perTalker, maxTalkers))
        .unionByName(filesWithoutRows(date, filesWithoutRows));
  }

  /** Talkers ranked beyond {@code maxTalkers} in their cluster and source become one row. */
  private static Dataset<Row> foldSmallTalkers(Dataset<Row> perTalker, int maxTalkers) {
    Column rank =
        row_number()
            .over(
                Window.partitionBy(
                        col(LogVolumeDailyTable.CLUSTER), col(LogVolumeDailyTable.SOURCE))
                    .orderBy(
                        col("raw_uncompressed").desc(),
                        col(LogVolumeDailyTable.EVENTS).desc(),
                        concat_ws("|", columns(LogVolumeDailyTable.TALKER_COLUMNS))));
    Column small = col("talker_rank").gt(maxTalkers);
    List<Column> grouping = new ArrayList<>();
    grouping.add(col(LogVolumeDailyTable.CLUSTER));
    grouping.add(col(LogVolumeDailyTable.SOURCE));
    grouping.add(
        when(small, lit(LogVolumeDailyTable.ORIGIN_OTHER_TALKERS))
            .otherwise(lit(LogVolumeDailyTable.ORIGIN_EVENTS))
            .as(LogVolumeDailyTable.ORIGIN));
    for (String talker : LogVolumeDailyTable.TALKER_COLUMNS) {
      grouping.add(when(small, lit(null)).otherwise(col(talker)).as(talker));
    }
    return perTalker
        .withColumn("talker_rank", rank)
        .groupBy(grouping.toArray(Column[]::new))
        .agg(
            sum(LogVolumeDailyTable.EVENTS).as(LogVolumeDailyTable.EVENTS),
            sum("raw").as("raw"),
            sum("raw_uncompressed").as("raw_uncompressed"),
            sum("delta").as("delta"));
  }

  private static Dataset<Row> byOrigin(LocalDate date, Dataset<Row> rows) {
    return rows.select(
        lit(date).as(LogVolumeDailyTable.EVENT_DATE),
        col(LogVolumeDailyTable.CLUSTER),
        col(LogVolumeDailyTable.SOURCE),
        col(LogVolumeDailyTable.ORIGIN),
        col(LogVolumeDailyTable.NAMESPACE),
        col(LogVolumeDailyTable.WORKLOAD),
        col(LogVolumeDailyTable.CONTAINER),
        col(LogVolumeDailyTable.USER_NAME),
        col(LogVolumeDailyTable.VERB),
        col(LogVolumeDailyTable.RESOURCE),
        col(LogVolumeDailyTable.USER_AGENT),
        col(LogVolumeDailyTable.EVENTS),
        bytes("raw").as(LogVolumeDailyTable.RAW_BYTES),
        bytes("raw_uncompressed").as(LogVolumeDailyTable.RAW_UNCOMPRESSED_BYTES),
        bytes("delta").as(LogVolumeDailyTable.DELTA_BYTES));
  }

  /** One row per cluster and source for the day's files that stored nothing. */
  private static Dataset<Row> filesWithoutRows(LocalDate date, Dataset<Row> ledger) {
    Column none = lit(null).cast(DataTypes.StringType);
    List<Column> talkerNulls = new ArrayList<>();
    for (String talker : LogVolumeDailyTable.TALKER_COLUMNS) {
      talkerNulls.add(none.as(talker));
    }
    Dataset<Row> totals =
        ledger
            .where(col(IngestLedgerTable.ROWS).equalTo(0))
            .groupBy(col(IngestLedgerTable.CLUSTER), col(IngestLedgerTable.SOURCE))
            .agg(
                sum(IngestLedgerTable.BYTES).as("raw"),
                sum(IngestLedgerTable.UNCOMPRESSED_BYTES).as("raw_uncompressed"));
    List<Column> select = new ArrayList<>();
    select.add(col(IngestLedgerTable.CLUSTER).as(LogVolumeDailyTable.CLUSTER));
    select.add(col(IngestLedgerTable.SOURCE).as(LogVolumeDailyTable.SOURCE));
    select.add(lit(LogVolumeDailyTable.ORIGIN_FILES_WITHOUT_ROWS).as(LogVolumeDailyTable.ORIGIN));
    select.addAll(talkerNulls);
    select.add(lit(0L).as(LogVolumeDailyTable.EVENTS));
    select.add(col("raw"));
    select.add(col("raw_uncompressed"));
    select.add(lit(0.0).as("delta"));
    return byOrigin(date, totals.select(select.toArray(Column[]::new)));
  }

  private static Column partitionBytes(Map<LogSource, Long> deltaBytes) {
    Column bytes = lit(0L);
    for (Map.Entry<LogSource, Long> source : deltaBytes.entrySet()) {
      bytes =
          when(col(LogVolumeDailyTable.SOURCE).equalTo(source.getKey().id()), source.getValue())
              .otherwise(bytes);
    }
    return bytes;
  }

  private static Column bytes(String allocated) {
    return round(coalesce(col(allocated), lit(0.0))).cast(DataTypes.LongType);
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  private static Column[] concatenateColumns(List<String> names, String last) {
    return columns(concatenate(names, List.of(last)));
  }

  private static List<String> concatenate(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
