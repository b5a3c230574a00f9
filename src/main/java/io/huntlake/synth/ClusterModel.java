package io.huntlake.synth;

import io.huntlake.synth.Model.ClusterSpec;
import io.huntlake.synth.Model.Flavor;
import io.huntlake.synth.Model.Human;
import io.huntlake.synth.Model.LogShipping;
import io.huntlake.synth.Model.Node;
import io.huntlake.synth.Model.Pod;
import io.huntlake.synth.Model.Workload;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One synthetic cluster over the whole generated period: its nodes, workloads, people, and every
 * pod that lived in it (rollouts, evictions, cron jobs), with IPs consistent across audit events,
 * container logs and flows. Built once, then read by the per-day generators.
 */
final class ClusterModel {
  /** A deployment rollout: the CI identity patches the image and a new replica set takes over. */
  record Rollout(Workload workload, Instant at, String actor, String newHash, String image) {}

  final ClusterSpec spec;
  final Scale scale;
  final long seed;
  final List<Node> nodes;
  final List<Workload> workloads;
  final List<Human> humans;
  final Human deployer;
  final List<Pod> pods;
  final List<Rollout> rollouts;
  private final Map<String, Workload> workloadsById = new LinkedHashMap<>();
  private final Map<String, String> serviceIps = new HashMap<>();

  private ClusterModel(ClusterSpec spec, Scale scale, long seed, LocalDate start, int days) {
    this.spec = spec;
    this.scale = scale;
    this.seed = seed;
    this.nodes = buildNodes(spec, scale);
    this.workloads = Catalogue.workloads(spec, scale);
    this.humans = Catalogue.humans(spec);
    this.deployer = Catalogue.deployer();
    int service = 10;
    for (Workload workload : workloads) {
      workloadsById.put(workload.id(), workload);
      serviceIps.put(
          workload.id(),
          "10." + (96 + spec.index()) + "." + (service / 250) + "." + (service % 250 + 2));
      service++;
    }
    List<Rollout> plannedRollouts = new ArrayList<>();
    this.pods = PodTimeline.build(this, start, days, plannedRollouts);
    this.rollouts = List.copyOf(plannedRollouts);
  }

  static ClusterModel build(ClusterSpec spec, Scale scale, long seed, LocalDate start, int days) {
    return new ClusterModel(spec, scale, seed, start, days);
  }

  String name() {
    return spec.name();
  }

  Workload workload(String id) {
    Workload workload = workloadsById.get(id);
    if (workload == null) {
      throw new IllegalArgumentException("no workload " + id + " in " + spec.name());
    }
    return workload;
  }

  boolean hasWorkload(String id) {
    return workloadsById.containsKey(id);
  }

  String serviceIp(Workload workload) {
    return serviceIps.get(workload.id());
  }

  String apiServerIp() {
    return "10." + (96 + spec.index()) + ".0.1";
  }

  /** Pods alive at some moment in [from, to), in a stable order. */
  List<Pod> podsAlive(Instant from, Instant to) {
    List<Pod> alive = new ArrayList<>();
    for (Pod pod : pods) {
      if (pod.aliveDuring(from, to)) {
        alive.add(pod);
      }
    }
    return alive;
  }

  /** A pod of the workload alive at the instant, or null when none is. */
  Pod podOf(Workload workload, Instant at, Rng rng) {
    List<Pod> candidates = new ArrayList<>();
    for (Pod pod : pods) {
      if (pod.workload() == workload && !pod.start().isAfter(at) && pod.end().isAfter(at)) {
        candidates.add(pod);
      }
    }
    return candidates.isEmpty() ? null : rng.pick(candidates);
  }

  static boolean isWeekday(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
  }

  private static List<Node> buildNodes(ClusterSpec spec, Scale scale) {
    int count = Math.max(1, (int) Math.round(scale.nodes() * spec.sizeFactor()));
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String ip = "10." + (10 + spec.index()) + "." + (i / 200) + "." + (10 + i % 200);
      String name =
          switch (spec.flavor()) {
            case KUBEADM -> String.format("k8s-%s-w%02d", spec.name(), i + 1);
            case EKS -> "ip-" + ip.replace('.', '-') + ".ec2.internal";
            case AKS -> String.format("aks-nodepool1-31718369-vmss%06d", i);
            case K3S -> String.format("%s-agent-%d", spec.name(), i);
          };
      nodes.add(
          new Node(
              name,
              ip,
              i,
              shipping(spec.flavor(), i, count),
              "i-0" + Integer.toHexString(0x5a3c0f1 + i * 7919 + spec.index() * 104729) + "e2"));
    }
    return List.copyOf(nodes);
  }

  /**
   * The main cluster mixes runtimes the way estates in migration do; k3s forwards via Fluent Bit.
   */
  private static LogShipping shipping(Flavor flavor, int index, int count) {
    if (flavor == Flavor.K3S) {
      return LogShipping.FLUENT_BIT;
    }
    if (flavor == Flavor.KUBEADM && count >= 3) {
      if (index == count - 1) {
        return LogShipping.FLUENT_BIT;
      }
      if (index == count - 2) {
        return LogShipping.DOCKER_JSON;
      }
    }
    return LogShipping.CRI;
  }

  /** Builds every pod of every workload over the period, and the rollouts that replaced them. */
  private static final class PodTimeline {
    private final ClusterModel cluster;
    private final Instant periodStart;
    private final Instant periodEnd;
    private final List<Pod> pods = new ArrayList<>();
    private final Map<Node, Integer> nextHost = new HashMap<>();

    private PodTimeline(ClusterModel cluster, LocalDate start, int days) {
      this.cluster = cluster;
      this.periodStart = start.atStartOfDay(ZoneOffset.UTC).toInstant();
      this.periodEnd = periodStart.plus(Duration.ofDays(days));
    }

    static List<Pod> build(
        ClusterModel cluster, LocalDate start, int days, List<Rollout> rollouts) {
      PodTimeline timeline = new PodTimeline(cluster, start, days);
      for (Workload workload : cluster.workloads) {
        Rng rng = Rng.of(cluster.seed, cluster.name(), "pods", workload.id());
        switch (workload.kind()) {
          case DEPLOYMENT -> timeline.deployment(workload, start, days, rng, rollouts);
          case STATEFULSET -> timeline.statefulSet(workload, rng);
          case DAEMONSET -> timeline.daemonSet(workload, rng);
          case CRONJOB -> timeline.cronJob(workload, start, days, rng);
        }
      }
      return timeline.assignAddresses();
    }

    private void deployment(
        Workload workload, LocalDate start, int days, Rng rng, List<Rollout> rollouts) {
      Instant revisionStart = periodStart.minus(Duration.ofDays(3 + rng.nextInt(20)));
      String hash = rng.podSuffix(rng.between(8, 10));
      String image = workload.image();
      boolean ciDeployed = !workload.namespace().startsWith("kube-") && !workload.apiClient();
      for (int day = 0; day <= days; day++) {
        LocalDate date = start.plusDays(day);
        Instant revisionEnd = periodEnd.plus(Duration.ofDays(30));
        Rollout rollout = null;
        if (day < days && ciDeployed && isWeekday(date) && rng.chance(0.25)) {
          Instant at =
              date.atStartOfDay(ZoneOffset.UTC)
                  .toInstant()
                  .plus(Duration.ofMinutes(9 * 60 + rng.nextInt(8 * 60)));
          String newHash = rng.podSuffix(rng.between(8, 10));
          String newImage = bumpPatch(image, day);
          rollout = new Rollout(workload, at, cluster.deployer.userName(), newHash, newImage);
          revisionEnd = at.plusSeconds(30 + rng.nextInt(60));
        } else if (day < days) {
          continue;
        }
        addReplicas(
            workload, workload.name() + "-" + hash + "-", revisionStart, revisionEnd, rng, 0.04);
        if (rollout == null) {
          return;
        }
        rollouts.add(rollout);
        revisionStart = rollout.at();
        hash = rollout.newHash();
        image = rollout.image();
      }
    }

    private void statefulSet(Workload workload, Rng rng) {
      for (int ordinal = 0; ordinal < workload.replicas(); ordinal++) {
        Instant from = periodStart.minus(Duration.ofDays(10 + rng.nextInt(30)));
        addPod(
            workload,
            workload.name() + "-" + ordinal,
            rng.pick(cluster.nodes),
            from,
            periodEnd.plus(Duration.ofDays(30)),
            rng,
            "StatefulSet");
      }
    }

    private void daemonSet(Workload workload, Rng rng) {
      for (Node node : cluster.nodes) {
        Instant from = periodStart.minus(Duration.ofDays(5 + rng.nextInt(30)));
        addPod(
            workload,
            workload.name() + "-" + rng.podSuffix(5),
            node,
            from,
            periodEnd.plus(Duration.ofDays(30)),
            rng,
            "DaemonSet");
      }
    }

    /** A nightly job at 02:00 UTC: one pod that runs for a quarter of an hour. */
    private void cronJob(Workload workload, LocalDate start, int days, Rng rng) {
      for (int day = -1; day < days; day++) {
        Instant scheduled =
            start.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(2));
        long scheduledMinute = scheduled.getEpochSecond() / 60;
        Instant from = scheduled.plusSeconds(2 + rng.nextInt(5));
        addPod(
            workload,
            workload.name() + "-" + scheduledMinute + "-" + rng.podSuffix(5),
            rng.pick(cluster.nodes),
            from,
            from.plusSeconds(600 + rng.nextInt(600)),
            rng,
            "Job");
      }
    }

    /** The replicas of one revision, each replaced now and then (eviction, node pressure). */
    private void addReplicas(
        Workload workload,
        String prefix,
        Instant from,
        Instant to,
        Rng rng,
        double dailyReplacement) {
      for (int replica = 0; replica < workload.replicas(); replica++) {
        Instant podStart = from.plusSeconds(rng.nextInt(20));
        while (podStart.isBefore(to)) {
          long lifeDays =
              1 + (long) (-Math.log(Math.max(1e-9, rng.nextDouble())) / dailyReplacement);
          Instant podEnd =
              podStart.plus(Duration.ofDays(lifeDays)).plusSeconds(rng.nextInt(86_400));
          if (podEnd.isAfter(to)) {
            podEnd = to.plusSeconds(5 + rng.nextInt(25));
          }
          addPod(
              workload,
              prefix + rng.podSuffix(5),
              rng.pick(cluster.nodes),
              podStart,
              podEnd,
              rng,
              "ReplicaSet");
          podStart = podEnd.minusSeconds(3);
        }
      }
    }

    private void addPod(
        Workload workload,
        String name,
        Node node,
        Instant start,
        Instant end,
        Rng rng,
        String owner) {
      Map<String, String> containerIds = new LinkedHashMap<>();
      for (String container : workload.containers()) {
        containerIds.put(container, rng.hex(64));
      }
      pods.add(new Pod(workload, name, rng.uuid(), node, null, start, end, containerIds, owner));
    }

    /** Pod IPs come from each node's /24 in creation order, as a CNI's IPAM would hand them out. */
    private List<Pod> assignAddresses() {
      pods.sort(Comparator.comparing(Pod::start).thenComparing(Pod::name));
      List<Pod> addressed = new ArrayList<>(pods.size());
      for (Pod pod : pods) {
        int host = nextHost.merge(pod.node(), 1, Integer::sum);
        String ip =
            "10."
                + (100 + cluster.spec.index())
                + "."
                + pod.node().index() % 250
                + "."
                + (2 + (host - 1) % 250);
        addressed.add(
            new Pod(
                pod.workload(),
                pod.name(),
                pod.uid(),
                pod.node(),
                ip,
                pod.start(),
                pod.end(),
                pod.containerIds(),
                pod.createdBy()));
      }
      return List.copyOf(addressed);
    }

    private static String bumpPatch(String image, int day) {
      int colon = image.lastIndexOf(':');
      String[] parts = image.substring(colon + 1).split("\\.");
      if (parts.length != 3) {
        return image;
      }
      return image.substring(0, colon + 1)
          + parts[0]
          + "."
          + parts[1]
          + "."
          + (Integer.parseInt(parts[2].replaceAll("\\D", "0")) + 1 + day % 3);
    }
  }
}
