package io.huntlake.config;

import java.util.Arrays;
import java.util.Locale;

/** The three kinds of archived Kubernetes logs HuntLake reads. */
public enum LogSource {
  /** API-server audit events. */
  AUDIT,
  /** Container stdout/stderr as written by the kubelet, Docker or a log shipper. */
  CONTAINER,
  /** Network flow records (Cilium Hubble, AWS VPC Flow Logs). */
  FLOW;

  /** The lower-case name used in paths, config keys and tables. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LogSource fromId(String id) {
    return Arrays.stream(values())
        .filter(source -> source.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown log source: " + id));
  }
}
