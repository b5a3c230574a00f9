package io.huntlake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.config.IngestSettings;
import io.huntlake.config.LogSource;
import io.huntlake.error.Errors;
import io.huntlake.source.SourceFile;
import io.huntlake.spark.RunReports;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.LakeTables;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.table.RejectsTable;
import io.huntlake.table.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code huntlake ingest}: reads one day of raw logs into {@code audit_events}, {@code
 * container_logs}, {@code network_flows}, {@code rejects} and {@code ingest_ledger}.
 *
 * <p>Files are parsed in Spark tasks by HuntLake's own streaming parsers (not Spark's JSON reader),
 * in two passes so that memory stays flat however large the day is. The survey pass yields the
 * audit keys, the rejects and each file's ledger entry (small, kept); duplicate files (same sha256)
 * and duplicate audit events (same auditID and stage, in this batch or stored from another day) are
 * worked out from it, and the ledger must reconcile before anything is written. The write pass then
 * parses each source's files again and streams their rows, minus the duplicates, into one atomic
 * commit per table that replaces the rows of this ingest date; a file whose bytes changed between
 * the passes fails the run. So a rerun gives the same tables, and an event from another day lands
 * in, and stays in, its own event_date partition.
 */
public final class IngestJob {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IngestJob.class);

  /** The event tables share these column names (a test pins it). */
  static final String SOURCE_FILE = AuditEventsTable.SOURCE_FILE;

  static final String INGEST_RUN_ID = AuditEventsTable.INGEST_RUN_ID;

  /**
   * @param sources the sources to ingest; others keep their rows for this date
   * @param allowMissing treat a missing day folder as an empty day instead of failing
   */
  public IngestReport run(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      Set<LogSource> sources,
      boolean allowMissing) {
    long started = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<SourceFile> files = new ArrayList<>();
    for (LogSource source : sources) {
      Optional<List<SourceFile>> listed = InputFiles.list(config, source, date, hadoop);
      if (listed.isEmpty() && !allowMissing) {
        throw Errors.missingInput(
            source.id(),
            config.sourcePath(source).resolve(config.storage().raw(), source, date),
            date.toString());
      }
      files.addAll(listed.orElse(List.of()));
    }

    LOG.info(
        "ingest {}: {} files listed in {} ms",
        date,
        files.size(),
        (System.nanoTime() - started) / 1_000_000);
    // Pass 1, the survey: keys, rejects and ledger entries only; small enough to keep.
    Dataset<Row> survey =
        pass(
                spark,
                files,
                config.ingest(),
                hadoop,
                FileRows.Pass.SURVEY,
                Set.of(),
                Map.of(),
                Envelope.SCHEMA)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Row> parsedLedger =
          survey
              .filter(col(Envelope.KIND).equalTo(Envelope.LEDGER))
              .select(Envelope.LEDGER + ".*")
              .collectAsList();
      LOG.info(
          "ingest {}: files surveyed after {} ms", date, (System.nanoTime() - started) / 1_000_000);
      Set<String> duplicateFiles = duplicateFiles(parsedLedger);
      Map<String, Long> duplicates = new HashMap<>();
      Set<String> drops = Set.of();
      if (sources.contains(LogSource.AUDIT)) {
        Dataset<Row> keys =
            survey.filter(col(Envelope.KIND).equalTo(Envelope.KEY)).select(Envelope.KEY + ".*");
        if (!duplicateFiles.isEmpty()) {
          keys = keys.filter(functions.not(col(SOURCE_FILE).isin(duplicateFiles.toArray())));
        }
        drops = duplicateAuditEvents(spark, config, date, keys, parsedLedger, duplicates);
      }
      List<Row> ledger = reconcile(parsedLedger, duplicateFiles, duplicates);
      LOG.info(
          "ingest {}: duplicates found and ledger reconciled after {} ms",
          date,
          (System.nanoTime() - started) / 1_000_000);
      String runId = runId(date, sources, ledger);
      // Pass 2, per source: parse again and stream the rows into the table's one commit.
      Map<String, String> shaByFile = new HashMap<>();
      for (Row row : ledger) {
        shaByFile.put(
            row.getAs(IngestLedgerTable.SOURCE_FILE), row.getAs(IngestLedgerTable.SHA256));
      }
      for (LogSource source : sources) {
        List<SourceFile> sourceFiles =
            files.stream()
                .filter(f -> f.source() == source && !duplicateFiles.contains(f.path()))
                .toList();
        TableDefinition table = table(source);
        Dataset<Row> rows =
            pass(
                spark,
                sourceFiles,
                config.ingest(),
                hadoop,
                FileRows.Pass.EVENTS,
                drops,
                shaByFile,
                table.schema());
        long start = System.nanoTime();
        LakeTables.replace(
            spark,
            table,
            LakeTables.path(config, table),
            rows.withColumn(INGEST_RUN_ID, lit(runId)),
            "ingest_date = DATE'" + date + "'");
        LOG.info(
            "ingest {}: {} written in {} ms",
            date,
            table.name(),
            (System.nanoTime() - start) / 1_000_000);
      }
      writeRejectsAndLedger(spark, config, date, sources, survey, ledger, runId);
      IngestReport report =
          report(date, runId, sources, ledger, (System.nanoTime() - started) / 1e9);
      RunReports.write(hadoop, config.storage().reports(), "ingest", date, report);
      LOG.info(report.summary());
      return report;
    } finally {
      survey.unpersist();
    }
  }

  /** Uncompressed bytes per parse task beyond which another task is worth its overhead. */
  private static final long BYTES_PER_TASK = 128L * 1024 * 1024;

  private static Dataset<Row> pass(
      SparkSession spark,
      List<SourceFile> files,
      IngestSettings limits,
      Configuration hadoop,
      FileRows.Pass pass,
      Set<String> drops,
      Map<String, String> shaByFile,
      StructType schema) {
    Map<String, String> hadoopSettings = new HashMap<>();
    hadoop.forEach(entry -> hadoopSettings.put(entry.getKey(), entry.getValue()));
    JavaSparkContext context = new JavaSparkContext(spark.sparkContext());
    List<List<SourceFile>> bins = binPack(files, context.defaultParallelism());
    // Broadcast once rather than shipping the (rarely large) drop set with every task.
    org.apache.spark.broadcast.Broadcast<Set<String>> dropped =
        context.broadcast(new HashSet<>(drops));
    Map<String, String> checksums = new HashMap<>(shaByFile);
    JavaRDD<Row> rows =
        context
            .parallelize(bins, Math.max(1, bins.size()))
            .mapPartitions(
                partition -> {
                  Configuration conf = new Configuration(false);
                  hadoopSettings.forEach(conf::set);
                  List<SourceFile> assigned = new ArrayList<>();
                  partition.forEachRemaining(assigned::addAll);
                  return new ChainedFiles(
                      assigned.iterator(),
                      file ->
                          new FileRows(
                              pass,
                              file,
                              limits,
                              conf,
                              dropped.value(),
                              checksums.get(file.path())));
                });
    return spark.createDataFrame(rows, schema);
  }

  /** Parse work grows with uncompressed bytes; compressed logs are typically 8x smaller. */
  private static long estimatedWork(SourceFile file) {
    String name = file.fileName();
    boolean compressed = name.endsWith(".gz") || name.endsWith(".zst") || name.endsWith(".zstd");
    return Math.max(1, compressed ? file.size() * 8 : file.size());
  }

  /**
   * Groups files into tasks of similar size: at least two per core (so a slow file does not idle
   * the others), more for large days; largest file first, each to the lightest task.
   */
  static List<List<SourceFile>> binPack(List<SourceFile> files, int parallelism) {
    long total = files.stream().mapToLong(IngestJob::estimatedWork).sum();
    // At least four tasks per core, in whole waves, so no core idles while one finishes the tail.
    long wanted = Math.max(4L * parallelism, total / BYTES_PER_TASK + 1);
    wanted = (wanted + parallelism - 1) / parallelism * parallelism;
    int tasks = (int) Math.min(files.size(), wanted);
    List<List<SourceFile>> bins = new ArrayList<>();
    long[] load = new long[Math.max(tasks, 0)];
    for (int i = 0; i < tasks; i++) {
      bins.add(new ArrayList<>());
    }
    List<SourceFile> bySize = new ArrayList<>(files);
    bySize.sort(
        Comparator.comparingLong(SourceFile::size).reversed().thenComparing(SourceFile::path));
    for (SourceFile file : bySize) {
      int lightest = 0;
      for (int i = 1; i < tasks; i++) {
        if (load[i] < load[lightest]) {
          lightest = i;
        }
      }
      bins.get(lightest).add(file);
      load[lightest] += estimatedWork(file);
    }
    return bins;
  }

  /** Rows of several files, one file after the other. */
  private static final class ChainedFiles implements Iterator<Row> {
    private final Iterator<SourceFile> files;
    private final java.util.function.Function<SourceFile, FileRows> reader;
    private FileRows current;

    ChainedFiles(
        Iterator<SourceFile> files, java.util.function.Function<SourceFile, FileRows> reader) {
      this.files = files;
      this.reader = reader;
    }

    @Override
    public boolean hasNext() {
      while ((current == null || !current.hasNext()) && files.hasNext()) {
        current = reader.apply(files.next());
      }
      return current != null && current.hasNext();
    }

    @Override
    public Row next() {
      hasNext();
      return current.next();
    }
  }

  /** Later copies (by path) of a file whose bytes were already read this day. */
  private static Set<String> duplicateFiles(List<Row> ledger) {
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
  private static Set<String> duplicateAuditEvents(
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
  private static Optional<Dataset<Row>> storedOnOtherDays(
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
  private static long[] hashes(Dataset<Row> oneLongColumn) {
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

  /** Final ledger rows: rows minus duplicates; every file must satisfy the ledger's equation. */
  private static List<Row> reconcile(
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

  private static void writeRejectsAndLedger(
      SparkSession spark,
      HuntlakeConfig config,
      LocalDate date,
      Set<LogSource> sources,
      Dataset<Row> survey,
      List<Row> ledger,
      String runId) {
    String owned =
        "ingest_date = DATE'"
            + date
            + "' AND source IN ("
            + sources.stream()
                .map(s -> "'" + s.id() + "'")
                .sorted()
                .collect(Collectors.joining(", "))
            + ")";
    Dataset<Row> rejects =
        survey
            .filter(col(Envelope.KIND).equalTo(Envelope.REJECT))
            .select(Envelope.REJECT + ".*")
            .withColumn(RejectsTable.INGEST_RUN_ID, lit(runId));
    LakeTables.replace(
        spark,
        RejectsTable.DEFINITION,
        LakeTables.path(config, RejectsTable.DEFINITION),
        rejects,
        owned);
    // The ledger is written last: its rows for a date mean that date's ingest completed.
    Dataset<Row> ledgerRows =
        spark
            .createDataFrame(ledger, IngestLedgerTable.SCHEMA)
            .withColumn(IngestLedgerTable.INGEST_RUN_ID, lit(runId));
    LakeTables.replace(
        spark,
        IngestLedgerTable.DEFINITION,
        LakeTables.path(config, IngestLedgerTable.DEFINITION),
        ledgerRows,
        owned);
  }

  private static IngestReport report(
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

  static TableDefinition table(LogSource source) {
    return switch (source) {
      case AUDIT -> AuditEventsTable.DEFINITION;
      case CONTAINER -> ContainerLogsTable.DEFINITION;
      case FLOW -> NetworkFlowsTable.DEFINITION;
    };
  }
}
