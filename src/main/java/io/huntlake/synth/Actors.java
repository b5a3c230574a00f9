package io.huntlake.synth;

import io.huntlake.synth.Model.Human;
import io.huntlake.synth.Model.Node;
import io.huntlake.synth.Model.Pod;
import io.huntlake.synth.Model.Workload;
import io.huntlake.synth.Requests.Actor;
import java.util.List;

/** The identities that talk to a cluster's API server, with their real user agents and bindings. */
final class Actors {
  static final String K8S_VERSION = "v1.30.2 (linux/amd64) kubernetes/3968350";

  private Actors() {}

  static String controlPlaneIp(ClusterModel cluster) {
    return "10." + (10 + cluster.spec.index()) + ".255.10";
  }

  static Actor controllerManager(ClusterModel cluster) {
    return new Actor(
        "system:kube-controller-manager",
        List.of("system:authenticated"),
        "kube-controller-manager/" + K8S_VERSION + "/shared-informers",
        controlPlaneIp(cluster),
        "ClusterRoleBinding \"system:kube-controller-manager\" of ClusterRole \"system:kube-controller-manager\"");
  }

  /** One of kube-controller-manager's per-controller service accounts. */
  static Actor controller(ClusterModel cluster, String controller) {
    String user = "system:serviceaccount:kube-system:" + controller;
    return new Actor(
        user,
        List.of(
            "system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"),
        "kube-controller-manager/" + K8S_VERSION + "/" + user,
        controlPlaneIp(cluster),
        "ClusterRoleBinding \"system:controller:"
            + controller
            + "\" of ClusterRole \"system:controller:"
            + controller
            + "\"");
  }

  static Actor scheduler(ClusterModel cluster) {
    return new Actor(
        "system:kube-scheduler",
        List.of("system:authenticated"),
        "kube-scheduler/" + K8S_VERSION + "/scheduler",
        controlPlaneIp(cluster),
        "ClusterRoleBinding \"system:kube-scheduler\" of ClusterRole \"system:kube-scheduler\"");
  }

  /** A kubelet; the Node authorizer (not RBAC) allows it, so it has no binding. */
  static Actor kubelet(Node node) {
    return new Actor(
        "system:node:" + node.name(),
        List.of("system:nodes", "system:authenticated"),
        "kubelet/" + K8S_VERSION,
        node.ip(),
        null);
  }

  /** A workload's service account, calling from the pod's IP with the app's client user agent. */
  static Actor serviceAccount(Workload workload, Pod pod) {
    String agent =
        switch (workload.name()) {
          case "kube-proxy" -> "kube-proxy/" + K8S_VERSION;
          case "argocd-application-controller", "argocd-server" ->
              "argocd-application-controller/v2.11.3+4c8aa5a (linux/amd64) kubernetes/$Format";
          case "prometheus" -> "Prometheus/2.53.0";
          case "fluent-bit" -> "fluent-bit/3.0.7";
          case "cert-manager" ->
              "cert-manager-controller/v1.15.1 (linux/amd64) cert-manager/8dd5f1ef";
          default -> workload.name() + "/v0.0.0 (linux/amd64) kubernetes/$Format";
        };
    String ns = workload.namespace();
    return new Actor(
        workload.userName(),
        List.of("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated"),
        agent,
        pod == null ? "10.0.0.1" : pod.ip(),
        "ClusterRoleBinding \""
            + workload.name()
            + "\" of ClusterRole \""
            + workload.name()
            + "\"");
  }

  static Actor human(Human human) {
    String binding =
        human.admin()
            ? "ClusterRoleBinding \"oidc-sre-cluster-admin\" of ClusterRole \"cluster-admin\""
            : "RoleBinding \""
                + human.groups().get(0).replace("oidc:", "")
                + "-edit\" of ClusterRole \"edit\"";
    return new Actor(
        human.userName(), human.groups(), human.userAgent(), human.sourceIp(), binding);
  }
}
