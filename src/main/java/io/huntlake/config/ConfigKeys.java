package io.huntlake.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every config key HuntLake reads, with its type, default and meaning. The README's configuration
 * reference and jobs/huntlake.yaml document exactly these keys (a test keeps them in step).
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final ConfigKey STORAGE_RAW =
      ConfigKey.of(
          "storage.raw",
          ValueType.STORAGE_URI,
          "demo-work/raw",
          "Root of the archived raw logs (read only). Relative paths are resolved against the"
              + " directory the command runs in.");
  public static final ConfigKey STORAGE_LAKE =
      ConfigKey.of(
          "storage.lake",
          ValueType.STORAGE_URI,
          "demo-work/lake",
          "Root of the Delta tables HuntLake writes, one folder per table.");
  public static final ConfigKey STORAGE_ARCHIVE =
      ConfigKey.of(
          "storage.archive",
          ValueType.STORAGE_URI,
          "demo-work/archive",
          "Root of the verified long-term archive.");
  public static final ConfigKey STORAGE_REPORTS =
      ConfigKey.of(
          "storage.reports",
          ValueType.STORAGE_URI,
          "demo-work/reports",
          "Where run reports (JSON) and HTML reports are written.");

  public static final ConfigKey SOURCE_AUDIT_PATH = sourcePath(LogSource.AUDIT);
  public static final ConfigKey SOURCE_CONTAINER_PATH = sourcePath(LogSource.CONTAINER);
  public static final ConfigKey SOURCE_FLOW_PATH = sourcePath(LogSource.FLOW);

  public static final ConfigKey SOURCE_AUDIT_ENABLED = sourceEnabled(LogSource.AUDIT);
  public static final ConfigKey SOURCE_CONTAINER_ENABLED = sourceEnabled(LogSource.CONTAINER);
  public static final ConfigKey SOURCE_FLOW_ENABLED = sourceEnabled(LogSource.FLOW);

  public static final ConfigKey SOURCE_AUDIT_FORMAT =
      ConfigKey.choice(
          "sources.audit.format",
          java.util.List.of(
              "auto", "k8s-audit-log", "k8s-audit-eventlist", "eks-cloudwatch", "aks-diagnostic"),
          "auto",
          "Audit format; auto detects it per line. Lines of any other format are then rejected.");
  public static final ConfigKey SOURCE_CONTAINER_FORMAT =
      ConfigKey.choice(
          "sources.container.format",
          java.util.List.of("auto", "cri", "docker-json", "fluent-bit"),
          "auto",
          "Container log format; auto detects it per line.");
  public static final ConfigKey SOURCE_FLOW_FORMAT =
      ConfigKey.choice(
          "sources.flow.format",
          java.util.List.of("auto", "hubble", "vpc-flow-v2", "vpc-flow-custom"),
          "auto",
          "Flow log format; auto detects it per line (VPC fields come from the header line).");

  public static final ConfigKey INGEST_MAX_LINE_BYTES =
      ConfigKey.of(
          "ingest.max_line_bytes",
          ValueType.POSITIVE_INTEGER,
          String.valueOf(16 * 1024 * 1024),
          "A longer input line is rejected without being parsed (its start is kept in rejects).");
  public static final ConfigKey INGEST_MAX_RECORD_BYTES =
      ConfigKey.of(
          "ingest.max_record_bytes",
          ValueType.POSITIVE_INTEGER,
          String.valueOf(1024 * 1024),
          "A container log line joined from partial records is cut at this size and flagged truncated.");
  public static final ConfigKey INGEST_REJECT_RAW_CHARS =
      ConfigKey.of(
          "ingest.reject_raw_chars",
          ValueType.POSITIVE_INTEGER,
          "4096",
          "Characters of a rejected line kept in the rejects table.");

  public static final ConfigKey CLUSTER =
      ConfigKey.of(
          "cluster",
          ValueType.NAME,
          "default",
          "Cluster name for files whose path has no cluster=<name> segment.");

  public static final ConfigKey SPARK_MASTER =
      ConfigKey.of(
          "spark.master",
          ValueType.SPARK_MASTER,
          null,
          "Spark master. Unset: the master spark-submit was given, else local[*]. --master"
              + " overrides it.");

  /** Prefix of free-form Spark settings: spark.conf.spark.sql.shuffle.partitions: 8 */
  public static final String SPARK_CONF_PREFIX = "spark.conf.";

  public static final ConfigKey S3_ENDPOINT =
      ConfigKey.of(
          "s3.endpoint",
          ValueType.STRING,
          null,
          "S3 endpoint for s3a:// URIs (host[:port] or URL). Unset: AWS S3.");
  public static final ConfigKey S3_PATH_STYLE_ACCESS =
      ConfigKey.of(
          "s3.path_style_access",
          ValueType.BOOLEAN,
          "false",
          "Use path-style requests (needed by most S3-compatible servers).");
  public static final ConfigKey S3_SSL_ENABLED =
      ConfigKey.of("s3.ssl_enabled", ValueType.BOOLEAN, "true", "Use HTTPS to reach the endpoint.");
  public static final ConfigKey S3_REGION =
      ConfigKey.of("s3.region", ValueType.STRING, null, "S3 region. Unset: the SDK's default.");
  public static final ConfigKey S3_CREDENTIALS_PROVIDER =
      ConfigKey.of(
          "s3.credentials_provider",
          ValueType.STRING,
          null,
          "Comma-separated AWS credentials provider classes. Unset: s3a's default chain"
              + " (keys below, environment, instance role).");
  public static final ConfigKey S3_ACCESS_KEY =
      ConfigKey.secret(
          "s3.access_key", "Access key; write ${env:NAME} to read it from the environment.");
  public static final ConfigKey S3_SECRET_KEY =
      ConfigKey.secret(
          "s3.secret_key", "Secret key; write ${env:NAME} to read it from the environment.");

  private static final Map<String, ConfigKey> BY_NAME = index();

  /** Every fixed key, in documentation order. */
  public static List<ConfigKey> all() {
    return List.copyOf(BY_NAME.values());
  }

  public static Optional<ConfigKey> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Keys that hold an open map of settings below them. */
  public static List<String> openPrefixes() {
    return List.of(SPARK_CONF_PREFIX);
  }

  public static ConfigKey sourceEnabled(LogSource source) {
    return ConfigKey.of(
        "sources." + source.id() + ".enabled",
        ValueType.BOOLEAN,
        "true",
        "Whether ingest and the daily pipeline read " + source.id() + " logs at all.");
  }

  public static ConfigKey sourceFormat(LogSource source) {
    return switch (source) {
      case AUDIT -> SOURCE_AUDIT_FORMAT;
      case CONTAINER -> SOURCE_CONTAINER_FORMAT;
      case FLOW -> SOURCE_FLOW_FORMAT;
    };
  }

  public static ConfigKey sourcePath(LogSource source) {
    return ConfigKey.of(
        "sources." + source.id() + ".path",
        ValueType.PATH_TEMPLATE,
        "{raw}/" + source.id() + "/dt={date}",
        "Where the " + source.id() + " logs of one day are; every file below it is read.");
  }

  private static Map<String, ConfigKey> index() {
    List<ConfigKey> keys = new ArrayList<>();
    Collections.addAll(
        keys,
        STORAGE_RAW,
        STORAGE_LAKE,
        STORAGE_ARCHIVE,
        STORAGE_REPORTS,
        SOURCE_AUDIT_PATH,
        SOURCE_CONTAINER_PATH,
        SOURCE_FLOW_PATH,
        SOURCE_AUDIT_ENABLED,
        SOURCE_CONTAINER_ENABLED,
        SOURCE_FLOW_ENABLED,
        SOURCE_AUDIT_FORMAT,
        SOURCE_CONTAINER_FORMAT,
        SOURCE_FLOW_FORMAT,
        INGEST_MAX_LINE_BYTES,
        INGEST_MAX_RECORD_BYTES,
        INGEST_REJECT_RAW_CHARS,
        CLUSTER,
        SPARK_MASTER,
        S3_ENDPOINT,
        S3_PATH_STYLE_ACCESS,
        S3_SSL_ENABLED,
        S3_REGION,
        S3_CREDENTIALS_PROVIDER,
        S3_ACCESS_KEY,
        S3_SECRET_KEY);
    Map<String, ConfigKey> byName = new LinkedHashMap<>();
    keys.forEach(key -> byName.put(key.name(), key));
    return Collections.unmodifiableMap(byName);
  }
}
