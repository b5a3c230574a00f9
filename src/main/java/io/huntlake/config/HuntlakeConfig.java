package io.huntlake.config;

import java.util.Map;

/**
 * The validated configuration of one HuntLake run. Built only by {@link ConfigLoader}; every field
 * has been checked, so jobs can use it without further validation.
 *
 * @param origin where the settings came from, for messages ("jobs/huntlake.yaml + --set")
 */
public record HuntlakeConfig(
    StorageSettings storage,
    Map<LogSource, PathTemplate> sourcePaths,
    String cluster,
    SparkSettings spark,
    S3Settings s3,
    String origin) {

  public HuntlakeConfig {
    sourcePaths = Map.copyOf(sourcePaths);
  }

  public PathTemplate sourcePath(LogSource source) {
    return sourcePaths.get(source);
  }
}
