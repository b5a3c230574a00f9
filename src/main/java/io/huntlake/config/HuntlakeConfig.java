package io.huntlake.config;

import io.huntlake.source.LogSource;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration of one HuntLake run. Built only by {@link ConfigLoader}; every field
 * has been checked, so jobs can use it without further validation.
 *
 * @param enabledSources the sources ingest reads (sources.*.enabled)
 * @param sourceFormats formats the config forces per source (absent: detected per line)
 * @param origin where the settings came from, for messages ("jobs/huntlake.yaml + --set")
 */
public record HuntlakeConfig(
    StorageSettings storage,
    Map<LogSource, PathTemplate> sourcePaths,
    java.util.Set<LogSource> enabledSources,
    Map<LogSource, String> sourceFormats,
    IngestSettings ingest,
    BaselineSettings baseline,
    ScoreSettings score,
    DetectSettings detect,
    GapSettings gaps,
    VolumeSettings volume,
    MaintainSettings maintain,
    String cluster,
    SparkSettings spark,
    S3Settings s3,
    String origin) {

  public HuntlakeConfig {
    sourcePaths = Map.copyOf(sourcePaths);
    sourceFormats = Map.copyOf(sourceFormats);
    enabledSources =
        enabledSources.isEmpty()
            ? java.util.EnumSet.noneOf(LogSource.class)
            : java.util.EnumSet.copyOf(enabledSources);
  }

  public PathTemplate sourcePath(LogSource source) {
    return sourcePaths.get(source);
  }

  /** The format the config forces for a source, or empty for detection per line. */
  public Optional<String> sourceFormat(LogSource source) {
    return Optional.ofNullable(sourceFormats.get(source));
  }
}
