package io.huntlake.synth;

import io.huntlake.synth.Model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes Events of an ordinary day: every pod that starts is scheduled, finds its image on
 * the node, and has its containers created and started; every pod that stops has them killed; and
 * now and then a readiness probe fails a few times in a row (one event whose count goes up).
 */
final class EventTraffic {
  private final ClusterModel cluster;

  EventTraffic(ClusterModel cluster) {
    this.cluster = cluster;
  }

  List<ClusterEvent> day(LocalDate date) {
    Rng rng = Rng.of(cluster.seed, cluster.name(), date, "events");
    Instant from = date.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = from.plus(Duration.ofDays(1));
    List<ClusterEvent> events = new ArrayList<>();
    for (Pod pod : cluster.podsAlive(from, to)) {
      if (!pod.start().isBefore(from.plusSeconds(10)) && pod.start().isBefore(to)) {
        events.addAll(started(rng, pod, pod.workload().image(), false));
      }
      // The kubelet kills the containers when the controller deletes the pod, half a minute
      // before the pod is gone (a CronJob's pods complete instead).
      Instant killed = pod.end().minusSeconds(30).plusMillis(150);
      if (pod.workload().kind() != Model.WorkloadKind.CRONJOB
          && !killed.isBefore(from)
          && killed.isBefore(to)) {
        for (String container : pod.workload().containers()) {
          events.add(
              ClusterEvent.aboutPod(
                  rng,
                  pod,
                  container,
                  "Normal",
                  "Killing",
                  "Stopping container " + container,
                  "kubelet",
                  List.of(killed)));
        }
      }
    }
    for (int hour = 0; hour < 24; hour++) {
      Instant hourStart = from.plus(Duration.ofHours(hour));
      List<Pod> alive = cluster.podsAlive(hourStart, hourStart.plus(Duration.ofHours(1)));
      int failures = alive.isEmpty() ? 0 : rng.count(0.5 + cluster.spec.sizeFactor());
      for (int i = 0; i < failures; i++) {
        Pod pod = rng.pick(alive);
        Instant first = hourStart.plusSeconds(rng.nextInt(3_000));
        List<Instant> times = new ArrayList<>();
        int count = rng.between(1, 6);
        for (int n = 0; n < count; n++) {
          times.add(first.plusSeconds(10L * n));
        }
        events.add(
            ClusterEvent.aboutPod(
                rng,
                pod,
                pod.workload().containers().get(0),
                "Warning",
                "Unhealthy",
                "Readiness probe failed: HTTP probe failed with statuscode: 503",
                "kubelet",
                times));
      }
    }
    return events;
  }

  /**
   * What a pod's start leaves, in the order the audit log shows the same pod: the scheduler's
   * binding (audit) is followed by Scheduled, then per container the image pulled (or found on the
   * node), Created and Started, all within seconds after the pod was created.
   */
  static List<ClusterEvent> started(Rng rng, Pod pod, String image, boolean pulled) {
    List<ClusterEvent> events = new ArrayList<>();
    Instant start = pod.start();
    String namespace = pod.workload().namespace();
    events.add(
        ClusterEvent.aboutPod(
            rng,
            pod,
            null,
            "Normal",
            "Scheduled",
            "Successfully assigned " + namespace + "/" + pod.name() + " to " + pod.node().name(),
            "default-scheduler",
            List.of(start.plusMillis(300))));
    for (String container : pod.workload().containers()) {
      if (pulled) {
        events.add(
            kubelet(rng, pod, container, "Pulling", "Pulling image \"" + image + "\"", start, 800));
        events.add(
            kubelet(
                rng,
                pod,
                container,
                "Pulled",
                "Successfully pulled image \"" + image + "\" in 1.412s (1.412s including waiting)",
                start,
                2_300));
      } else {
        events.add(
            kubelet(
                rng,
                pod,
                container,
                "Pulled",
                "Container image \"" + image + "\" already present on machine",
                start,
                1_000));
      }
      events.add(
          kubelet(
              rng,
              pod,
              container,
              "Created",
              "Created container " + container,
              start,
              pulled ? 2_600 : 1_400));
      events.add(
          kubelet(
              rng,
              pod,
              container,
              "Started",
              "Started container " + container,
              start,
              pulled ? 3_000 : 1_800));
    }
    return events;
  }

  /**
   * A Normal event the kubelet reports about one of the pod's containers, {@code ms} after start.
   */
  private static ClusterEvent kubelet(
      Rng rng, Pod pod, String container, String reason, String message, Instant start, long ms) {
    return ClusterEvent.aboutPod(
        rng, pod, container, "Normal", reason, message, "kubelet", List.of(start.plusMillis(ms)));
  }
}
