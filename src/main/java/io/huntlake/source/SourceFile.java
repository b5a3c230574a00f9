package io.huntlake.source;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One input file as discovered: where it is, what it is said to hold, and the context every row
 * from it carries.
 *
 * @param path full Hadoop path (file:/..., s3a://...)
 * @param cluster from a cluster=<name> path segment, else the config's cluster
 * @param node from a node=<name> path segment, or null
 * @param forcedFormat a format the config forces for this source, or null for detection per line
 */
public record SourceFile(
    String path,
    LogSource source,
    String cluster,
    String node,
    LocalDate ingestDate,
    long size,
    Instant modified,
    String forcedFormat)
    implements Serializable {

  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
