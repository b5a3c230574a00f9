package io.huntlake.synth;

import io.huntlake.synth.Model.Pod;
import java.time.Instant;
import java.util.List;

/**
 * One Kubernetes Event object over its life: what it is about, who reported it, and every time it
 * happened (the API server keeps one object and raises its count; exporters write it each time).
 *
 * @param occurrences the times it happened, in order; the first is its first timestamp
 */
record ClusterEvent(
    String uid,
    String name,
    String namespace,
    String type,
    String reason,
    String message,
    String objectKind,
    String objectNamespace,
    String objectName,
    String objectUid,
    String fieldPath,
    String component,
    String host,
    List<Instant> occurrences) {

  ClusterEvent {
    occurrences = List.copyOf(occurrences);
  }

  Instant first() {
    return occurrences.get(0);
  }

  Instant last() {
    return occurrences.get(occurrences.size() - 1);
  }

  /** An event about a pod, reported by the kubelet of its node (or by {@code component}). */
  static ClusterEvent aboutPod(
      Rng rng,
      Pod pod,
      String container,
      String type,
      String reason,
      String message,
      String component,
      List<Instant> occurrences) {
    String namespace = pod.workload().namespace();
    return new ClusterEvent(
        rng.uuid(),
        pod.name() + "." + rng.hex(16),
        namespace,
        type,
        reason,
        message,
        "Pod",
        namespace,
        pod.name(),
        pod.uid(),
        container == null ? null : "spec.containers{" + container + "}",
        component,
        component.equals("kubelet") ? pod.node().name() : null,
        occurrences);
  }

  /** An event about any other object (a ReplicaSet, a Deployment, a Node). */
  static ClusterEvent about(
      Rng rng,
      String kind,
      String namespace,
      String name,
      String type,
      String reason,
      String message,
      String component,
      String host,
      List<Instant> occurrences) {
    return new ClusterEvent(
        rng.uuid(),
        name + "." + rng.hex(16),
        namespace == null ? "default" : namespace,
        type,
        reason,
        message,
        kind,
        namespace,
        name,
        rng.uuid(),
        null,
        component,
        host,
        occurrences);
  }
}
