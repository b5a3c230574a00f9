package io.huntlake.table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How labels, findings and scores name the entities and events they point at. One definition, so
 * the generator's ground truth and the pipeline's output join on the same strings.
 */
public final class EvidenceKeys {
  private EvidenceKeys() {}

  /** A workload entity: {@code <namespace>/<workload>}. */
  public static String workload(String namespace, String workload) {
    return namespace + "/" + workload;
  }

  /** A flow edge entity: source workload to destination workload or external {@code ip:port}. */
  public static String flowEdge(String sourceWorkloadId, String destination) {
    return sourceWorkloadId + " -> " + destination;
  }

  /**
   * One flow: {@code <ts> <src_ip>:<src_port> > <dst_ip>:<dst_port> <protocol>}, the time cut to
   * microseconds as Spark stores it.
   */
  public static String flowKey(
      Instant time, String srcIp, int srcPort, String dstIp, int dstPort, String protocol) {
    return time.truncatedTo(ChronoUnit.MICROS)
        + " "
        + srcIp
        + ":"
        + srcPort
        + " > "
        + dstIp
        + ":"
        + dstPort
        + " "
        + protocol;
  }

  /** One container log line: {@code <namespace>/<pod>/<container>@<ts>} (microseconds). */
  public static String logLine(String namespace, String pod, String container, Instant time) {
    return namespace + "/" + pod + "/" + container + "@" + time.truncatedTo(ChronoUnit.MICROS);
  }
}
