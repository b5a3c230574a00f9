package io.huntlake.synth;

import io.huntlake.synth.Model.Pod;
import java.util.ArrayList;
import java.util.List;

/** One {@link Flow} as the Hubble flow events a node's agent records for it. */
final class HubbleJson {
  private HubbleJson() {}

  static List<String> records(Flow flow, String node, ClusterModel cluster) {
    List<String> records = new ArrayList<>(2);
    boolean dropped = flow.verdict().equals("DROPPED");
    boolean tcp = flow.protocol().equals("TCP");
    String request =
        l4(flow.protocol(), flow.srcPort(), flow.dstPort(), tcp ? "{\"SYN\":true}" : null);
    String reply =
        l4(
            flow.protocol(),
            flow.dstPort(),
            flow.srcPort(),
            tcp ? "{\"SYN\":true,\"ACK\":true}" : null);
    String time = ContainerWriter.nanos(flow.time());
    String replyTime = ContainerWriter.nanos(flow.time().plusNanos(350_000));
    if (flow.dnsQuery() != null) {
      String query = AuditJson.quote(flow.dnsQuery());
      records.add(
          record(
              time,
              node,
              flow,
              false,
              "L7",
              request
                  + ",\"l7\":{\"type\":\"REQUEST\",\"dns\":{\"query\":"
                  + query
                  + ",\"observation_source\":\"proxy\",\"qtypes\":[\"A\"]}}",
              "DNS Query " + flow.dnsQuery() + " A",
              cluster));
      records.add(
          record(
              replyTime,
              node,
              flow,
              true,
              "L7",
              reply
                  + ",\"l7\":{\"type\":\"RESPONSE\",\"latency_ns\":\"1840233\",\"dns\":{\"query\":"
                  + query
                  + ",\"ttl\":30,\"observation_source\":\"proxy\",\"rcode\":0,\"qtypes\":[\"A\"],\"rrtypes\":[\"A\"]}}",
              "DNS Answer TTL: 30 (Proxy " + flow.dnsQuery() + " A)",
              cluster));
      return records;
    }
    records.add(
        record(time, node, flow, false, "L3_L4", request, tcp ? "TCP Flags: SYN" : "UDP", cluster));
    if (!dropped && tcp) {
      records.add(
          record(replyTime, node, flow, true, "L3_L4", reply, "TCP Flags: SYN, ACK", cluster));
    }
    return records;
  }

  private static String l4(String protocol, int sourcePort, int destinationPort, String flags) {
    return "\"l4\":{\""
        + protocol
        + "\":{\"source_port\":"
        + sourcePort
        + ",\"destination_port\":"
        + destinationPort
        + (flags == null ? "" : ",\"flags\":" + flags)
        + "}}";
  }

  private static String record(
      String time,
      String node,
      Flow flow,
      boolean reply,
      String type,
      String layer,
      String summary,
      ClusterModel cluster) {
    String srcIp = reply ? flow.dstIp() : flow.srcIp();
    String dstIp = reply ? flow.srcIp() : flow.dstIp();
    String src =
        endpoint(
            reply ? flow.dstPod() : flow.srcPod(), reply ? flow.dstIp() : flow.srcIp(), cluster);
    String dst =
        endpoint(
            reply ? flow.srcPod() : flow.dstPod(), reply ? flow.srcIp() : flow.dstIp(), cluster);
    boolean dropped = flow.verdict().equals("DROPPED");
    return "{\"flow\":{\"time\":\""
        + time
        + "\",\"verdict\":\""
        + flow.verdict()
        + "\""
        + (dropped ? ",\"drop_reason\":133,\"drop_reason_desc\":\"POLICY_DENIED\"" : "")
        + ",\"IP\":{\"source\":\""
        + srcIp
        + "\",\"destination\":\""
        + dstIp
        + "\",\"ipVersion\":\"IPv4\"},"
        + layer
        + ",\"source\":"
        + src
        + ",\"destination\":"
        + dst
        + ",\"Type\":\""
        + type
        + "\",\"node_name\":\""
        + node
        + "\""
        + ",\"event_type\":{\"type\":"
        + (type.equals("L7") ? 129 : dropped ? 1 : 4)
        + (dropped ? ",\"sub_type\":133" : "")
        + "}"
        + ",\"traffic_direction\":\""
        + (flow.srcPod() == null ? "INGRESS" : "EGRESS")
        + "\",\"is_reply\":"
        + reply
        + (dropped ? ",\"policy_match_type\":0" : "")
        + ",\"Summary\":"
        + AuditJson.quote(summary)
        + "}"
        + ",\"node_name\":\""
        + node
        + "\",\"time\":\""
        + time
        + "\"}";
  }

  private static String endpoint(Pod pod, String ip, ClusterModel cluster) {
    if (pod == null) {
      // Any address no local endpoint owns: the internet, or an unused pod address.
      return "{\"identity\":2,\"labels\":[\"reserved:world\"]}";
    }
    String ns = pod.workload().namespace();
    String kind =
        switch (pod.workload().kind()) {
          case DEPLOYMENT -> "Deployment";
          case STATEFULSET -> "StatefulSet";
          case DAEMONSET -> "DaemonSet";
          case CRONJOB -> "CronJob";
        };
    int identity = 10_000 + Math.floorMod(pod.workload().id().hashCode(), 50_000);
    return "{\"ID\":"
        + (100 + Math.floorMod(pod.uid().hashCode(), 3900))
        + ",\"identity\":"
        + identity
        + ",\"namespace\":\""
        + ns
        + "\""
        + ",\"labels\":[\"k8s:app.kubernetes.io/name="
        + pod.workload().name()
        + "\",\"k8s:io.cilium.k8s.policy.cluster="
        + cluster.name()
        + "\",\"k8s:io.cilium.k8s.policy.serviceaccount="
        + pod.workload().serviceAccount()
        + "\",\"k8s:io.kubernetes.pod.namespace="
        + ns
        + "\"]"
        + ",\"pod_name\":\""
        + pod.name()
        + "\",\"workloads\":[{\"name\":\""
        + pod.workload().name()
        + "\",\"kind\":\""
        + kind
        + "\"}]}";
  }
}
