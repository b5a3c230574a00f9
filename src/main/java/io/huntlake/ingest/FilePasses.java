package io.huntlake.ingest;

import io.huntlake.config.IngestSettings;
import io.huntlake.source.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Runs one pass of ingest over files in Spark tasks, bin-packed by their expected work. */
final class FilePasses {
  private FilePasses() {}

  /** Uncompressed bytes per parse task beyond which another task is worth its overhead. */
  static final long BYTES_PER_TASK = 128L * 1024 * 1024;

  static Dataset<Row> run(
      SparkSession spark,
      List<SourceFile> files,
      IngestSettings limits,
      Configuration hadoop,
      FileRows.Pass pass,
      Set<String> drops,
      Map<String, String> shaByFile,
      StructType schema,
      org.apache.spark.util.CollectionAccumulator<String> redactions) {
    // redactions: where the write pass reports each file's count; null for the survey.
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
                              checksums.get(file.path()),
                              (path, count) -> {
                                if (redactions != null) {
                                  redactions.add(redactionEntry(path, count));
                                }
                              }));
                });
    return spark.createDataFrame(rows, schema);
  }

  /** One file's redaction count, as the write pass reports it through an accumulator. */
  static String redactionEntry(String file, long count) {
    return count + "\u0000" + file;
  }

  /**
   * Redactions per file from the accumulator's entries. A file's count is the same however often
   * Spark evaluates its task, so a repeated entry is taken once (the largest), never summed.
   */
  static Map<String, Long> redactionsPerFile(List<String> entries) {
    Map<String, Long> counts = new HashMap<>();
    for (String entry : entries) {
      int split = entry.indexOf('\u0000');
      counts.merge(
          entry.substring(split + 1), Long.parseLong(entry.substring(0, split)), Math::max);
    }
    return counts;
  }

  /** Parse work grows with uncompressed bytes; compressed logs are typically 8x smaller. */
  static long estimatedWork(SourceFile file) {
    String name = file.fileName();
    boolean compressed = name.endsWith(".gz") || name.endsWith(".zst") || name.endsWith(".zstd");
    return Math.max(1, compressed ? file.size() * 8 : file.size());
  }

  /**
   * Groups files into tasks of similar size: at least two per core (so a slow file does not idle
   * the others), more for large days; largest file first, each to the lightest task.
   */
  static List<List<SourceFile>> binPack(List<SourceFile> files, int parallelism) {
    long total = files.stream().mapToLong(FilePasses::estimatedWork).sum();
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
  static final class ChainedFiles implements Iterator<Row> {
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
}
