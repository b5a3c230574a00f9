package io.huntlake.synth;

import io.huntlake.synth.LineSink.FileEntry;
import io.huntlake.synth.Model.Flavor;
import io.huntlake.synth.Model.Node;
import io.huntlake.synth.Model.Pod;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one cluster-day of flows: Cilium Hubble flow JSON per node ({@code hubble observe -o json}
 * lines with L3/L4, verdicts and L7 DNS), or, on EKS, AWS VPC Flow Logs in hourly files of two flow
 * logs: one in the default v2 format, one with a custom field list named by its header line.
 */
final class FlowWriter {
  static final String VPC_DEFAULT_FIELDS =
      "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
  static final String VPC_CUSTOM_FIELDS =
      "version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status";
  private static final String ACCOUNT = "111122223333";
  private static final DateTimeFormatter VPC_FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

  private FlowWriter() {}

  static List<FileEntry> write(Path root, ClusterModel cluster, LocalDate date, List<Flow> flows) {
    flows.sort(
        Comparator.comparing(Flow::time)
            .thenComparing(Flow::srcIp)
            .thenComparingInt(Flow::srcPort));
    return cluster.spec.flavor() == Flavor.EKS
        ? vpc(root, cluster, date, flows)
        : hubble(root, cluster, date, flows);
  }

  private static List<FileEntry> hubble(
      Path root, ClusterModel cluster, LocalDate date, List<Flow> flows) {
    Map<String, List<Flow>> byNode = new LinkedHashMap<>();
    for (Flow flow : flows) {
      Pod observer = flow.srcPod() != null ? flow.srcPod() : flow.dstPod();
      byNode.computeIfAbsent(observer.node().name(), n -> new ArrayList<>()).add(flow);
    }
    List<FileEntry> entries = new ArrayList<>();
    for (String node : byNode.keySet().stream().sorted().toList()) {
      try (LineSink sink =
          new LineSink(
              root,
              "flow/dt=" + date + "/cluster=" + cluster.name() + "/hubble/" + node + ".jsonl.gz",
              "flow",
              "hubble",
              cluster.name(),
              date.toString())) {
        for (Flow flow : byNode.get(node)) {
          for (String line : HubbleJson.records(flow, node, cluster)) {
            sink.line(line, 1);
          }
        }
        sink.close();
        entries.add(sink.entry());
      }
    }
    return entries;
  }

  private static List<FileEntry> vpc(
      Path root, ClusterModel cluster, LocalDate date, List<Flow> flows) {
    List<FileEntry> entries = new ArrayList<>();
    String directory = "flow/dt=" + date + "/cluster=" + cluster.name() + "/vpcflowlogs/";
    for (int hour = 0; hour < 24; hour++) {
      java.time.Instant from =
          date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L);
      java.time.Instant to = from.plusSeconds(3600);
      for (boolean custom : new boolean[] {false, true}) {
        String logId = custom ? "fl-0c8e2f7d41a9b3e55" : "fl-04e1a3c9d2b7f6a08";
        String name =
            directory
                + ACCOUNT
                + "_vpcflowlogs_us-east-1_"
                + logId
                + "_"
                + VPC_FILE_TIME.format(to)
                + "_"
                + Rng.of(cluster.seed, date, hour, logId).hex(8)
                + ".log.gz";
        try (LineSink sink =
            new LineSink(
                root,
                name,
                "flow",
                custom ? "vpc-flow-custom" : "vpc-flow-v2",
                cluster.name(),
                date.toString())) {
          sink.line(custom ? VPC_CUSTOM_FIELDS : VPC_DEFAULT_FIELDS, 0);
          for (Flow flow : flows) {
            Pod observer = flow.srcPod() != null ? flow.srcPod() : flow.dstPod();
            boolean customSubnet = observer.node().index() % 2 == 1;
            if (customSubnet == custom && !flow.time().isBefore(from) && flow.time().isBefore(to)) {
              sink.line(vpcRecord(flow, observer.node(), custom), 1);
            }
          }
          sink.close();
          entries.add(sink.entry());
        }
      }
    }
    return entries;
  }

  private static String vpcRecord(Flow flow, Node node, boolean custom) {
    long start = flow.time().getEpochSecond();
    long end = start + 60 - start % 60;
    String protocol = flow.protocol().equals("UDP") ? "17" : "6";
    String action = flow.verdict().equals("DROPPED") ? "REJECT" : "ACCEPT";
    String eni = "eni-0" + Integer.toHexString(0x3a5b7c1 + node.index() * 4099) + "f9d1";
    if (!custom) {
      return "2 "
          + ACCOUNT
          + " "
          + eni
          + " "
          + flow.srcIp()
          + " "
          + flow.dstIp()
          + " "
          + flow.srcPort()
          + " "
          + flow.dstPort()
          + " "
          + protocol
          + " "
          + flow.packets()
          + " "
          + flow.bytes()
          + " "
          + start
          + " "
          + end
          + " "
          + action
          + " OK";
    }
    String flags = protocol.equals("6") ? (action.equals("REJECT") ? "2" : "19") : "0";
    return "5 vpc-0a1b2c3d4e5f60718 subnet-0f1e2d3c4b5a69788 "
        + node.instanceId()
        + " "
        + eni
        + " "
        + ACCOUNT
        + " IPv4 "
        + flow.srcIp()
        + " "
        + flow.dstIp()
        + " "
        + flow.srcPort()
        + " "
        + flow.dstPort()
        + " "
        + flow.srcIp()
        + " "
        + flow.dstIp()
        + " "
        + protocol
        + " "
        + flow.bytes()
        + " "
        + flow.packets()
        + " "
        + start
        + " "
        + end
        + " "
        + action
        + " "
        + flags
        + " OK";
  }
}
