package io.huntlake.config;

import io.huntlake.source.LogSource;
import io.huntlake.table.HuntlakeTables;
import io.huntlake.table.TableDefinition;
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
  public static final ConfigKey INGEST_MAX_REJECTS_PER_FILE =
      ConfigKey.of(
          "ingest.max_rejects_per_file",
          ValueType.POSITIVE_INTEGER,
          "10000",
          "After this many rejected lines a file is no longer parsed: its remaining lines are"
              + " counted as one reject row and the ledger says so.");
  public static final ConfigKey INGEST_EVENT_DAYS_BEFORE =
      ConfigKey.of(
          "ingest.event_days_before",
          ValueType.POSITIVE_INTEGER,
          "400",
          "An event timed more than this many days before its folder's day is rejected as"
              + " implausible.");
  public static final ConfigKey INGEST_EVENT_DAYS_AFTER =
      ConfigKey.of(
          "ingest.event_days_after",
          ValueType.POSITIVE_INTEGER,
          "2",
          "An event timed more than this many days after its folder's day is rejected as"
              + " implausible.");
  public static final ConfigKey INGEST_FOLLOW_LINKS =
      ConfigKey.of(
          "ingest.follow_links",
          ValueType.BOOLEAN,
          "false",
          "Read symbolic links in a local day folder; off, they are skipped and the ledger says"
              + " so.");
  public static final ConfigKey INGEST_MAX_SHRINK =
      ConfigKey.of(
          "ingest.max_shrink",
          ValueType.NON_NEGATIVE_NUMBER,
          "0.5",
          "Share of a day's rows (as the ledger last recorded, per source) an ingest may drop"
              + " before it refuses to commit; --allow-shrink overrides it.");

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

  public static final ConfigKey BASELINE_WINDOW_DAYS =
      ConfigKey.of(
          "baseline.window_days",
          ValueType.POSITIVE_INTEGER,
          "14",
          "Days of history a baseline summarises: the window ends the day before the scored day.");
  public static final ConfigKey BASELINE_MIN_DAYS =
      ConfigKey.of(
          "baseline.min_days",
          ValueType.POSITIVE_INTEGER,
          "5",
          "Days an entity must have been seen in the window to be compared with its own past;"
              + " with fewer it is scored as new, against its peers. A cluster with fewer days of"
              + " history in all is warming up and not scored.");

  public static final ConfigKey SCORE_ALERT_THRESHOLD =
      ConfigKey.of(
          "score.alert_threshold",
          ValueType.POSITIVE_NUMBER,
          "50",
          "Scores at or above it are alerts (anomaly_scores.alert); 0-100.");
  public static final ConfigKey SCORE_WEIGHT_DEVIATION =
      weight("deviation", "1.0", "a feature far above the entity's (or its peers') median");
  public static final ConfigKey SCORE_WEIGHT_NOVELTY =
      weight("novelty", "0.8", "something the entity has not done in the window, or a new entity");
  public static final ConfigKey SCORE_WEIGHT_PEER_RARITY =
      weight("peer_rarity", "0.7", "a new behaviour that few of the entity's peers show");
  public static final ConfigKey SCORE_WEIGHT_VOLUME =
      weight("volume", "0.8", "a volume (requests, log bytes, flows) many times its median");
  public static final ConfigKey SCORE_DEVIATION_MIN_Z =
      ConfigKey.of(
          "score.deviation.min_z",
          ValueType.POSITIVE_NUMBER,
          "3",
          "Robust z-score ((value - median) / (1.4826 MAD)) below which a feature is normal.");
  public static final ConfigKey SCORE_DEVIATION_FULL_Z =
      ConfigKey.of(
          "score.deviation.full_z",
          ValueType.POSITIVE_NUMBER,
          "15",
          "Robust z-score at which a deviation counts in full; strength grows linearly from min_z.");
  public static final ConfigKey SCORE_DEVIATION_MIN_SCALE =
      ConfigKey.of(
          "score.deviation.min_scale",
          ValueType.POSITIVE_NUMBER,
          "2",
          "Smallest spread assumed for a count feature, so that 0 -> 1 on a flat history is not an"
              + " anomaly.");
  public static final ConfigKey SCORE_DEVIATION_MIN_SCALE_RATIO =
      ConfigKey.of(
          "score.deviation.min_scale_ratio",
          ValueType.POSITIVE_NUMBER,
          "0.05",
          "Smallest spread assumed for a ratio feature (write_ratio, denied_ratio).");
  public static final ConfigKey SCORE_DEVIATION_RELATIVE_SCALE =
      ConfigKey.of(
          "score.deviation.relative_scale",
          ValueType.POSITIVE_NUMBER,
          "0.1",
          "Smallest spread as a share of the median, so that busy, steady entities are not"
              + " flagged for small wobbles.");
  public static final ConfigKey SCORE_NOVELTY_FULL_KEYS =
      ConfigKey.of(
          "score.novelty.full_keys",
          ValueType.POSITIVE_NUMBER,
          "4",
          "New keys of one set feature at which novelty counts in full.");
  public static final ConfigKey SCORE_NOVELTY_SENSITIVE_WEIGHT =
      ConfigKey.of(
          "score.novelty.sensitive_weight",
          ValueType.POSITIVE_NUMBER,
          "2",
          "A new sensitive operation (secret reads, exec, RBAC writes, tokens, deleting events, ...)"
              + " counts as this many new keys.");
  public static final ConfigKey SCORE_NOVELTY_NEW_ENTITY =
      ConfigKey.of(
          "score.novelty.new_entity",
          ValueType.NON_NEGATIVE_NUMBER,
          "0.25",
          "Strength (0-1) of the reason 'new entity' for one seen on fewer than baseline.min_days.");
  public static final ConfigKey SCORE_PEER_MAX_SHARE =
      ConfigKey.of(
          "score.peer.max_share",
          ValueType.POSITIVE_NUMBER,
          "0.2",
          "A key is rare when at most this share of the peer group had it in the window.");
  public static final ConfigKey SCORE_PEER_MIN_PEERS =
      ConfigKey.of(
          "score.peer.min_peers",
          ValueType.POSITIVE_INTEGER,
          "3",
          "Peer groups smaller than this are not used for rarity (too few to say what is rare).");
  public static final ConfigKey SCORE_VOLUME_MIN_RATIO =
      ConfigKey.of(
          "score.volume.min_ratio",
          ValueType.POSITIVE_NUMBER,
          "5",
          "A volume feature at this multiple of its median starts to count.");
  public static final ConfigKey SCORE_VOLUME_FULL_RATIO =
      ConfigKey.of(
          "score.volume.full_ratio",
          ValueType.POSITIVE_NUMBER,
          "50",
          "Multiple of the median at which a volume change counts in full (log scale between).");

  public static final ConfigKey DETECT_RULES_DIR =
      ConfigKey.of(
          "detect.rules_dir",
          ValueType.STRING,
          null,
          "A local folder of your own rule files (*.yaml), run after the built-in catalogue."
              + " Unset: built-in rules only.");
  public static final ConfigKey DETECT_DISABLED_RULES =
      ConfigKey.of(
          "detect.disabled_rules",
          ValueType.LIST,
          "",
          "Rule ids that detect and backtest skip (huntlake rules list shows the ids).");
  public static final ConfigKey DETECT_EVIDENCE_LIMIT =
      ConfigKey.of(
          "detect.evidence_limit",
          ValueType.POSITIVE_INTEGER,
          "20",
          "Most evidence ids (audit ids, flow keys, log references) kept per finding.");
  public static final ConfigKey DETECT_TRUSTED_REGISTRIES =
      ConfigKey.of(
          "detect.trusted_registries",
          ValueType.LIST,
          "",
          "Image registries (and path prefixes, e.g. ghcr.io/corp) your workloads may pull from."
              + " Empty: the untrusted-registry rule stays silent.");
  public static final ConfigKey DETECT_CLUSTER_CIDRS =
      ConfigKey.of(
          "detect.cluster_cidrs",
          ValueType.LIST,
          "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,127.0.0.0/8,fc00::/7,::1/128",
          "Address ranges of your nodes, pods and internal clients: service-account and node"
              + " credentials used from elsewhere raise a finding.");
  public static final ConfigKey DETECT_ALLOW_IDENTITIES = allow("identities", "user names");
  public static final ConfigKey DETECT_ALLOW_NAMESPACES = allow("namespaces", "namespaces");
  public static final ConfigKey DETECT_ALLOW_IMAGES = allow("images", "container images");
  public static final ConfigKey DETECT_ALLOW_CIDRS =
      ConfigKey.of(
          "detect.allow.cidrs",
          ValueType.LIST,
          "",
          "Address ranges whose matches every rule lowers to info: API clients (audit) and flow"
              + " destinations.");
  public static final ConfigKey DETECT_ALLOW_USER_AGENTS = allow("user_agents", "user agents");

  public static final ConfigKey GAPS_LOW_RATIO =
      ConfigKey.of(
          "gaps.low_ratio",
          ValueType.POSITIVE_NUMBER,
          "0.2",
          "An hour whose events are below this share of the same hour's median over the baseline"
              + " window is a low-delivery gap (delivery_gaps); below 1.");
  public static final ConfigKey GAPS_MIN_EXPECTED_EVENTS =
      ConfigKey.of(
          "gaps.min_expected_events",
          ValueType.POSITIVE_INTEGER,
          "50",
          "Hours expected to hold fewer events than this are too quiet to call low (an empty hour"
              + " is still a gap).");
  public static final ConfigKey GAPS_OUTSIDE_DAY_TOLERANCE_MINUTES =
      ConfigKey.of(
          "gaps.outside_day_tolerance_minutes",
          ValueType.POSITIVE_INTEGER,
          "60",
          "A file whose events start this long before its folder's day, or end this long after"
              + " it, is reported as misplaced (late flushes around midnight are normal).");

  public static final ConfigKey VOLUME_MAX_TALKERS =
      ConfigKey.of(
          "volume.max_talkers",
          ValueType.POSITIVE_INTEGER,
          "2000",
          "Talkers log_volume_daily keeps per day, cluster and source, biggest first; the rest are"
              + " summed in one other_talkers row (a client with a random user agent per request"
              + " must not add a row per request).");
  public static final ConfigKey VOLUME_JUMP_RATIO =
      ConfigKey.of(
          "volume.jump_ratio",
          ValueType.POSITIVE_NUMBER,
          "10",
          "A talker's day holding this many times its median bytes of the 14 days before is an"
              + " anomalous volume day in the report.");
  public static final ConfigKey VOLUME_JUMP_MIN_EVENTS =
      ConfigKey.of(
          "volume.jump_min_events",
          ValueType.POSITIVE_INTEGER,
          "1000",
          "Jumps of talkers with fewer events than this on the day are not reported (a quiet"
              + " workload doubling is not a capacity event).");
  public static final ConfigKey VOLUME_FORECAST_HISTORY_DAYS =
      ConfigKey.of(
          "volume.forecast_history_days",
          ValueType.POSITIVE_INTEGER,
          "120",
          "Days of history the forecast fits; older days describe an estate that no longer"
              + " exists. At least 7 (a trend); 21 or more also fit the weekly pattern.");

  public static final ConfigKey MAINTAIN_TARGET_FILE_MB =
      ConfigKey.of(
          "maintain.target_file_mb",
          ValueType.POSITIVE_INTEGER,
          "128",
          "Size compaction aims for per file (Delta OPTIMIZE); also the size of archive files.");
  public static final ConfigKey MAINTAIN_VACUUM_RETENTION_HOURS =
      ConfigKey.of(
          "maintain.vacuum_retention_hours",
          ValueType.POSITIVE_INTEGER,
          String.valueOf(MaintainSettings.MIN_VACUUM_RETENTION_HOURS),
          "VACUUM deletes files a table stopped using at least this long ago; time travel and"
              + " running readers need them until then. At least "
              + MaintainSettings.MIN_VACUUM_RETENTION_HOURS
              + ".");
  public static final ConfigKey ARCHIVE_RAW_FILES =
      ConfigKey.of(
          "archive.raw_files",
          ValueType.BOOLEAN,
          "false",
          "Also copy the day's raw input files to the archive, checked against the sha256 the"
              + " ingest ledger recorded (chain of custody).");

  // Retention per table: how many days (up to the maintained date) stay in the hot table.
  /**
   * The retention keys, retention.TABLE for every table maintain expires (every registered table
   * not kept whole), with the default its kind of data has.
   */
  public static final List<ConfigKey> RETENTION_KEYS =
      HuntlakeTables.ALL.stream()
          .filter(TableDefinition::maintained)
          .map(table -> retention(table))
          .toList();

  /** Whether a retention key's floor follows the baseline window (daily summaries). */
  public static boolean isDailyRetention(ConfigKey key) {
    return HuntlakeTables.ALL.stream()
        .anyMatch(
            table ->
                table.retention() == TableDefinition.Retention.DAILY
                    && key.name().equals(RETENTION_PREFIX + table.name()));
  }

  public static final String RETENTION_PREFIX = "retention.";

  private static ConfigKey retention(TableDefinition table) {
    return switch (table.retention()) {
      case RAW_EVENTS ->
          retention(
              table.name(),
              "30",
              "raw events; older days are archived, verified, then deleted. At least "
                  + MaintainSettings.MIN_EVENT_RETENTION_DAYS);
      case DAILY ->
          retention(
              table.name(),
              "400",
              "daily summaries outlive raw events; at least baseline.window_days + "
                  + MaintainSettings.DAILY_RETENTION_MARGIN_DAYS);
      case RESULTS ->
          retention(
              table.name(),
              "forever",
              "or forever; at least " + MaintainSettings.MIN_EVENT_RETENTION_DAYS);
      case KEPT -> throw new IllegalArgumentException(table.name() + " is never expired");
    };
  }

  private static ConfigKey retention(String table, String days, String which) {
    return ConfigKey.of(
        RETENTION_PREFIX + table,
        ValueType.RETENTION,
        days,
        "Days of " + table + " kept hot, up to the maintained date (" + which + ").");
  }

  /** Per-rule allowlists: detect.suppress.RULE_ID.(identities|namespaces|images|cidrs|...). */
  public static final String DETECT_SUPPRESS_PREFIX = "detect.suppress.";

  /** Rule parameter overrides: detect.params.RULE_ID.NAME. */
  public static final String DETECT_PARAMS_PREFIX = "detect.params.";

  private static ConfigKey allow(String field, String what) {
    return ConfigKey.of(
        "detect.allow." + field,
        ValueType.LIST,
        "",
        "Glob patterns (* matches anything) of "
            + what
            + " whose matches every rule lowers to info, recording the entry in the finding.");
  }

  private static ConfigKey weight(String kind, String defaultValue, String what) {
    return ConfigKey.of(
        "score.weights." + kind,
        ValueType.NON_NEGATIVE_NUMBER,
        defaultValue,
        "Weight of " + kind + " reasons (" + what + "); 0 turns them off.");
  }

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
    return List.of(SPARK_CONF_PREFIX, DETECT_SUPPRESS_PREFIX, DETECT_PARAMS_PREFIX);
  }

  /** sources.ID.path, sources.ID.enabled and sources.ID.format of every source, in that order. */
  private static List<ConfigKey> sourceKeys() {
    List<ConfigKey> keys = new ArrayList<>();
    for (LogSource source : LogSource.values()) {
      keys.add(sourcePath(source));
    }
    for (LogSource source : LogSource.values()) {
      keys.add(sourceEnabled(source));
    }
    for (LogSource source : LogSource.values()) {
      keys.add(sourceFormat(source));
    }
    return keys;
  }

  public static ConfigKey sourceEnabled(LogSource source) {
    return ConfigKey.of(
        "sources." + source.id() + ".enabled",
        ValueType.BOOLEAN,
        String.valueOf(source.enabledByDefault()),
        "Whether ingest and the daily pipeline read " + source.id() + " logs at all.");
  }

  public static ConfigKey sourceFormat(LogSource source) {
    List<String> choices = new ArrayList<>(List.of("auto"));
    source.formats().forEach(format -> choices.add(format.name()));
    return ConfigKey.choice(
        "sources." + source.id() + ".format",
        choices,
        "auto",
        "Format of the "
            + source.id()
            + " logs; auto detects it per line, a named one rejects lines of any other format.");
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
    Collections.addAll(keys, STORAGE_RAW, STORAGE_LAKE, STORAGE_ARCHIVE, STORAGE_REPORTS);
    keys.addAll(sourceKeys());
    Collections.addAll(
        keys,
        INGEST_MAX_LINE_BYTES,
        INGEST_MAX_RECORD_BYTES,
        INGEST_REJECT_RAW_CHARS,
        INGEST_MAX_REJECTS_PER_FILE,
        INGEST_EVENT_DAYS_BEFORE,
        INGEST_EVENT_DAYS_AFTER,
        INGEST_FOLLOW_LINKS,
        INGEST_MAX_SHRINK,
        CLUSTER,
        BASELINE_WINDOW_DAYS,
        BASELINE_MIN_DAYS,
        SCORE_ALERT_THRESHOLD,
        SCORE_WEIGHT_DEVIATION,
        SCORE_WEIGHT_NOVELTY,
        SCORE_WEIGHT_PEER_RARITY,
        SCORE_WEIGHT_VOLUME,
        SCORE_DEVIATION_MIN_Z,
        SCORE_DEVIATION_FULL_Z,
        SCORE_DEVIATION_MIN_SCALE,
        SCORE_DEVIATION_MIN_SCALE_RATIO,
        SCORE_DEVIATION_RELATIVE_SCALE,
        SCORE_NOVELTY_FULL_KEYS,
        SCORE_NOVELTY_SENSITIVE_WEIGHT,
        SCORE_NOVELTY_NEW_ENTITY,
        SCORE_PEER_MAX_SHARE,
        SCORE_PEER_MIN_PEERS,
        SCORE_VOLUME_MIN_RATIO,
        SCORE_VOLUME_FULL_RATIO,
        DETECT_RULES_DIR,
        DETECT_DISABLED_RULES,
        DETECT_EVIDENCE_LIMIT,
        DETECT_TRUSTED_REGISTRIES,
        DETECT_CLUSTER_CIDRS,
        DETECT_ALLOW_IDENTITIES,
        DETECT_ALLOW_NAMESPACES,
        DETECT_ALLOW_IMAGES,
        DETECT_ALLOW_CIDRS,
        DETECT_ALLOW_USER_AGENTS,
        GAPS_LOW_RATIO,
        GAPS_MIN_EXPECTED_EVENTS,
        GAPS_OUTSIDE_DAY_TOLERANCE_MINUTES,
        VOLUME_MAX_TALKERS,
        VOLUME_JUMP_RATIO,
        VOLUME_JUMP_MIN_EVENTS,
        VOLUME_FORECAST_HISTORY_DAYS,
        MAINTAIN_TARGET_FILE_MB,
        MAINTAIN_VACUUM_RETENTION_HOURS,
        ARCHIVE_RAW_FILES);
    keys.addAll(RETENTION_KEYS);
    Collections.addAll(
        keys,
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
