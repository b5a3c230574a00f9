package io.huntlake.synth;

import io.huntlake.synth.Model.Pod;
import java.time.Instant;

/**
 * One observed connection. Hubble writes it as request and reply flow events; VPC Flow Logs as one
 * record with packet and byte counts.
 *
 * @param dstPod the destination pod, or null for a service-less external or unknown address
 * @param dnsQuery the name looked up when this is a DNS request, else null
 */
record Flow(
    Instant time,
    Pod srcPod,
    String srcIp,
    int srcPort,
    Pod dstPod,
    String dstIp,
    int dstPort,
    String protocol,
    String verdict,
    long packets,
    long bytes,
    String dnsQuery) {

  /** The key a label uses to name this flow; ingest can rebuild it from table columns. */
  String key() {
    return io.huntlake.table.EvidenceKeys.flowKey(time, srcIp, srcPort, dstIp, dstPort, protocol);
  }
}
