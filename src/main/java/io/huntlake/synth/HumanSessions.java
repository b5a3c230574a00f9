package io.huntlake.synth;

import static io.huntlake.synth.Requests.request;

import io.huntlake.synth.Model.Human;
import io.huntlake.synth.Model.Pod;
import io.huntlake.synth.Model.Workload;
import io.huntlake.synth.Requests.Actor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's kubectl sessions on one day: a few bursts of reads in office hours on weekdays (an
 * admin on call now and then at weekends), the odd exec, port-forward, restart or scale, and 403s
 * when a developer strays outside their namespaces.
 */
final class HumanSessions {
  private final ClusterModel cluster;
  private final Human human;
  private final Rng rng;

  HumanSessions(ClusterModel cluster, Human human, Rng rng) {
    this.cluster = cluster;
    this.human = human;
    this.rng = rng;
  }

  void day(LocalDate date, List<AuditEvent> out) {
    int sessions;
    if (ClusterModel.isWeekday(date)) {
      sessions = rng.between(1, 4);
    } else {
      sessions = human.admin() && rng.chance(0.25) ? 1 : 0;
    }
    Instant officeStart =
        date.atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .plus(Duration.ofHours(human.officeStartHourUtc()));
    for (int s = 0; s < sessions; s++) {
      Instant at = officeStart.plusSeconds(rng.nextInt(9 * 3600));
      int requests = rng.between(6, 30);
      for (int r = 0; r < requests; r++) {
        at = at.plusMillis(1500 + rng.nextInt(40_000));
        action(at, out);
      }
    }
  }

  private void action(Instant at, List<AuditEvent> out) {
    Actor me = Actors.human(human);
    List<String> mine =
        human.namespaces().isEmpty()
            ? cluster.workloads.stream().map(Workload::namespace).distinct().toList()
            : human.namespaces();
    String ns = rng.pick(mine);
    List<Workload> here = cluster.workloads.stream().filter(w -> w.namespace().equals(ns)).toList();
    Workload workload = here.isEmpty() ? rng.pick(cluster.workloads) : rng.pick(here);
    Pod pod = cluster.podOf(workload, at, rng);
    double roll = rng.nextDouble();
    if (roll < 0.30) {
      out.add(request(me, "list", Requests.PODS).in(ns).at(at, rng));
    } else if (roll < 0.40) {
      out.add(request(me, "list", Requests.DEPLOYMENTS).in(ns).at(at, rng));
    } else if (roll < 0.55 && pod != null) {
      out.add(request(me, "get", Requests.PODS).in(ns).named(pod.name()).at(at, rng));
      out.add(
          request(me, "list", Requests.EVENTS)
              .in(ns)
              .query("fieldSelector=involvedObject.name%3D" + pod.name())
              .at(at.plusMillis(120), rng));
    } else if (roll < 0.70 && pod != null) {
      out.add(
          request(me, "get", Requests.PODS)
              .in(ns)
              .named(pod.name())
              .sub("log")
              .query("container=" + workload.containers().get(0) + "&tailLines=200")
              .at(at, rng));
    } else if (roll < 0.78) {
      out.add(
          request(me, "get", Requests.CONFIGMAPS)
              .in(ns)
              .named(workload.name() + "-config")
              .at(at, rng));
    } else if (roll < 0.83) {
      out.add(request(me, "list", Requests.SERVICES).in(ns).at(at, rng));
    } else if (roll < 0.86) {
      // Developers sometimes look outside their namespaces, or at Secrets, and are refused.
      String elsewhere = rng.pick(List.of("kube-system", "monitoring", "payments", "identity"));
      boolean allowed = human.admin() || human.namespaces().contains(elsewhere);
      out.add(
          request(me, "list", Requests.SECRETS)
              .in(elsewhere)
              .code(allowed ? 200 : 403)
              .at(at, rng));
    } else if (roll < 0.88 && !human.admin()) {
      out.add(request(me, "list", Requests.NODES).code(403).at(at, rng));
    } else if (roll < 0.885 && pod != null && human.admin()) {
      // An interactive shell: the command is `sh` with a TTY, nothing passed to -c.
      out.add(
          request(me, "create", Requests.PODS)
              .in(ns)
              .named(pod.name())
              .sub("exec")
              .query(
                  "command=sh&container="
                      + workload.containers().get(0)
                      + "&stdin=true&stdout=true&tty=true")
              .code(101)
              .at(at, rng));
    } else if (roll < 0.89 && pod != null && workload.port() > 0) {
      out.add(
          request(me, "create", Requests.PODS)
              .in(ns)
              .named(pod.name())
              .sub("portforward")
              .code(101)
              .at(at, rng));
    } else if (roll < 0.90 && pod != null) {
      out.add(request(me, "delete", Requests.PODS).in(ns).named(pod.name()).at(at, rng));
    } else {
      out.add(request(me, "get", Requests.DEPLOYMENTS).in(ns).named(workload.name()).at(at, rng));
    }
  }

  /** Every namespace the cluster has (for admins). */
  static List<String> namespaces(ClusterModel cluster) {
    return new ArrayList<>(cluster.workloads.stream().map(Workload::namespace).distinct().toList());
  }
}
