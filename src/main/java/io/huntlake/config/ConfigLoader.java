package io.huntlake.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.huntlake.error.Errors;
import io.huntlake.source.LogSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Loads HuntLake's YAML config: documented defaults, then the file, then {@code --set key=value}
 * overrides. Unknown keys, wrong types and invalid values fail with the key and where it was set.
 */
public final class ConfigLoader {
  private static final String OVERRIDE_ORIGIN = "--set";

  private final Map<String, String> environment;
  private final Path workingDirectory;

  /** A loader that reads ${env:NAME} from the process environment and resolves local paths. */
  public ConfigLoader() {
    this(System.getenv(), Path.of("").toAbsolutePath());
  }

  /** A loader with an explicit environment and base directory for relative paths (tests). */
  public ConfigLoader(Map<String, String> environment, Path workingDirectory) {
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory;
  }

  /**
   * @param file the YAML file, or empty for the documented defaults alone
   * @param overrides {@code key=value} assignments, applied last
   */
  public HuntlakeConfig load(Optional<Path> file, List<String> overrides) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    file.ifPresent(path -> readFile(path, settings));
    for (String assignment : overrides) {
      int equals = assignment.indexOf('=');
      if (equals <= 0) {
        throw Errors.badOverride(assignment);
      }
      String key = assignment.substring(0, equals).trim();
      checkKnown(key, OVERRIDE_ORIGIN);
      settings.put(key, new Setting(assignment.substring(equals + 1).trim(), OVERRIDE_ORIGIN));
    }
    String origin =
        file.map(Path::toString).orElse("defaults") + (overrides.isEmpty() ? "" : " + --set");
    return build(settings, origin);
  }

  private void readFile(Path path, Map<String, Setting> settings) {
    if (!Files.isRegularFile(path)) {
      throw Errors.configFileMissing(path);
    }
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(path.toFile());
    } catch (IOException e) {
      throw Errors.configFileUnreadable(path, e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      throw Errors.wrongConfigType("(top level)", path.toString(), "a mapping of keys", kind(root));
    }
    flatten("", root, path.toString(), settings);
  }

  private void flatten(String prefix, JsonNode node, String origin, Map<String, Setting> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix + field.getKey();
      JsonNode value = field.getValue();
      boolean open = ConfigKeys.openPrefixes().stream().anyMatch(key::startsWith);
      if (value.isObject() && (open || ConfigKeys.find(key).isEmpty())) {
        flatten(key + ".", value, origin, out);
        continue;
      }
      checkKnown(key, origin);
      if (value.isArray() && (open || isList(key))) {
        out.put(key, new Setting(joinList(key, value, origin), origin));
        continue;
      }
      if (value.isContainerNode()) {
        String expected =
            ConfigKeys.find(key).map(k -> k.type().description()).orElse("a single value");
        throw Errors.wrongConfigType(key, origin, expected, kind(value));
      }
      ConfigKey known = ConfigKeys.find(key).orElse(null);
      if (known != null && known.type() == ValueType.BOOLEAN && value.isNumber()) {
        throw Errors.wrongConfigType(key, origin, known.type().description(), kind(value));
      }
      out.put(key, new Setting(value.isNull() ? null : value.asText(), origin));
    }
  }

  private static boolean isList(String key) {
    return ConfigKeys.find(key).map(k -> k.type() == ValueType.LIST).orElse(false);
  }

  /** A YAML list of scalars as the comma-separated string --set would give. */
  private static String joinList(String key, JsonNode list, String origin) {
    List<String> items = new java.util.ArrayList<>();
    for (JsonNode item : list) {
      if (item.isContainerNode() || item.asText().contains(",")) {
        throw Errors.wrongConfigType(
            key, origin, ValueType.LIST.description() + " without commas", kind(item));
      }
      items.add(item.asText());
    }
    return String.join(",", items);
  }

  private static void checkKnown(String key, String origin) {
    boolean open =
        ConfigKeys.openPrefixes().stream()
            .anyMatch(prefix -> key.startsWith(prefix) && key.length() > prefix.length());
    if (open || ConfigKeys.find(key).isPresent()) {
      return;
    }
    List<String> names = ConfigKeys.all().stream().map(ConfigKey::name).toList();
    String suggestion =
        names.stream()
            .min(Comparator.comparingInt(name -> editDistance(name, key)))
            .filter(name -> editDistance(name, key) <= Math.max(2, key.length() / 4))
            .orElse(null);
    throw Errors.unknownConfigKey(key, origin, suggestion, names);
  }

  private HuntlakeConfig build(Map<String, Setting> settings, String origin) {
    Values values = new Values(settings, environment, workingDirectory);
    StorageSettings storage =
        new StorageSettings(
            values.storageUri(ConfigKeys.STORAGE_RAW),
            values.storageUri(ConfigKeys.STORAGE_LAKE),
            values.storageUri(ConfigKeys.STORAGE_ARCHIVE),
            values.storageUri(ConfigKeys.STORAGE_REPORTS));
    Map<LogSource, PathTemplate> paths = new EnumMap<>(LogSource.class);
    for (LogSource source : LogSource.values()) {
      paths.put(source, values.pathTemplate(ConfigKeys.sourcePath(source)));
    }
    java.util.Set<LogSource> enabled = java.util.EnumSet.noneOf(LogSource.class);
    for (LogSource source : LogSource.values()) {
      if (values.bool(ConfigKeys.sourceEnabled(source))) {
        enabled.add(source);
      }
    }
    Map<LogSource, String> formats = new EnumMap<>(LogSource.class);
    for (LogSource source : LogSource.values()) {
      String format = values.choice(ConfigKeys.sourceFormat(source));
      if (!format.equals("auto")) {
        formats.put(source, format);
      }
    }
    IngestSettings ingest =
        new IngestSettings(
            values.positiveInteger(ConfigKeys.INGEST_MAX_LINE_BYTES),
            values.positiveInteger(ConfigKeys.INGEST_MAX_RECORD_BYTES),
            values.positiveInteger(ConfigKeys.INGEST_REJECT_RAW_CHARS),
            values.positiveInteger(ConfigKeys.INGEST_MAX_REJECTS_PER_FILE),
            values.positiveInteger(ConfigKeys.INGEST_EVENT_DAYS_BEFORE),
            values.positiveInteger(ConfigKeys.INGEST_EVENT_DAYS_AFTER),
            values.bool(ConfigKeys.INGEST_FOLLOW_LINKS),
            values.number(ConfigKeys.INGEST_MAX_SHRINK));
    if (ingest.maxShrink() > 1) {
      throw Errors.invalidConfigValue(
          ConfigKeys.INGEST_MAX_SHRINK.name(),
          values.origin(ConfigKeys.INGEST_MAX_SHRINK),
          "it is " + ingest.maxShrink() + ", more than the whole day",
          "Give a share from 0 (no row may go) to 1 (any number may go), such as 0.5.");
    }
    BaselineSettings baseline = baseline(values);
    ScoreSettings score = score(values);
    DetectSettings detect = detect(values, settings);
    GapSettings gaps = gaps(values);
    VolumeSettings volume = volume(values);
    MaintainSettings maintain = maintain(values, baseline);
    Map<String, String> sparkConf = new TreeMap<>();
    settings.forEach(
        (key, setting) -> {
          if (key.startsWith(ConfigKeys.SPARK_CONF_PREFIX) && setting.value() != null) {
            sparkConf.put(
                key.substring(ConfigKeys.SPARK_CONF_PREFIX.length()),
                values.interpolate(key, setting));
          }
        });
    SparkSettings spark = new SparkSettings(values.sparkMaster(ConfigKeys.SPARK_MASTER), sparkConf);
    S3Settings s3 =
        new S3Settings(
            values.optional(ConfigKeys.S3_ENDPOINT),
            values.bool(ConfigKeys.S3_PATH_STYLE_ACCESS),
            values.bool(ConfigKeys.S3_SSL_ENABLED),
            values.optional(ConfigKeys.S3_REGION),
            values.optional(ConfigKeys.S3_CREDENTIALS_PROVIDER),
            values.optional(ConfigKeys.S3_ACCESS_KEY),
            values.optional(ConfigKeys.S3_SECRET_KEY));
    return new HuntlakeConfig(
        storage,
        paths,
        enabled,
        formats,
        ingest,
        baseline,
        score,
        detect,
        gaps,
        volume,
        maintain,
        values.name(ConfigKeys.CLUSTER),
        spark,
        s3,
        origin);
  }

  private static DetectSettings detect(Values values, Map<String, Setting> settings) {
    Allowlist allow =
        new Allowlist(
            values.list(ConfigKeys.DETECT_ALLOW_IDENTITIES),
            values.list(ConfigKeys.DETECT_ALLOW_NAMESPACES),
            values.list(ConfigKeys.DETECT_ALLOW_IMAGES),
            values.cidrs(ConfigKeys.DETECT_ALLOW_CIDRS),
            values.list(ConfigKeys.DETECT_ALLOW_USER_AGENTS));
    Map<String, Map<String, List<String>>> suppressFields = new TreeMap<>();
    Map<String, Map<String, String>> params = new TreeMap<>();
    settings.forEach(
        (key, setting) -> {
          String value = setting.value() == null ? "" : values.interpolate(key, setting);
          if (key.startsWith(ConfigKeys.DETECT_SUPPRESS_PREFIX)) {
            String[] ruleAndField = ruleAndName(key, ConfigKeys.DETECT_SUPPRESS_PREFIX, setting);
            if (!Allowlist.FIELDS.contains(ruleAndField[1])) {
              throw Errors.invalidConfigValue(
                  key,
                  setting.origin(),
                  "'" + ruleAndField[1] + "' is not an allowlist field",
                  "Use detect.suppress.RULE_ID." + String.join("|", Allowlist.FIELDS) + ".");
            }
            List<String> items = Values.splitList(value);
            if (ruleAndField[1].equals("cidrs")) {
              Values.checkCidrs(key, setting.origin(), items);
            }
            suppressFields
                .computeIfAbsent(ruleAndField[0], rule -> new TreeMap<>())
                .put(ruleAndField[1], items);
          } else if (key.startsWith(ConfigKeys.DETECT_PARAMS_PREFIX)) {
            String[] ruleAndName = ruleAndName(key, ConfigKeys.DETECT_PARAMS_PREFIX, setting);
            params
                .computeIfAbsent(ruleAndName[0], rule -> new TreeMap<>())
                .put(ruleAndName[1], value);
          }
        });
    Map<String, Allowlist> suppress = new TreeMap<>();
    suppressFields.forEach(
        (rule, fields) ->
            suppress.put(
                rule,
                new Allowlist(
                    fields.getOrDefault("identities", List.of()),
                    fields.getOrDefault("namespaces", List.of()),
                    fields.getOrDefault("images", List.of()),
                    fields.getOrDefault("cidrs", List.of()),
                    fields.getOrDefault("user_agents", List.of()))));
    return new DetectSettings(
        values.optional(ConfigKeys.DETECT_RULES_DIR),
        values.list(ConfigKeys.DETECT_DISABLED_RULES),
        values.positiveInteger(ConfigKeys.DETECT_EVIDENCE_LIMIT),
        values.list(ConfigKeys.DETECT_TRUSTED_REGISTRIES),
        values.cidrs(ConfigKeys.DETECT_CLUSTER_CIDRS),
        allow,
        suppress,
        params);
  }

  /** "detect.params.RULE.NAME" → {RULE, NAME}; rule ids contain no dots. */
  private static String[] ruleAndName(String key, String prefix, Setting setting) {
    String rest = key.substring(prefix.length());
    int dot = rest.indexOf('.');
    if (dot <= 0 || dot == rest.length() - 1 || rest.indexOf('.', dot + 1) >= 0) {
      throw Errors.invalidConfigValue(
          key,
          setting.origin(),
          "it does not name a rule and one setting below it",
          "Write " + prefix + "RULE_ID.NAME, e.g. " + prefix + "k8s-secret-get-burst.min_objects.");
    }
    return new String[] {rest.substring(0, dot), rest.substring(dot + 1)};
  }

  private static GapSettings gaps(Values values) {
    double lowRatio = values.number(ConfigKeys.GAPS_LOW_RATIO);
    values.require(
        lowRatio < 1,
        ConfigKeys.GAPS_LOW_RATIO,
        "a share below 1 is needed and it is " + lowRatio,
        "Set gaps.low_ratio between 0 and 1, e.g. 0.2 for a fifth of the usual volume.");
    return new GapSettings(
        lowRatio,
        values.positiveInteger(ConfigKeys.GAPS_MIN_EXPECTED_EVENTS),
        values.positiveInteger(ConfigKeys.GAPS_OUTSIDE_DAY_TOLERANCE_MINUTES));
  }

  private static VolumeSettings volume(Values values) {
    int historyDays = values.positiveInteger(ConfigKeys.VOLUME_FORECAST_HISTORY_DAYS);
    values.require(
        historyDays >= VolumeSettings.MIN_FORECAST_HISTORY_DAYS,
        ConfigKeys.VOLUME_FORECAST_HISTORY_DAYS,
        historyDays + " days cannot show a trend",
        "Set volume.forecast_history_days to at least "
            + VolumeSettings.MIN_FORECAST_HISTORY_DAYS
            + ", or 21 and more to fit the weekly pattern too.");
    double jumpRatio = values.number(ConfigKeys.VOLUME_JUMP_RATIO);
    values.require(
        jumpRatio > 1,
        ConfigKeys.VOLUME_JUMP_RATIO,
        "a jump must be more than the usual volume and " + jumpRatio + " is not",
        "Set volume.jump_ratio above 1, e.g. 10 for ten times a talker's median day.");
    return new VolumeSettings(
        values.positiveInteger(ConfigKeys.VOLUME_MAX_TALKERS),
        jumpRatio,
        values.positiveInteger(ConfigKeys.VOLUME_JUMP_MIN_EVENTS),
        historyDays);
  }

  /** Retention per table, each checked against its safety minimum. */
  private static MaintainSettings maintain(Values values, BaselineSettings baseline) {
    Map<String, Integer> retention = new TreeMap<>();
    for (ConfigKey key : ConfigKeys.RETENTION_KEYS) {
      Integer days = values.retentionDays(key);
      boolean daily = ConfigKeys.isDailyRetention(key);
      int minimum =
          daily
              ? baseline.windowDays() + MaintainSettings.DAILY_RETENTION_MARGIN_DAYS
              : MaintainSettings.MIN_EVENT_RETENTION_DAYS;
      if (days != null) {
        values.require(
            days >= minimum,
            key,
            days
                + " days is below the safety minimum of "
                + minimum
                + (daily
                    ? " (baseline.window_days + "
                        + MaintainSettings.DAILY_RETENTION_MARGIN_DAYS
                        + ")"
                    : ""),
            "Set "
                + key.name()
                + " to at least "
                + minimum
                + ": deleting sooner would remove data that reruns"
                + (daily ? " and baselines" : "")
                + " still read.");
        retention.put(key.name().substring(ConfigKeys.RETENTION_PREFIX.length()), days);
      }
    }
    int vacuumHours = values.positiveInteger(ConfigKeys.MAINTAIN_VACUUM_RETENTION_HOURS);
    values.require(
        vacuumHours >= MaintainSettings.MIN_VACUUM_RETENTION_HOURS,
        ConfigKeys.MAINTAIN_VACUUM_RETENTION_HOURS,
        vacuumHours
            + " hours is below the safety minimum of "
            + MaintainSettings.MIN_VACUUM_RETENTION_HOURS
            + " (7 days)",
        "Set maintain.vacuum_retention_hours to at least "
            + MaintainSettings.MIN_VACUUM_RETENTION_HOURS
            + ": a shorter one can delete files that running jobs and time-travel queries still"
            + " read.");
    return new MaintainSettings(
        values.positiveInteger(ConfigKeys.MAINTAIN_TARGET_FILE_MB) * 1024L * 1024L,
        vacuumHours,
        values.bool(ConfigKeys.ARCHIVE_RAW_FILES),
        retention);
  }

  private static BaselineSettings baseline(Values values) {
    int window = values.positiveInteger(ConfigKeys.BASELINE_WINDOW_DAYS);
    int minDays = values.positiveInteger(ConfigKeys.BASELINE_MIN_DAYS);
    values.require(
        minDays <= window,
        ConfigKeys.BASELINE_MIN_DAYS,
        "it is " + minDays + ", more than the " + window + " days of baseline.window_days",
        "Set baseline.min_days to at most baseline.window_days.");
    return new BaselineSettings(window, minDays);
  }

  private static ScoreSettings score(Values values) {
    double minZ = values.number(ConfigKeys.SCORE_DEVIATION_MIN_Z);
    double fullZ = values.number(ConfigKeys.SCORE_DEVIATION_FULL_Z);
    values.require(
        fullZ > minZ,
        ConfigKeys.SCORE_DEVIATION_FULL_Z,
        "it is " + fullZ + ", not above score.deviation.min_z (" + minZ + ")",
        "Set score.deviation.full_z above score.deviation.min_z.");
    double minRatio = values.number(ConfigKeys.SCORE_VOLUME_MIN_RATIO);
    double fullRatio = values.number(ConfigKeys.SCORE_VOLUME_FULL_RATIO);
    values.require(
        minRatio > 1 && fullRatio > minRatio,
        ConfigKeys.SCORE_VOLUME_FULL_RATIO,
        "volume ratios must satisfy 1 < min_ratio < full_ratio; they are "
            + minRatio
            + " and "
            + fullRatio,
        "Set score.volume.min_ratio above 1 and score.volume.full_ratio above it.");
    double alert = values.number(ConfigKeys.SCORE_ALERT_THRESHOLD);
    values.require(
        alert <= 100,
        ConfigKeys.SCORE_ALERT_THRESHOLD,
        "scores run from 0 to 100 and it is " + alert,
        "Set score.alert_threshold between 0 and 100.");
    double newEntity = values.number(ConfigKeys.SCORE_NOVELTY_NEW_ENTITY);
    double maxShare = values.number(ConfigKeys.SCORE_PEER_MAX_SHARE);
    values.require(
        newEntity <= 1,
        ConfigKeys.SCORE_NOVELTY_NEW_ENTITY,
        "a strength runs from 0 to 1 and it is " + newEntity,
        "Set score.novelty.new_entity between 0 and 1.");
    values.require(
        maxShare < 1,
        ConfigKeys.SCORE_PEER_MAX_SHARE,
        "a share below 1 is needed and it is " + maxShare,
        "Set score.peer.max_share between 0 and 1.");
    return new ScoreSettings(
        alert,
        new ScoreSettings.Weights(
            values.number(ConfigKeys.SCORE_WEIGHT_DEVIATION),
            values.number(ConfigKeys.SCORE_WEIGHT_NOVELTY),
            values.number(ConfigKeys.SCORE_WEIGHT_PEER_RARITY),
            values.number(ConfigKeys.SCORE_WEIGHT_VOLUME)),
        minZ,
        fullZ,
        values.number(ConfigKeys.SCORE_DEVIATION_MIN_SCALE),
        values.number(ConfigKeys.SCORE_DEVIATION_MIN_SCALE_RATIO),
        values.number(ConfigKeys.SCORE_DEVIATION_RELATIVE_SCALE),
        values.number(ConfigKeys.SCORE_NOVELTY_FULL_KEYS),
        values.number(ConfigKeys.SCORE_NOVELTY_SENSITIVE_WEIGHT),
        newEntity,
        maxShare,
        values.positiveInteger(ConfigKeys.SCORE_PEER_MIN_PEERS),
        minRatio,
        fullRatio);
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.isNumber() ? "the number " + node.asText() : "'" + node.asText() + "'";
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** A raw value (null: explicitly unset) and where it was set. */
  record Setting(String value, String origin) {}
}
