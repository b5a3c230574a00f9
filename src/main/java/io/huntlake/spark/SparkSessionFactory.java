package io.huntlake.spark;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.config.S3Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a HuntLake command uses: Delta enabled, UTC, s3a configured from
 * {@link S3Settings}, and small-machine defaults when running locally. The master is never
 * hard-coded: an explicit one (flag or config) wins, then whatever spark-submit set, then {@code
 * local[*]}.
 */
public final class SparkSessionFactory {
  /** The master used when neither the config, a flag nor spark-submit names one. */
  public static final String DEFAULT_LOCAL_MASTER = "local[*]";

  private SparkSessionFactory() {}

  /**
   * Gets or creates the session for this JVM.
   *
   * @param masterOverride a --master flag, which beats the config
   */
  public static SparkSession create(
      HuntlakeConfig config, String appName, Optional<String> masterOverride) {
    SparkConf submitted = new SparkConf(); // picks up spark.* system properties from spark-submit
    Optional<String> master = masterOverride.or(() -> config.spark().master());
    String effectiveMaster =
        master.orElse(
            submitted.contains("spark.master")
                ? submitted.get("spark.master")
                : DEFAULT_LOCAL_MASTER);

    boolean local = effectiveMaster.startsWith("local");
    Map<String, String> settings = settings(config, local, submitted);
    if (!local && !submitted.contains("spark.jars") && !settings.containsKey("spark.jars")) {
      // A session this JVM starts on a cluster (client mode) must ship HuntLake's code itself.
      settings.put("spark.jars", ExecutorJars.of(config.storage(), effectiveMaster));
    }
    SparkSession.Builder builder = SparkSession.builder().appName(appName).master(effectiveMaster);
    settings.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    // getOrCreate ignores context-level settings when a session already exists (notebooks, tests,
    // a second command in one JVM): apply the storage settings to its Hadoop configuration
    // directly.
    String hadoopPrefix = "spark.hadoop.";
    s3aSettings(config.s3())
        .forEach(
            (key, value) ->
                spark
                    .sparkContext()
                    .hadoopConfiguration()
                    .set(key.substring(hadoopPrefix.length()), value));
    return spark;
  }

  /** Every setting the factory applies, in order: ours, then the user's spark.conf.* last. */
  static Map<String, String> settings(HuntlakeConfig config, boolean local, SparkConf submitted) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    settings.put(
        "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    // Dates in every table come from event timestamps in UTC, never the machine's zone.
    settings.put("spark.sql.session.timeZone", "UTC");
    settings.put("spark.sql.parquet.compression.codec", "zstd");
    // Level 1 wrote the same size as the default 3 on audit data, in about half the time.
    settings.put("spark.hadoop.parquet.compression.codec.zstd.level", "1");
    // Rows built in Java carry java.time values (LocalDate, Instant), never java.sql ones.
    settings.put("spark.sql.datetime.java8API.enabled", "true");
    // Delta answers min/max of a column from the log's statistics with java.sql.Date values, which
    // fail with the java.time API above (ClassCastException on SELECT max(event_date) ...).
    settings.put("spark.databricks.delta.optimizeMetadataQuery.enabled", "false");
    // Times are proleptic Gregorian everywhere (java.time, Spark 3): write and read them as they
    // are, instead of failing a whole write on a date before 1582 (WRITE_ANCIENT_DATETIME).
    // Ingest keeps implausible times out of the tables anyway (ingest.event_days_*).
    for (String mode :
        List.of(
            "spark.sql.parquet.datetimeRebaseModeInWrite",
            "spark.sql.parquet.datetimeRebaseModeInRead",
            "spark.sql.parquet.int96RebaseModeInWrite",
            "spark.sql.parquet.int96RebaseModeInRead")) {
      settings.put(mode, "CORRECTED");
    }
    settings.put("spark.sql.adaptive.enabled", "true");
    // Delta rebuilds a table's state from its log in this many tasks each time it reads a new
    // version (default 50). HuntLake's logs stay small (maintain compacts every partition to a
    // file or two and checkpoints), so on a cluster 50 meant stages of empty tasks for every table
    // read: dozens of such stages per step.
    putUnlessSubmitted(
        settings, submitted, "spark.databricks.delta.snapshotPartitions", local ? "4" : "8");
    // A task writes rows of one or two event_date partitions: keeping a writer open per partition
    // avoids sorting every row by partition before a write (the sort dominated ingest's write).
    settings.put("spark.sql.maxConcurrentOutputFileWriters", "16");
    if (local) {
      putUnlessSubmitted(settings, submitted, "spark.ui.enabled", "false");
      // `huntlake sql` registers the lake's tables in Spark's in-memory catalog, which creates
      // its default database folder on first use: keep that out of the directory a user runs in.
      putUnlessSubmitted(
          settings,
          submitted,
          "spark.sql.warehouse.dir",
          Path.of(System.getProperty("java.io.tmpdir"), "huntlake-spark-warehouse").toString());
      putUnlessSubmitted(settings, submitted, "spark.driver.host", "127.0.0.1");
      putUnlessSubmitted(settings, submitted, "spark.driver.bindAddress", "127.0.0.1");
      // Sized for a laptop or a 2-core CI box; a cluster uses Spark's and its own defaults.
      int cores = Runtime.getRuntime().availableProcessors();
      putUnlessSubmitted(
          settings,
          submitted,
          "spark.sql.shuffle.partitions",
          String.valueOf(Math.max(4, cores * 2)));
      putUnlessSubmitted(
          settings, submitted, "spark.default.parallelism", String.valueOf(Math.max(2, cores)));
      putUnlessSubmitted(
          settings, submitted, "spark.sql.sources.parallelPartitionDiscovery.parallelism", "4");
      putUnlessSubmitted(
          settings, submitted, "spark.sql.adaptive.coalescePartitions.enabled", "true");
    }
    s3aSettings(config.s3()).forEach(settings::put);
    settings.putAll(config.spark().conf());
    return settings;
  }

  /**
   * The Hadoop configuration a session would give its file systems (s3a settings, then the user's
   * spark.hadoop.* settings), for commands that only list storage and need no Spark session.
   */
  public static org.apache.hadoop.conf.Configuration hadoopConfiguration(HuntlakeConfig config) {
    org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
    String prefix = "spark.hadoop.";
    Map<String, String> settings = new LinkedHashMap<>(s3aSettings(config.s3()));
    settings.putAll(config.spark().conf());
    settings.forEach(
        (key, value) -> {
          if (key.startsWith(prefix)) {
            hadoop.set(key.substring(prefix.length()), value);
          }
        });
    return hadoop;
  }

  /** The Hadoop s3a properties for these settings (spark.hadoop.* so Spark passes them on). */
  static Map<String, String> s3aSettings(S3Settings s3) {
    Map<String, String> hadoop = new LinkedHashMap<>();
    String prefix = "spark.hadoop.fs.s3a.";
    s3.endpoint().ifPresent(endpoint -> hadoop.put(prefix + "endpoint", endpoint));
    hadoop.put(prefix + "path.style.access", String.valueOf(s3.pathStyleAccess()));
    hadoop.put(prefix + "connection.ssl.enabled", String.valueOf(s3.sslEnabled()));
    s3.region().ifPresent(region -> hadoop.put(prefix + "endpoint.region", region));
    s3.credentialsProvider()
        .ifPresent(provider -> hadoop.put(prefix + "aws.credentials.provider", provider));
    s3.accessKey().ifPresent(key -> hadoop.put(prefix + "access.key", key));
    s3.secretKey().ifPresent(key -> hadoop.put(prefix + "secret.key", key));
    // Fail fast on an unreachable endpoint instead of s3a's default minutes of retries.
    hadoop.put(prefix + "attempts.maximum", "3");
    hadoop.put(prefix + "retry.limit", "3");
    hadoop.put(prefix + "connection.establish.timeout", "5000");
    hadoop.put(prefix + "connection.timeout", "20000");
    return hadoop;
  }

  private static void putUnlessSubmitted(
      Map<String, String> settings, SparkConf submitted, String key, String value) {
    if (!submitted.contains(key)) {
      settings.put(key, value);
    }
  }
}
