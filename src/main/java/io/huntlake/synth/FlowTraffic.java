package io.huntlake.synth;

import io.huntlake.synth.Model.Peer;
import io.huntlake.synth.Model.Pod;
import io.huntlake.synth.Model.Workload;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * Connections between pods along the application's call graph, DNS lookups through CoreDNS, egress
 * to the external services each workload uses, and client traffic into the ingress controller.
 */
final class FlowTraffic {
  private final ClusterModel cluster;

  FlowTraffic(ClusterModel cluster) {
    this.cluster = cluster;
  }

  void hour(LocalDate date, int hour, Consumer<Flow> out) {
    Rng rng = Rng.of(cluster.seed, cluster.name(), date, hour, "flow");
    Instant from = date.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(hour));
    Instant to = from.plus(Duration.ofHours(1));
    double load = ContainerTraffic.load(date, hour) * cluster.scale.flowRate();
    Workload dns =
        cluster.hasWorkload("kube-system/coredns") ? cluster.workload("kube-system/coredns") : null;
    for (Pod pod : cluster.podsAlive(from, to)) {
      Workload w = pod.workload();
      if (w.peers().isEmpty()) {
        continue;
      }
      int connections = rng.count(w.connectionsPerHour() * load);
      for (int i = 0; i < connections; i++) {
        Instant at = rng.instantIn(from, 3600);
        if (at.isBefore(pod.start()) || !at.isBefore(pod.end())) {
          continue;
        }
        Peer peer = rng.pick(w.peers());
        String host =
            peer.external()
                ? peer.host()
                : peer.workload().split("/")[1]
                    + "."
                    + peer.workload().split("/")[0]
                    + ".svc.cluster.local";
        if (dns != null && rng.chance(0.25)) {
          Pod resolver = cluster.podOf(dns, at, rng);
          if (resolver != null) {
            out.accept(
                new Flow(
                    at.minusMillis(3),
                    pod,
                    pod.ip(),
                    rng.between(32768, 60999),
                    resolver,
                    resolver.ip(),
                    53,
                    "UDP",
                    "FORWARDED",
                    2,
                    180,
                    host + "."));
          }
        }
        connect(pod, peer, at, rng, out);
      }
    }
    ingressClients(from, load, rng, out);
  }

  private void connect(Pod src, Peer peer, Instant at, Rng rng, Consumer<Flow> out) {
    int srcPort = rng.between(32768, 60999);
    if (peer.external()) {
      long bytes = rng.between(3_000, 180_000);
      out.accept(
          new Flow(
              at,
              src,
              src.ip(),
              srcPort,
              null,
              peer.ip(),
              peer.port(),
              "TCP",
              "FORWARDED",
              bytes / 1200 + 6,
              bytes,
              null));
      return;
    }
    if (!cluster.hasWorkload(peer.workload())) {
      return;
    }
    Pod dst = cluster.podOf(cluster.workload(peer.workload()), at, rng);
    if (dst == null) {
      return;
    }
    long bytes = rng.between(800, 60_000);
    String verdict = rng.chance(0.002) ? "DROPPED" : "FORWARDED";
    out.accept(
        new Flow(
            at,
            src,
            src.ip(),
            srcPort,
            dst,
            dst.ip(),
            peer.port(),
            "TCP",
            verdict,
            bytes / 1200 + 4,
            bytes,
            null));
  }

  /** Internet clients reaching the ingress controller. */
  private void ingressClients(Instant from, double load, Rng rng, Consumer<Flow> out) {
    if (!cluster.hasWorkload("ingress-nginx/ingress-nginx-controller")) {
      return;
    }
    Workload ingress = cluster.workload("ingress-nginx/ingress-nginx-controller");
    int clients = rng.count(40 * load);
    for (int i = 0; i < clients; i++) {
      Instant at = rng.instantIn(from, 3600);
      Pod dst = cluster.podOf(ingress, at, rng);
      if (dst != null) {
        long bytes = rng.between(2_000, 90_000);
        out.accept(
            new Flow(
                at,
                null,
                "198.51.100." + rng.between(1, 254),
                rng.between(1024, 65535),
                dst,
                dst.ip(),
                443,
                "TCP",
                "FORWARDED",
                bytes / 1200 + 5,
                bytes,
                null));
      }
    }
  }
}
