package io.huntlake.synth;

import static io.huntlake.synth.Requests.request;

import io.huntlake.synth.Model.Human;
import io.huntlake.synth.Model.Node;
import io.huntlake.synth.Model.Pod;
import io.huntlake.synth.Model.Workload;
import io.huntlake.synth.Model.WorkloadKind;
import io.huntlake.synth.Requests.Actor;
import io.huntlake.synth.Requests.Res;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ordinary API traffic of a cluster: control plane and kubelets at steady rates, applications
 * that use the API, CI rollouts on weekdays, and people with kubectl in office hours. Rates are
 * requests per hour at medium scale, before {@link Scale#apiRate()}.
 */
final class AuditTraffic {
  private final ClusterModel cluster;

  AuditTraffic(ClusterModel cluster) {
    this.cluster = cluster;
  }

  /** Steady background requests of one hour, in no particular order. */
  void backgroundHour(LocalDate date, int hour, Consumer<AuditEvent> out) {
    Rng rng = Rng.of(cluster.seed, cluster.name(), date, hour, "audit-background");
    Instant from = date.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(hour));
    Instant to = from.plus(Duration.ofHours(1));
    Periodic periodic = new Periodic(rng, from, out, cluster.scale.apiRate());
    Actor kcm = Actors.controllerManager(cluster);
    Actor scheduler = Actors.scheduler(cluster);
    List<Pod> alive = cluster.podsAlive(from, to);

    for (Node node : cluster.nodes) {
      Actor kubelet = Actors.kubelet(node);
      periodic.every(12, () -> request(kubelet, "get", Requests.NODES).named(node.name()));
      periodic.every(
          12, () -> request(kubelet, "patch", Requests.NODES).named(node.name()).sub("status"));
      periodic.watch(
          6,
          () ->
              request(kubelet, "watch", Requests.PODS)
                  .query(
                      "fieldSelector=spec.nodeName%3D"
                          + node.name()
                          + "&resourceVersion=0&watch=true"));
      periodic.watch(
          3,
          () ->
              request(kubelet, "watch", Requests.NODES)
                  .query("fieldSelector=metadata.name%3D" + node.name() + "&watch=true"));
    }
    for (Pod pod : alive) {
      // Projected service-account tokens are refreshed by the kubelet before they expire.
      Actor kubelet = Actors.kubelet(pod.node());
      periodic.every(
          1,
          () ->
              request(kubelet, "create", Requests.SERVICE_ACCOUNTS)
                  .in(pod.workload().namespace())
                  .named(pod.workload().serviceAccount())
                  .sub("token"));
      if (pod.workload().apiClient()) {
        clientTraffic(pod, periodic);
      }
    }
    for (Res res :
        List.of(
            Requests.PODS,
            Requests.DEPLOYMENTS,
            Requests.REPLICASETS,
            Requests.STATEFULSETS,
            Requests.DAEMONSETS,
            Requests.JOBS,
            Requests.SERVICES,
            Requests.ENDPOINTSLICES,
            Requests.NODES,
            Requests.NAMESPACES,
            Requests.SERVICE_ACCOUNTS,
            Requests.SECRETS)) {
      periodic.watch(7, () -> request(kcm, "watch", res));
    }
    periodic.every(6, () -> request(kcm, "list", Requests.NODES));
    Actor gc = Actors.controller(cluster, "generic-garbage-collector");
    periodic.every(
        10,
        () ->
            request(
                gc,
                "list",
                rng.pick(
                    List.of(
                        Requests.PODS,
                        Requests.REPLICASETS,
                        Requests.JOBS,
                        Requests.ENDPOINTSLICES))));
    Actor endpointSlices = Actors.controller(cluster, "endpointslice-controller");
    periodic.every(
        16,
        () -> {
          Workload w = rng.pick(cluster.workloads);
          return request(endpointSlices, "update", Requests.ENDPOINTSLICES)
              .in(w.namespace())
              .named(w.name() + "-" + rng.podSuffix(5));
        });
    for (Res res : List.of(Requests.PODS, Requests.NODES, Requests.SERVICES, Requests.NAMESPACES)) {
      periodic.watch(6, () -> request(scheduler, "watch", res));
    }
  }

  /** What applications that use the API ask of it, from their pod's IP. */
  private void clientTraffic(Pod pod, Periodic periodic) {
    Workload w = pod.workload();
    Actor sa = Actors.serviceAccount(w, pod);
    String ns = w.namespace();
    Rng rng = periodic.rng;
    switch (w.name()) {
      case "coredns" -> {
        periodic.watch(3, () -> request(sa, "watch", Requests.SERVICES));
        periodic.watch(3, () -> request(sa, "watch", Requests.ENDPOINTSLICES));
        periodic.watch(2, () -> request(sa, "watch", Requests.NAMESPACES));
      }
      case "kube-proxy" -> {
        periodic.watch(4, () -> request(sa, "watch", Requests.SERVICES));
        periodic.watch(4, () -> request(sa, "watch", Requests.ENDPOINTSLICES));
      }
      case "cilium" -> {
        periodic.watch(4, () -> request(sa, "watch", Requests.CILIUM_ENDPOINTS));
        periodic.every(
            6, () -> request(sa, "patch", Requests.CILIUM_NODES).named(pod.node().name()));
      }
      case "aws-node" -> {
        periodic.every(6, () -> request(sa, "get", Requests.NODES).named(pod.node().name()));
        periodic.every(
            4,
            () ->
                request(sa, "list", Requests.PODS)
                    .query("fieldSelector=spec.nodeName%3D" + pod.node().name()));
      }
      case "metrics-server" -> periodic.every(6, () -> request(sa, "list", Requests.NODES));
      case "fluent-bit" ->
          periodic.every(
              6,
              () -> {
                Pod other = rng.pick(cluster.pods);
                return request(sa, "get", Requests.PODS)
                    .in(other.workload().namespace())
                    .named(other.name());
              });
      case "prometheus" -> {
        for (Res res :
            List.of(Requests.PODS, Requests.ENDPOINTS, Requests.SERVICES, Requests.NODES)) {
          periodic.watch(4, () -> request(sa, "watch", res));
        }
        periodic.every(20, () -> request(sa, "list", Requests.PODS));
      }
      case "cert-manager" -> {
        periodic.every(6, () -> request(sa, "list", Requests.CERTIFICATES));
        periodic.every(
            6,
            () ->
                request(sa, "get", Requests.SECRETS)
                    .in(rng.pick(List.of("ingress-nginx", "payments", "checkout")))
                    .named("wildcard-tls"));
        periodic.every(
            30,
            () -> request(sa, "update", Requests.LEASES).in(ns).named("cert-manager-controller"));
      }
      case "argocd-application-controller" -> {
        periodic.every(
            120,
            () -> {
              Workload target = rng.pick(cluster.workloads);
              return request(sa, "get", Res.of("apps", target.kind().resource, true))
                  .in(target.namespace())
                  .named(target.name());
            });
        periodic.every(
            60,
            () ->
                request(
                    sa,
                    "list",
                    rng.pick(
                        List.of(
                            Requests.DEPLOYMENTS,
                            Requests.SERVICES,
                            Requests.CONFIGMAPS,
                            Requests.INGRESSES,
                            Requests.STATEFULSETS))));
        periodic.every(
            12,
            () ->
                request(sa, "patch", Requests.APPLICATIONS)
                    .in(ns)
                    .named(rng.pick(cluster.workloads).namespace()));
      }
      case "argocd-server" ->
          periodic.every(10, () -> request(sa, "list", Requests.APPLICATIONS).in(ns));
      // Polls its config map every 30 s instead of watching it: the top talker a capacity review
      // should find.
      case "payments-worker" ->
          periodic.every(
              120,
              () -> request(sa, "get", Requests.CONFIGMAPS).in(ns).named("payments-worker-config"));
      case "ingress-nginx-controller" -> {
        periodic.watch(4, () -> request(sa, "watch", Requests.INGRESSES));
        periodic.watch(4, () -> request(sa, "watch", Requests.ENDPOINTSLICES));
        periodic.every(
            30, () -> request(sa, "update", Requests.LEASES).in(ns).named("ingress-nginx-leader"));
      }
      default ->
          periodic.every(
              4, () -> request(sa, "get", Requests.CONFIGMAPS).in(ns).named(w.name() + "-config"));
    }
  }

  /** The discrete events of a day: pod lifecycles, rollouts, people, certificate renewals. */
  List<AuditEvent> dayEvents(LocalDate date) {
    Rng rng = Rng.of(cluster.seed, cluster.name(), date, "audit-day");
    Instant dayStart = date.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant dayEnd = dayStart.plus(Duration.ofDays(1));
    List<AuditEvent> events = new ArrayList<>();
    for (Pod pod : cluster.pods) {
      if (!pod.start().isBefore(dayStart) && pod.start().isBefore(dayEnd)) {
        podCreated(pod, rng, events);
      }
      if (!pod.end().isBefore(dayStart) && pod.end().isBefore(dayEnd)) {
        podDeleted(pod, rng, events);
      }
    }
    for (ClusterModel.Rollout rollout : cluster.rollouts) {
      if (!rollout.at().isBefore(dayStart) && rollout.at().isBefore(dayEnd)) {
        rollout(rollout, rng, events);
      }
    }
    for (Human human : cluster.humans) {
      new HumanSessions(cluster, human, rng).day(date, events);
    }
    if (rng.chance(0.2)) {
      certificateRenewal(dayStart.plusSeconds(rng.nextInt(86_400)), rng, events);
    }
    if (ClusterModel.isWeekday(date) && rng.chance(0.3)) {
      ciAppliesSecret(
          dayStart.plus(Duration.ofHours(10)).plusSeconds(rng.nextInt(6 * 3600)), rng, events);
    }
    return events;
  }

  private void podCreated(Pod pod, Rng rng, List<AuditEvent> events) {
    Workload w = pod.workload();
    String controller =
        switch (pod.createdBy()) {
          case "StatefulSet" -> "statefulset-controller";
          case "DaemonSet" -> "daemon-set-controller";
          case "Job" -> "job-controller";
          default -> "replicaset-controller";
        };
    String owner =
        switch (pod.createdBy()) {
          case "ReplicaSet" -> pod.name().substring(0, pod.name().length() - 6);
          case "Job" -> pod.name().substring(0, pod.name().length() - 6);
          default -> w.name();
        };
    Instant at = pod.start();
    if (w.kind() == WorkloadKind.CRONJOB) {
      Actor cronjobs = Actors.controller(cluster, "cronjob-controller");
      events.add(
          request(cronjobs, "create", Requests.JOBS)
              .in(w.namespace())
              .bodies(
                  K8sObjects.obj(
                      "kind",
                      "Job",
                      "apiVersion",
                      "batch/v1",
                      "metadata",
                      K8sObjects.metadata(owner, w.namespace(), null)),
                  null)
              .at(at.minusMillis(1500), rng));
    }
    Map<String, Object> body = K8sObjects.pod(pod, pod.createdBy(), owner, rng.uuid(), rng);
    events.add(
        request(Actors.controller(cluster, controller), "create", Requests.PODS)
            .in(w.namespace())
            .bodies(body, K8sObjects.stored(body, pod.uid(), at, 5_000_000 + rng.nextInt(900_000)))
            .at(at, rng));
    events.add(
        request(Actors.scheduler(cluster), "create", Requests.PODS)
            .in(w.namespace())
            .named(pod.name())
            .sub("binding")
            .at(at.plusMillis(20 + rng.nextInt(200)), rng));
    Actor kubelet = Actors.kubelet(pod.node());
    events.add(
        request(kubelet, "get", Requests.PODS)
            .in(w.namespace())
            .named(pod.name())
            .at(at.plusMillis(300 + rng.nextInt(300)), rng));
    events.add(
        request(kubelet, "patch", Requests.PODS)
            .in(w.namespace())
            .named(pod.name())
            .sub("status")
            .at(at.plusMillis(700 + rng.nextInt(500)), rng));
    events.add(
        request(kubelet, "patch", Requests.PODS)
            .in(w.namespace())
            .named(pod.name())
            .sub("status")
            .at(at.plusSeconds(3 + rng.nextInt(20)), rng));
  }

  private void podDeleted(Pod pod, Rng rng, List<AuditEvent> events) {
    Workload w = pod.workload();
    Instant at = pod.end().minusSeconds(30);
    if (w.kind() != WorkloadKind.CRONJOB) {
      String controller =
          pod.createdBy().equals("ReplicaSet")
              ? "replicaset-controller"
              : pod.createdBy().equals("StatefulSet")
                  ? "statefulset-controller"
                  : "daemon-set-controller";
      events.add(
          request(Actors.controller(cluster, controller), "delete", Requests.PODS)
              .in(w.namespace())
              .named(pod.name())
              .at(at, rng));
    }
    Actor kubelet = Actors.kubelet(pod.node());
    events.add(
        request(kubelet, "patch", Requests.PODS)
            .in(w.namespace())
            .named(pod.name())
            .sub("status")
            .at(pod.end().minusSeconds(2), rng));
    events.add(
        request(kubelet, "delete", Requests.PODS)
            .in(w.namespace())
            .named(pod.name())
            .at(pod.end(), rng));
  }

  private void rollout(ClusterModel.Rollout rollout, Rng rng, List<AuditEvent> events) {
    Workload w = rollout.workload();
    Actor ci = Actors.human(cluster.deployer);
    Instant at = rollout.at();
    events.add(
        request(ci, "get", Requests.DEPLOYMENTS)
            .in(w.namespace())
            .named(w.name())
            .at(at.minusMillis(900), rng));
    Map<String, Object> patch = K8sObjects.imagePatch(w, rollout.image());
    events.add(
        request(ci, "patch", Requests.DEPLOYMENTS)
            .in(w.namespace())
            .named(w.name())
            .bodies(
                patch,
                K8sObjects.obj(
                    "kind",
                    "Deployment",
                    "apiVersion",
                    "apps/v1",
                    "metadata",
                    K8sObjects.metadata(w.name(), w.namespace(), null),
                    "spec",
                    patch.get("spec")))
            .at(at, rng));
    Actor deployments = Actors.controller(cluster, "deployment-controller");
    events.add(
        request(deployments, "create", Requests.REPLICASETS)
            .in(w.namespace())
            .at(at.plusMillis(40), rng));
    for (int i = 0; i < 6; i++) {
      events.add(
          request(ci, "get", Requests.DEPLOYMENTS)
              .in(w.namespace())
              .named(w.name())
              .at(at.plusSeconds(2 + i * 5L), rng));
      events.add(
          request(deployments, "update", Requests.DEPLOYMENTS)
              .in(w.namespace())
              .named(w.name())
              .sub("status")
              .at(at.plusSeconds(1 + i * 5L), rng));
    }
  }

  private void certificateRenewal(Instant at, Rng rng, List<AuditEvent> events) {
    if (!cluster.hasWorkload("cert-manager/cert-manager")) {
      return;
    }
    Workload certManager = cluster.workload("cert-manager/cert-manager");
    Actor sa = Actors.serviceAccount(certManager, cluster.podOf(certManager, at, rng));
    String ns = rng.pick(List.of("ingress-nginx", "payments", "checkout"));
    Map<String, Object> data =
        K8sObjects.obj("tls.crt", rng.base64(900), "tls.key", rng.base64(1200));
    Map<String, Object> secret =
        K8sObjects.secret("wildcard-tls", ns, "kubernetes.io/tls", data, false);
    events.add(
        request(sa, "update", Requests.SECRETS)
            .in(ns)
            .named("wildcard-tls")
            .bodies(
                secret,
                K8sObjects.stored(
                    secret,
                    rng.uuid(),
                    at.minus(Duration.ofDays(60)),
                    7_000_000 + rng.nextInt(100_000)))
            .at(at, rng));
  }

  /**
   * `kubectl apply` of an application's environment Secret by CI: data and the applied-config copy.
   */
  private void ciAppliesSecret(Instant at, Rng rng, List<AuditEvent> events) {
    Actor ci = Actors.human(cluster.deployer);
    Map<String, Object> data =
        K8sObjects.obj(
            "DATABASE_URL",
                java.util.Base64.getEncoder()
                    .encodeToString(
                        ("postgres://payments:"
                                + rng.hex(24)
                                + "@payments-db.payments.svc:5432/payments")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "STRIPE_API_KEY",
                java.util.Base64.getEncoder()
                    .encodeToString(
                        ("sk_live_" + rng.hex(24))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Map<String, Object> secret =
        K8sObjects.secret("payments-api-env", "payments", "Opaque", data, true);
    events.add(
        request(ci, "get", Requests.SECRETS)
            .in("payments")
            .named("payments-api-env")
            .at(at.minusMillis(400), rng));
    events.add(
        request(ci, "patch", Requests.SECRETS)
            .in("payments")
            .named("payments-api-env")
            .bodies(
                secret,
                K8sObjects.stored(
                    secret,
                    rng.uuid(),
                    at.minus(Duration.ofDays(90)),
                    7_100_000 + rng.nextInt(100_000)))
            .at(at, rng));
  }

  /** Emits a request type a number of times per hour at random moments of the hour. */
  private static final class Periodic {
    private final Rng rng;
    private final Instant from;
    private final Consumer<AuditEvent> out;
    private final double rate;

    Periodic(Rng rng, Instant from, Consumer<AuditEvent> out, double rate) {
      this.rng = rng;
      this.from = from;
      this.out = out;
      this.rate = rate;
    }

    void every(double perHour, java.util.function.Supplier<Requests.Request> request) {
      int n = rng.count(perHour * rate);
      for (int i = 0; i < n; i++) {
        out.accept(request.get().at(rng.instantIn(from, 3600), rng));
      }
    }

    /** A watch is logged when its response starts and again when the server closes it. */
    void watch(double perHour, java.util.function.Supplier<Requests.Request> request) {
      int n = rng.count(perHour * rate);
      for (int i = 0; i < n; i++) {
        AuditEvent started =
            request
                .get()
                .latencyMicros(2_000)
                .at(rng.instantIn(from, 3600), rng)
                .atStage("ResponseStarted", null);
        AuditEvent withStart =
            started.atStage("ResponseStarted", started.received().plusNanos(1_500_000));
        out.accept(withStart);
        out.accept(
            withStart.atStage(
                "ResponseComplete", started.received().plusSeconds(300 + rng.nextInt(240))));
      }
    }
  }
}
