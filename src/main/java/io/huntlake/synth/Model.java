package io.huntlake.synth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The value types of a synthetic cluster: what exists, where, and when. */
final class Model {
  private Model() {}

  /** How a cluster's logs reach the archive; decides the formats it is written in. */
  enum Flavor {
    /** Self-managed: audit log backend files (rotated .gz), Hubble flows. */
    KUBEADM,
    /** Amazon EKS: audit exported from CloudWatch Logs, AWS VPC Flow Logs. */
    EKS,
    /** Azure AKS: audit as diagnostic-setting records, Hubble flows. */
    AKS,
    /** k3s at the edge: audit webhook batches (EventList, v1beta1), Hubble flows. */
    K3S
  }

  /** How one node's container logs are archived. */
  enum LogShipping {
    /** containerd/CRI-O files under /var/log/containers. */
    CRI,
    /** Docker json-file logs under /var/log/containers. */
    DOCKER_JSON,
    /** Fluent Bit records with a kubernetes block, forwarded per node. */
    FLUENT_BIT
  }

  enum WorkloadKind {
    DEPLOYMENT("deployments", "apps"),
    STATEFULSET("statefulsets", "apps"),
    DAEMONSET("daemonsets", "apps"),
    CRONJOB("cronjobs", "batch");

    final String resource;
    final String apiGroup;

    WorkloadKind(String resource, String apiGroup) {
      this.resource = resource;
      this.apiGroup = apiGroup;
    }
  }

  /** The shape of a workload's log lines. */
  enum LogStyle {
    JSON,
    LOGFMT,
    JAVA,
    NGINX_ACCESS,
    POSTGRES,
    PLAIN
  }

  record ClusterSpec(String name, Flavor flavor, double sizeFactor, int index) {}

  record Node(String name, String ip, int index, LogShipping shipping, String instanceId) {}

  /** A peer a workload talks to: another workload's service or an external host. */
  record Peer(String workload, String host, String ip, int port) {
    boolean external() {
      return workload == null;
    }
  }

  record Workload(
      String namespace,
      String name,
      WorkloadKind kind,
      int replicas,
      String image,
      List<String> containers,
      LogStyle logStyle,
      int port,
      double logLinesPerHour,
      double connectionsPerHour,
      List<Peer> peers,
      boolean apiClient) {

    String serviceAccount() {
      return name;
    }

    String userName() {
      return "system:serviceaccount:" + namespace + ":" + serviceAccount();
    }

    String id() {
      return namespace + "/" + name;
    }
  }

  /** One pod's life: which workload it belongs to, where it ran, and when. */
  record Pod(
      Workload workload,
      String name,
      String uid,
      Node node,
      String ip,
      Instant start,
      Instant end,
      Map<String, String> containerIds,
      String createdBy) {

    boolean aliveDuring(Instant from, Instant to) {
      return start.isBefore(to) && end.isAfter(from);
    }
  }

  /** A person or bot that talks to the API server. */
  record Human(
      String userName,
      List<String> groups,
      String userAgent,
      String sourceIp,
      int officeStartHourUtc,
      boolean admin,
      List<String> namespaces) {}
}
