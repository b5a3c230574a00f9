package io.huntlake.synth;

import io.huntlake.synth.Model.Pod;
import io.huntlake.synth.Model.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kubernetes objects as audit request/response bodies, shaped like the real API's JSON. */
final class K8sObjects {
  private K8sObjects() {}

  /** An ordered JSON object from alternating keys and values; null values are left out. */
  static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return map;
  }

  static Map<String, Object> metadata(String name, String namespace, Map<String, Object> labels) {
    return obj("name", name, "namespace", namespace, "creationTimestamp", null, "labels", labels);
  }

  /** The object as stored: the request plus server-set uid, resourceVersion and timestamp. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> stored(
      Map<String, Object> request, String uid, Instant created, long resourceVersion) {
    Map<String, Object> response = new LinkedHashMap<>(request);
    Map<String, Object> meta =
        new LinkedHashMap<>((Map<String, Object>) request.getOrDefault("metadata", Map.of()));
    meta.put("uid", uid);
    meta.put("resourceVersion", String.valueOf(resourceVersion));
    meta.put(
        "creationTimestamp", created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    response.put("metadata", meta);
    return response;
  }

  static Map<String, Object> container(
      String name,
      String image,
      int port,
      Map<String, Object> securityContext,
      List<Object> mounts) {
    return obj(
        "name",
        name,
        "image",
        image,
        "ports",
        port > 0 ? List.of(obj("containerPort", port, "protocol", "TCP")) : null,
        "resources",
        obj("limits", obj("memory", "512Mi"), "requests", obj("cpu", "100m", "memory", "256Mi")),
        "volumeMounts",
        mounts,
        "terminationMessagePath",
        "/dev/termination-log",
        "terminationMessagePolicy",
        "File",
        "imagePullPolicy",
        "IfNotPresent",
        "securityContext",
        securityContext);
  }

  static Map<String, Object> restrictedSecurityContext() {
    return obj(
        "allowPrivilegeEscalation",
        false,
        "capabilities",
        obj("drop", List.of("ALL")),
        "readOnlyRootFilesystem",
        true,
        "runAsNonRoot",
        true);
  }

  /** The pod a controller creates for a workload replica. */
  static Map<String, Object> pod(
      Pod pod, String ownerKind, String ownerName, String ownerUid, Rng rng) {
    Workload workload = pod.workload();
    String tokenVolume = "kube-api-access-" + rng.podSuffix(5);
    List<Object> containers = new ArrayList<>();
    for (String container : workload.containers()) {
      boolean sidecar = container.equals("envoy");
      containers.add(
          container(
              container,
              sidecar ? "docker.io/envoyproxy/envoy:v1.30.2" : workload.image(),
              sidecar ? 15001 : workload.port(),
              restrictedSecurityContext(),
              List.of(
                  obj(
                      "name",
                      tokenVolume,
                      "readOnly",
                      true,
                      "mountPath",
                      "/var/run/secrets/kubernetes.io/serviceaccount"))));
    }
    Map<String, Object> labels =
        obj(
            "app.kubernetes.io/name",
            workload.name(),
            "app.kubernetes.io/part-of",
            workload.namespace());
    return obj(
        "kind", "Pod",
        "apiVersion", "v1",
        "metadata",
            obj(
                "name",
                ownerKind.equals("StatefulSet") ? pod.name() : null,
                "generateName",
                ownerKind.equals("StatefulSet")
                    ? null
                    : pod.name().substring(0, pod.name().length() - 5),
                "namespace",
                workload.namespace(),
                "creationTimestamp",
                null,
                "labels",
                labels,
                "ownerReferences",
                List.of(
                    obj(
                        "apiVersion",
                        ownerKind.equals("Job") ? "batch/v1" : "apps/v1",
                        "kind",
                        ownerKind,
                        "name",
                        ownerName,
                        "uid",
                        ownerUid,
                        "controller",
                        true,
                        "blockOwnerDeletion",
                        true))),
        "spec",
            obj(
                "volumes",
                List.of(tokenVolume(tokenVolume)),
                "containers",
                containers,
                "restartPolicy",
                ownerKind.equals("Job") ? "OnFailure" : "Always",
                "terminationGracePeriodSeconds",
                30,
                "dnsPolicy",
                "ClusterFirst",
                "serviceAccountName",
                workload.serviceAccount(),
                "serviceAccount",
                workload.serviceAccount(),
                "securityContext",
                obj("runAsNonRoot", true, "seccompProfile", obj("type", "RuntimeDefault")),
                "schedulerName",
                "default-scheduler",
                "enableServiceLinks",
                false,
                "preemptionPolicy",
                "PreemptLowerPriority"),
        "status", obj("phase", "Pending", "qosClass", "Burstable"));
  }

  /** The projected service-account token volume every pod gets. */
  private static Map<String, Object> tokenVolume(String name) {
    List<Object> sources =
        List.of(
            obj("serviceAccountToken", obj("expirationSeconds", 3607, "path", "token")),
            obj(
                "configMap",
                obj(
                    "name",
                    "kube-root-ca.crt",
                    "items",
                    List.of(obj("key", "ca.crt", "path", "ca.crt")))));
    return obj("name", name, "projected", obj("sources", sources, "defaultMode", 420));
  }

  /** The strategic-merge patch `kubectl set image` sends. */
  static Map<String, Object> imagePatch(Workload workload, String image) {
    return obj(
        "spec",
        obj(
            "template",
            obj(
                "spec",
                obj(
                    "containers",
                    List.of(obj("name", workload.containers().get(0), "image", image))))));
  }

  /**
   * A Secret with base64 data, optionally applied with kubectl (which copies it into an
   * annotation).
   */
  static Map<String, Object> secret(
      String name, String namespace, String type, Map<String, Object> data, boolean kubectlApply) {
    Map<String, Object> annotations = null;
    if (kubectlApply) {
      Map<String, Object> applied =
          obj(
              "apiVersion",
              "v1",
              "kind",
              "Secret",
              "metadata",
              obj("annotations", obj(), "name", name, "namespace", namespace),
              "type",
              type,
              "data",
              data);
      annotations =
          obj("kubectl.kubernetes.io/last-applied-configuration", AuditJson.toJson(applied) + "\n");
    }
    return obj(
        "kind",
        "Secret",
        "apiVersion",
        "v1",
        "metadata",
        obj(
            "name",
            name,
            "namespace",
            namespace,
            "creationTimestamp",
            null,
            "annotations",
            annotations),
        "data",
        data,
        "type",
        type);
  }

  static Map<String, Object> role(String kind, String name, String namespace, List<Object> rules) {
    return obj(
        "kind",
        kind,
        "apiVersion",
        "rbac.authorization.k8s.io/v1",
        "metadata",
        obj("name", name, "namespace", namespace, "creationTimestamp", null),
        "rules",
        rules);
  }

  static Map<String, Object> rule(List<String> groups, List<String> resources, List<String> verbs) {
    return obj("apiGroups", groups, "resources", resources, "verbs", verbs);
  }

  static Map<String, Object> binding(
      String kind,
      String name,
      String namespace,
      String roleKind,
      String roleName,
      Map<String, Object> subject) {
    return obj(
        "kind",
        kind,
        "apiVersion",
        "rbac.authorization.k8s.io/v1",
        "metadata",
        obj("name", name, "namespace", namespace, "creationTimestamp", null),
        "subjects",
        List.of(subject),
        "roleRef",
        obj("apiGroup", "rbac.authorization.k8s.io", "kind", roleKind, "name", roleName));
  }

  static Map<String, Object> userSubject(String name) {
    return obj("kind", "User", "apiGroup", "rbac.authorization.k8s.io", "name", name);
  }

  static Map<String, Object> serviceAccountSubject(String name, String namespace) {
    return obj("kind", "ServiceAccount", "name", name, "namespace", namespace);
  }

  static Map<String, Object> tokenRequest(int seconds) {
    return obj(
        "kind",
        "TokenRequest",
        "apiVersion",
        "authentication.k8s.io/v1",
        "metadata",
        obj("creationTimestamp", null),
        "spec",
        obj(
            "audiences",
            List.of("https://kubernetes.default.svc.cluster.local"),
            "expirationSeconds",
            seconds,
            "boundObjectRef",
            null),
        "status",
        obj("token", "", "expirationTimestamp", null));
  }

  /** A signed-looking service-account JWT (random bytes; the shape of a real one). */
  static String fakeJwt(Rng rng) {
    return "eyJhbGciOiJSUzI1NiIsImtpZCI6I"
        + rng.base64(12).replace("=", "").replace('+', 'x').replace('/', 'y')
        + "."
        + rng.base64(180).replace("=", "").replace('+', '-').replace('/', '_')
        + "."
        + rng.base64(256).replace("=", "").replace('+', '-').replace('/', '_');
  }
}
