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
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/** Runs one pass of ingest over files in Spark tasks, bin-packed by their expected work. */
final class FilePasses {
  private FilePasses() {}

  /** Uncompressed bytes per parse task beyond which another task is worth its overhead. */
  static final long BYTES_PER_TASK = 128L * 1024 * 1024;

  /**
   * @param drops for the events pass: the rows of these files not to emit ({@link
   *     Duplicates#DROP_COLUMNS}); they reach each task through a shuffle on the executors, never
   *     through the driver, since a day delivered twice has as many of them as events
   * @param shaByFile for the events pass: the survey's checksum of each file
   * @param redactions where the write pass reports each file's count; null for the survey
   */
  static Dataset<Row> run(
      SparkSession spark,
      List<SourceFile> files,
      IngestSettings limits,
      Configuration hadoop,
      FileRows.Pass pass,
      Optional<Dataset<Row>> drops,
      Map<String, String> shaByFile,
      StructType schema,
      org.apache.spark.util.CollectionAccumulator<String> redactions) {
    Map<String, String> hadoopSettings = new HashMap<>();
    hadoop.forEach(entry -> hadoopSettings.put(entry.getKey(), entry.getValue()));
    JavaSparkContext context = new JavaSparkContext(spark.sparkContext());
    List<List<FileTask>> bins = new ArrayList<>();
    for (List<SourceFile> bin : binPack(files, context.defaultParallelism())) {
      bins.add(bin.stream().map(f -> new FileTask(f, shaByFile.get(f.path()))).toList());
    }
    int tasks = Math.max(1, bins.size());
    FlatMapFunction<Iterator<Tuple2<List<FileTask>, Set<String>>>, Row> parse =
        partition -> {
          Configuration conf = new Configuration(false);
          hadoopSettings.forEach(conf::set);
          List<FileTask> assigned = new ArrayList<>();
          Set<String> dropped = new HashSet<>();
          partition.forEachRemaining(
              task -> {
                assigned.addAll(task._1());
                dropped.addAll(task._2());
              });
          return new ChainedFiles(
              assigned.iterator(),
              task ->
                  new FileRows(
                      pass,
                      task.file(),
                      limits,
                      conf,
                      dropped,
                      task.sha256(),
                      (path, count) -> {
                        if (redactions != null) {
                          redactions.add(redactionEntry(path, count));
                        }
                      }));
        };
    JavaRDD<Tuple2<List<FileTask>, Set<String>>> work =
        drops.isPresent()
            ? withTheirDrops(context, bins, drops.get())
            : context.parallelize(bins, tasks).map(bin -> new Tuple2<>(bin, Set.<String>of()));
    JavaRDD<Row> rows = work.mapPartitions(parse);
    // Rows go to Spark as its own rows, converted by a plan made for the schema.
    CatalystRows catalyst = new CatalystRows(schema);
    return spark.internalCreateDataFrame(rows.map(catalyst::convert).rdd(), schema, false);
  }

  /**
   * Each bin with the drop keys of its files, one bin per partition. The drops go to their file's
   * task through a shuffle: bin i is key i, which the partitioner puts in partition i.
   */
  private static JavaRDD<Tuple2<List<FileTask>, Set<String>>> withTheirDrops(
      JavaSparkContext context, List<List<FileTask>> bins, Dataset<Row> drops) {
    Map<String, Integer> binByFile = new HashMap<>();
    List<Tuple2<Integer, List<FileTask>>> indexed = new ArrayList<>();
    for (int i = 0; i < bins.size(); i++) {
      indexed.add(new Tuple2<>(i, bins.get(i)));
      for (FileTask task : bins.get(i)) {
        binByFile.put(task.file().path(), i);
      }
    }
    org.apache.spark.broadcast.Broadcast<Map<String, Integer>> binOf = context.broadcast(binByFile);
    JavaPairRDD<Integer, String> dropsByBin =
        drops
            .select(Duplicates.DROP_COLUMNS.stream().map(functions::col).toArray(Column[]::new))
            .javaRDD()
            .filter(row -> binOf.value().containsKey(row.getString(0)))
            .mapToPair(
                row ->
                    new Tuple2<>(
                        binOf.value().get(row.getString(0)),
                        Envelope.dropKey(row.getString(0), row.getLong(1), row.getString(2))));
    int tasks = Math.max(1, bins.size());
    return context
        .parallelizePairs(indexed, tasks)
        .cogroup(dropsByBin, new HashPartitioner(tasks))
        .values()
        .map(
            both -> {
              List<FileTask> bin = new ArrayList<>();
              both._1().forEach(bin::addAll);
              Set<String> keys = new HashSet<>();
              both._2().forEach(keys::add);
              return new Tuple2<>(bin, keys);
            });
  }

  /** A file to read in a task, with the checksum the survey recorded for it (events pass). */
  record FileTask(SourceFile file, String sha256) implements java.io.Serializable {}

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
    private final Iterator<FileTask> files;
    private final java.util.function.Function<FileTask, FileRows> reader;
    private FileRows current;

    ChainedFiles(Iterator<FileTask> files, java.util.function.Function<FileTask, FileRows> reader) {
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
