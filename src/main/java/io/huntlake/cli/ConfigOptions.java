package io.huntlake.cli;

import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command that reads the config shares: --config, --set, --master, --verbose. */
public final class ConfigOptions {
  /** The documented default config, relative to the directory the command runs in. */
  public static final Path DEFAULT_CONFIG = Path.of("jobs", "huntlake.yaml");

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "HuntLake YAML config (default: ${DEFAULT-VALUE}, or built-in defaults if absent).",
      defaultValue = "jobs/huntlake.yaml")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one config key; repeatable, e.g. --set storage.lake=/tmp/lake.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master; beats spark.master in the config (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--verbose", description = "Print stack traces with errors.")
  boolean verbose;

  /**
   * Loads the config. The default file may be absent (built-in defaults are then used); a file
   * named explicitly must exist.
   */
  public HuntlakeConfig load() {
    boolean implicitDefault = config.equals(DEFAULT_CONFIG) && !config.toFile().exists();
    Optional<Path> file = implicitDefault ? Optional.empty() : Optional.of(config);
    return new ConfigLoader().load(file, overrides);
  }

  public Optional<String> master() {
    return Optional.ofNullable(master);
  }
}
