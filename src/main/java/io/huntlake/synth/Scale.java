package io.huntlake.synth;

import java.util.Locale;

/**
 * How big a generated cluster is. {@code small} is for unit tests (seconds), {@code medium} for the
 * demo (a few hundred MB over three weeks), {@code large} for benchmarks (more than 2 GB of
 * uncompressed audit log per day).
 *
 * @param nodes nodes of the main cluster (the others are proportionally smaller)
 * @param tenantNamespaces extra application namespaces beyond the fixed catalogue
 * @param replicaFactor multiplier on each workload's replica count
 * @param apiRate multiplier on the rate of background API-server requests
 * @param logRate multiplier on container log lines per pod
 * @param flowRate multiplier on connections per workload
 */
public enum Scale {
  SMALL(3, 0, 1, 0.02, 0.03, 0.04),
  MEDIUM(6, 2, 1, 0.08, 0.15, 0.3),
  LARGE(40, 12, 2, 22.0, 1.0, 1.0);

  private final int nodes;
  private final int tenantNamespaces;
  private final int replicaFactor;
  private final double apiRate;
  private final double logRate;
  private final double flowRate;

  Scale(
      int nodes,
      int tenantNamespaces,
      int replicaFactor,
      double apiRate,
      double logRate,
      double flowRate) {
    this.nodes = nodes;
    this.tenantNamespaces = tenantNamespaces;
    this.replicaFactor = replicaFactor;
    this.apiRate = apiRate;
    this.logRate = logRate;
    this.flowRate = flowRate;
  }

  public static Scale parse(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  int nodes() {
    return nodes;
  }

  int tenantNamespaces() {
    return tenantNamespaces;
  }

  int replicaFactor() {
    return replicaFactor;
  }

  double apiRate() {
    return apiRate;
  }

  double logRate() {
    return logRate;
  }

  double flowRate() {
    return flowRate;
  }
}
