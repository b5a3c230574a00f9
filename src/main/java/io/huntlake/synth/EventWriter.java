package io.huntlake.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huntlake.synth.LineSink.FileEntry;
import io.huntlake.synth.Model.Flavor;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one cluster-day of Kubernetes Events in the shape each kind of cluster here archives:
 * kubeadm runs kubernetes-event-exporter (core/v1 Event objects as JSON lines, one per update), EKS
 * exports events.k8s.io/v1 objects, AKS runs eventrouter ({@code {"verb", "event", "old_event"}}),
 * and the k3s edge cluster keeps a daily {@code kubectl get events -A -o json} snapshot
 * (pretty-printed, each event once in its last state).
 */
final class EventWriter {
  private EventWriter() {}

  /** One write of one event: its {@code index}-th occurrence (0-based). */
  private record Update(ClusterEvent event, int index) {
    Instant time() {
      return event.occurrences().get(index);
    }
  }

  static List<FileEntry> write(
      Path root, ClusterModel cluster, LocalDate date, List<ClusterEvent> events) {
    Flavor flavor = cluster.spec.flavor();
    String folder = "events/dt=" + date + "/cluster=" + cluster.name() + "/";
    if (flavor == Flavor.K3S) {
      return List.of(snapshot(root, folder, cluster, date, events));
    }
    List<Update> updates = new ArrayList<>();
    for (ClusterEvent event : events) {
      for (int i = 0; i < event.occurrences().size(); i++) {
        updates.add(new Update(event, i));
      }
    }
    updates.sort(
        Comparator.comparing(Update::time)
            .thenComparing(u -> u.event().uid())
            .thenComparingInt(Update::index));
    String format =
        switch (flavor) {
          case EKS -> "events-k8s-io";
          case AKS -> "eventrouter";
          default -> "k8s-event";
        };
    try (LineSink sink =
        new LineSink(
            root,
            folder + "event-exporter/events.jsonl.gz",
            "events",
            format,
            cluster.name(),
            date.toString())) {
      Map<String, Integer> version = new HashMap<>();
      for (Update update : updates) {
        ClusterEvent event = update.event();
        int resourceVersion = version.merge(event.uid(), 1, Integer::sum);
        ObjectNode record =
            switch (flavor) {
              case EKS -> eventsApi(cluster, event, update.index(), resourceVersion);
              case AKS -> eventrouter(cluster, event, update.index(), resourceVersion);
              default -> core(cluster, event, update.index(), resourceVersion);
            };
        sink.line(record.toString(), update.index() == 0 ? 1 : 0);
      }
      sink.close();
      return List.of(sink.entry());
    }
  }

  private static FileEntry snapshot(
      Path root, String folder, ClusterModel cluster, LocalDate date, List<ClusterEvent> events) {
    ObjectNode list = AuditJson.MAPPER.createObjectNode();
    list.put("apiVersion", "v1");
    ArrayNode items = list.putArray("items");
    events.stream()
        .sorted(Comparator.comparing(ClusterEvent::last).thenComparing(ClusterEvent::uid))
        .forEach(e -> items.add(core(cluster, e, e.occurrences().size() - 1, 1)));
    list.put("kind", "List");
    list.putObject("metadata").put("resourceVersion", "");
    String text;
    try {
      text =
          AuditJson.MAPPER
              .copy()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(list);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    try (LineSink sink =
        new LineSink(
            root,
            folder + "kubectl-get-events.json",
            "events",
            "k8s-event-list",
            cluster.name(),
            date.toString())) {
      String[] lines = text.split("\n");
      for (int i = 0; i < lines.length; i++) {
        sink.line(lines[i], i == lines.length - 1 ? events.size() : 0);
      }
      sink.close();
      return sink.entry();
    }
  }

  /** A core/v1 Event as the API server holds it after its {@code index}-th occurrence. */
  private static ObjectNode core(
      ClusterModel cluster, ClusterEvent event, int index, int resourceVersion) {
    ObjectNode node = AuditJson.MAPPER.createObjectNode();
    node.put("kind", "Event");
    node.put("apiVersion", "v1");
    metadata(node, event, resourceVersion);
    ObjectNode involved = node.putObject("involvedObject");
    object(involved, event);
    node.put("reason", event.reason());
    node.put("message", event.message());
    ObjectNode source = node.putObject("source");
    source.put("component", event.component());
    if (event.host() != null) {
      source.put("host", event.host());
    }
    node.put("firstTimestamp", seconds(event.first()));
    node.put("lastTimestamp", seconds(event.occurrences().get(index)));
    node.put("count", index + 1);
    node.put("type", event.type());
    node.putNull("eventTime");
    node.put("reportingComponent", event.component());
    node.put("reportingInstance", event.host() == null ? "" : event.host());
    return node;
  }

  /** An events.k8s.io/v1 Event after its {@code index}-th occurrence. */
  private static ObjectNode eventsApi(
      ClusterModel cluster, ClusterEvent event, int index, int resourceVersion) {
    ObjectNode node = AuditJson.MAPPER.createObjectNode();
    node.put("kind", "Event");
    node.put("apiVersion", "events.k8s.io/v1");
    metadata(node, event, resourceVersion);
    node.put("eventTime", micros(event.first()));
    if (index > 0) {
      ObjectNode series = node.putObject("series");
      series.put("count", index + 1);
      series.put("lastObservedTime", micros(event.occurrences().get(index)));
    }
    node.put("reportingController", event.component());
    node.put("reportingInstance", event.host() == null ? event.component() : event.host());
    node.put("action", event.reason().equals("Scheduled") ? "Binding" : event.reason());
    node.put("reason", event.reason());
    object(node.putObject("regarding"), event);
    node.put("note", event.message());
    node.put("type", event.type());
    return node;
  }

  /** eventrouter's record: ADDED for the first occurrence, UPDATED with the previous one after. */
  private static ObjectNode eventrouter(
      ClusterModel cluster, ClusterEvent event, int index, int resourceVersion) {
    ObjectNode node = AuditJson.MAPPER.createObjectNode();
    node.put("verb", index == 0 ? "ADDED" : "UPDATED");
    node.set("event", core(cluster, event, index, resourceVersion));
    if (index > 0) {
      node.set("old_event", core(cluster, event, index - 1, resourceVersion - 1));
    }
    return node;
  }

  private static void metadata(ObjectNode node, ClusterEvent event, int resourceVersion) {
    ObjectNode metadata = node.putObject("metadata");
    metadata.put("name", event.name());
    metadata.put("namespace", event.namespace());
    metadata.put("uid", event.uid());
    metadata.put("resourceVersion", String.valueOf(10_000_000 + resourceVersion));
    metadata.put("creationTimestamp", seconds(event.first()));
  }

  private static void object(ObjectNode object, ClusterEvent event) {
    object.put("kind", event.objectKind());
    if (event.objectNamespace() != null) {
      object.put("namespace", event.objectNamespace());
    }
    object.put("name", event.objectName());
    object.put("uid", event.objectUid());
    object.put(
        "apiVersion",
        switch (event.objectKind()) {
          case "ReplicaSet", "Deployment", "DaemonSet", "StatefulSet" -> "apps/v1";
          default -> "v1";
        });
    if (event.fieldPath() != null) {
      object.put("fieldPath", event.fieldPath());
    }
  }

  private static String seconds(Instant time) {
    return time.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String micros(Instant time) {
    return time.truncatedTo(ChronoUnit.MICROS).toString();
  }
}
