package io.huntlake.config;

import io.huntlake.error.Errors;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one typed value per key from the merged settings, validating it on the way. */
final class Values {
  private static final Pattern ENV_REFERENCE =
      Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern MASTER =
      Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?|yarn|spark://.+|k8s://.+|mesos://.+");
  private static final Set<String> HADOOP_SCHEMES =
      Set.of("s3a", "file", "hdfs", "abfs", "abfss", "gs", "wasb", "wasbs", "viewfs");

  private final Map<String, ConfigLoader.Setting> settings;
  private final Map<String, String> environment;
  private final Path workingDirectory;

  Values(
      Map<String, ConfigLoader.Setting> settings,
      Map<String, String> environment,
      Path workingDirectory) {
    this.settings = settings;
    this.environment = environment;
    this.workingDirectory = workingDirectory;
  }

  Optional<String> optional(ConfigKey key) {
    ConfigLoader.Setting setting = settings.get(key.name());
    if (setting == null) {
      return Optional.ofNullable(key.defaultValue());
    }
    if (setting.value() == null || setting.value().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(interpolate(key.name(), setting));
  }

  String required(ConfigKey key) {
    return optional(key)
        .orElseThrow(
            () ->
                Errors.invalidConfigValue(
                    key.name(),
                    origin(key),
                    "it is empty",
                    "Set it to " + key.type().description() + "."));
  }

  boolean bool(ConfigKey key) {
    String value = required(key);
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw Errors.wrongConfigType(
              key.name(), origin(key), key.type().description(), "'" + value + "'");
    };
  }

  int positiveInteger(ConfigKey key) {
    String value = required(key);
    try {
      int number = Integer.parseInt(value.trim());
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Errors.wrongConfigType(
        key.name(), origin(key), key.type().description(), "'" + value + "'");
  }

  /** A RETENTION key: its days, or null for forever. */
  Integer retentionDays(ConfigKey key) {
    String value = required(key).trim();
    if (value.equalsIgnoreCase("forever")) {
      return null;
    }
    try {
      int days = Integer.parseInt(value);
      if (days > 0) {
        return days;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Errors.wrongConfigType(
        key.name(), origin(key), key.type().description(), "'" + value + "'");
  }

  double number(ConfigKey key) {
    String value = required(key);
    try {
      double number = Double.parseDouble(value.trim());
      boolean allowed =
          Double.isFinite(number)
              && (key.type() == ValueType.NON_NEGATIVE_NUMBER ? number >= 0 : number > 0);
      if (allowed) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Errors.wrongConfigType(
        key.name(), origin(key), key.type().description(), "'" + value + "'");
  }

  /** A LIST key's strings: comma-separated, trimmed, empty ones dropped. */
  java.util.List<String> list(ConfigKey key) {
    return optional(key).map(Values::splitList).orElse(java.util.List.of());
  }

  /** A LIST key of address ranges, each checked. */
  java.util.List<String> cidrs(ConfigKey key) {
    return checkCidrs(key.name(), origin(key), list(key));
  }

  /** The ranges as given, once each is known to be an address range. */
  static java.util.List<String> checkCidrs(
      String key, String origin, java.util.List<String> ranges) {
    for (String range : ranges) {
      if (Cidr.parse(range).isEmpty()) {
        throw Errors.invalidConfigValue(
            key,
            origin,
            "'" + range + "' is not an address range",
            "Write ranges as address/prefix, e.g. 10.0.0.0/8 or fd00::/8 (names are not accepted).");
      }
    }
    return ranges;
  }

  static java.util.List<String> splitList(String value) {
    return java.util.Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(item -> !item.isEmpty())
        .toList();
  }

  /** Refuses a combination of two valid values that cannot work together. */
  void require(boolean holds, ConfigKey key, String why, String fix) {
    if (!holds) {
      throw Errors.invalidConfigValue(key.name(), origin(key), why, fix);
    }
  }

  String choice(ConfigKey key) {
    String value = required(key);
    if (!key.choices().contains(value)) {
      throw Errors.invalidConfigValue(
          key.name(),
          origin(key),
          "'" + value + "' is not a known value",
          "Use one of " + String.join(", ", key.choices()) + ".");
    }
    return value;
  }

  String name(ConfigKey key) {
    String value = required(key);
    if (!DNS_LABEL.matcher(value).matches()) {
      throw Errors.invalidConfigValue(
          key.name(),
          origin(key),
          "'" + value + "' is not " + key.type().description(),
          "Use a name such as prod-eu-1.");
    }
    return value;
  }

  Optional<String> sparkMaster(ConfigKey key) {
    Optional<String> value = optional(key);
    value.ifPresent(
        master -> {
          if (!MASTER.matcher(master).matches()) {
            throw Errors.invalidConfigValue(
                key.name(),
                origin(key),
                "'" + master + "' is not a Spark master URL",
                "Use " + key.type().description() + ", or leave it unset.");
          }
        });
    return value;
  }

  PathTemplate pathTemplate(ConfigKey key) {
    String value = required(key);
    Set<String> unknown = PathTemplate.unknownTokens(value);
    if (!unknown.isEmpty()) {
      throw Errors.invalidConfigValue(
          key.name(),
          origin(key),
          "unknown token(s) " + unknown + " in '" + value + "'",
          "Use only "
              + PathTemplate.TOKENS.stream().sorted().map(t -> "{" + t + "}").toList()
              + ".");
    }
    PathTemplate template = new PathTemplate(value);
    if (!template.hasDateToken()) {
      throw Errors.invalidConfigValue(
          key.name(),
          origin(key),
          "'" + value + "' has no {date} or {dd} token, so every day would read the same files",
          "Include the day, e.g. {raw}/audit/dt={date}.");
    }
    return template;
  }

  /** A local path made absolute, or a URI whose scheme Hadoop can open; no trailing slash. */
  String storageUri(ConfigKey key) {
    String value = required(key);
    String trimmed =
        value.endsWith("/") && value.length() > 1 ? value.replaceAll("/+$", "") : value;
    if (!trimmed.contains("://")) {
      return workingDirectory.resolve(Path.of(trimmed)).normalize().toString();
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw Errors.invalidConfigValue(
          key.name(),
          origin(key),
          "'" + value + "' is not a valid URI: " + e.getReason(),
          "Use " + key.type().description() + ".");
    }
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (scheme.equals("s3") || scheme.equals("s3n")) {
      throw Errors.invalidConfigValue(
          key.name(),
          origin(key),
          scheme + ":// is not supported by Hadoop's S3 connector",
          "Write s3a://" + trimmed.substring(trimmed.indexOf("://") + 3) + " instead.");
    }
    if (!HADOOP_SCHEMES.contains(scheme) && !registeredFileSystem(scheme)) {
      throw Errors.invalidConfigValue(
          key.name(),
          origin(key),
          "unsupported scheme '" + scheme + "' in '" + value + "'",
          "Use a local path or one of "
              + HADOOP_SCHEMES.stream().sorted().toList()
              + ", or register the scheme's Hadoop file system with "
              + ConfigKeys.SPARK_CONF_PREFIX
              + "spark.hadoop.fs."
              + scheme
              + ".impl=<class>.");
    }
    if (scheme.equals("s3a") && (uri.getHost() == null || uri.getHost().isBlank())) {
      throw Errors.invalidConfigValue(
          key.name(),
          origin(key),
          "'" + value + "' names no bucket",
          "Write s3a://<bucket>/<prefix>.");
    }
    return trimmed;
  }

  /** A scheme the user gave a Hadoop file system for (a connector Hadoop does not bring). */
  private boolean registeredFileSystem(String scheme) {
    ConfigLoader.Setting impl =
        settings.get(ConfigKeys.SPARK_CONF_PREFIX + "spark.hadoop.fs." + scheme + ".impl");
    return impl != null && impl.value() != null && !impl.value().isBlank();
  }

  /** Replaces ${env:NAME} references; a missing variable is an error naming it. */
  String interpolate(String keyName, ConfigLoader.Setting setting) {
    Matcher matcher = ENV_REFERENCE.matcher(setting.value());
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String variable = matcher.group(1);
      String value = environment.get(variable);
      if (value == null) {
        throw Errors.invalidConfigValue(
            keyName,
            setting.origin(),
            "environment variable " + variable + " is not set",
            "Export " + variable + " before running, or set the key directly.");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  String origin(ConfigKey key) {
    ConfigLoader.Setting setting = settings.get(key.name());
    return setting == null ? "the defaults" : setting.origin();
  }
}
