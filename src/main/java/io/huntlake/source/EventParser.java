package io.huntlake.source;

import static io.huntlake.table.K8sEventsTable.ACTION;
import static io.huntlake.table.K8sEventsTable.CLUSTER;
import static io.huntlake.table.K8sEventsTable.COUNT;
import static io.huntlake.table.K8sEventsTable.EVENT_DATE;
import static io.huntlake.table.K8sEventsTable.EVENT_NAME;
import static io.huntlake.table.K8sEventsTable.EVENT_TS;
import static io.huntlake.table.K8sEventsTable.EVENT_UID;
import static io.huntlake.table.K8sEventsTable.EXTRA;
import static io.huntlake.table.K8sEventsTable.FIRST_TS;
import static io.huntlake.table.K8sEventsTable.INGEST_DATE;
import static io.huntlake.table.K8sEventsTable.INGEST_RUN_ID;
import static io.huntlake.table.K8sEventsTable.MESSAGE;
import static io.huntlake.table.K8sEventsTable.NAMESPACE;
import static io.huntlake.table.K8sEventsTable.OBJECT_FIELD_PATH;
import static io.huntlake.table.K8sEventsTable.OBJECT_KIND;
import static io.huntlake.table.K8sEventsTable.OBJECT_NAME;
import static io.huntlake.table.K8sEventsTable.OBJECT_NAMESPACE;
import static io.huntlake.table.K8sEventsTable.OBJECT_UID;
import static io.huntlake.table.K8sEventsTable.POD;
import static io.huntlake.table.K8sEventsTable.REASON;
import static io.huntlake.table.K8sEventsTable.REPORTING_COMPONENT;
import static io.huntlake.table.K8sEventsTable.REPORTING_INSTANCE;
import static io.huntlake.table.K8sEventsTable.SCHEMA;
import static io.huntlake.table.K8sEventsTable.SOURCE_FILE;
import static io.huntlake.table.K8sEventsTable.SOURCE_FORMAT;
import static io.huntlake.table.K8sEventsTable.SOURCE_LINE;
import static io.huntlake.table.K8sEventsTable.TYPE;
import static io.huntlake.table.K8sEventsTable.WORKLOAD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/**
 * Kubernetes Event objects in the shapes people archive them, detected per record:
 *
 * <ul>
 *   <li>{@code k8s-event}: core/v1 Event objects, one per line (kubernetes-event-exporter, Fluent
 *       Bit's kubernetes_events input, {@code kubectl get events -w -o json | jq -c})
 *   <li>{@code events-k8s-io}: events.k8s.io/v1 Event objects ({@code regarding}, {@code note},
 *       {@code series})
 *   <li>{@code eventrouter}: eventrouter's {@code {"verb": "ADDED|UPDATED", "event": {...},
 *       "old_event": {...}}} records, also behind the klog prefix of its stdout sink
 *   <li>{@code k8s-event-list}: lists ({@code kubectl get events -A -o json}), on one line or
 *       pretty-printed over many: a document is gathered from a line holding only <code>{</code> to
 *       the next line holding only <code>}</code> (its lines count as joined into the last)
 * </ul>
 *
 * Every update of an event is a row here; ingest keeps the one with the highest count per event.
 */
final class EventParser implements LineParser {
  static final String CORE = "k8s-event";
  static final String EVENTS_API = "events-k8s-io";
  static final String EVENTROUTER = "eventrouter";
  static final String LIST = "k8s-event-list";

  private static final int WIDTH = SCHEMA.size();
  private static final byte[] EVENTROUTER_START = "{\"verb\":".getBytes(StandardCharsets.US_ASCII);

  /** Fields of an Event mapped to columns (or deliberately dropped, like managedFields). */
  private static final Set<String> MAPPED =
      Set.of(
          "kind",
          "apiVersion",
          "metadata",
          "involvedObject",
          "regarding",
          "related",
          "reason",
          "message",
          "note",
          "type",
          "action",
          "count",
          "deprecatedCount",
          "firstTimestamp",
          "lastTimestamp",
          "deprecatedFirstTimestamp",
          "deprecatedLastTimestamp",
          "eventTime",
          "series",
          "source",
          "deprecatedSource",
          "reportingComponent",
          "reportingController",
          "reportingInstance");

  private final SourceFile file;
  private final ParseLimits limits;

  /** A pretty-printed document being gathered, with its first line and line count. */
  private ByteArrayOutputStream document;

  private long documentStart;
  private long documentLines;

  EventParser(SourceFile file, ParseLimits limits) {
    this.file = file;
    this.limits = limits;
  }

  @Override
  public void line(Line line, RecordSink sink) {
    if (document != null) {
      gather(line, sink);
      return;
    }
    try {
      Lines.checkReadable(line, limits);
      byte[] bytes = line.bytes();
      if (onlyBrace(bytes, (byte) '{')) {
        document = new ByteArrayOutputStream();
        document.write(bytes, 0, bytes.length);
        documentStart = line.number();
        documentLines = 1;
        return;
      }
      int start = objectStart(bytes);
      records(Lines.parseObject(bytes, start), line.number(), sink);
    } catch (Rejection rejection) {
      sink.reject(line.number(), rejection.getMessage(), line.text(), line.length(), null);
    }
  }

  @Override
  public void finish(RecordSink sink) {
    if (document != null) {
      rejectDocument("the file ended inside a JSON document begun at line " + documentStart, sink);
    }
  }

  private void gather(Line line, RecordSink sink) {
    if (line.oversized()
        || document.size() + (long) line.bytes().length + 1 > limits.maxLineBytes()) {
      documentLines++;
      rejectDocument(
          "JSON document begun at line "
              + documentStart
              + " is longer than ingest.max_line_bytes ("
              + limits.maxLineBytes()
              + ")",
          sink);
      return;
    }
    document.write('\n');
    document.write(line.bytes(), 0, line.bytes().length);
    documentLines++;
    if (!onlyBrace(line.bytes(), (byte) '}')) {
      return;
    }
    byte[] bytes = document.toByteArray();
    long lines = documentLines;
    document = null;
    sink.joined(lines - 1);
    try {
      records(Lines.parseObject(bytes, 0), line.number(), sink);
    } catch (Rejection rejection) {
      sink.reject(
          line.number(),
          rejection.getMessage()
              + " (JSON document of lines "
              + documentStart
              + "-"
              + line.number()
              + ")",
          new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8),
          bytes.length,
          LIST);
    }
  }

  private void rejectDocument(String reason, RecordSink sink) {
    byte[] bytes = document.toByteArray();
    sink.joined(documentLines - 1);
    sink.reject(
        documentStart + documentLines - 1,
        reason,
        new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8),
        bytes.length,
        LIST);
    document = null;
  }

  /**
   * Where the JSON object of a line starts: 0, or after a log prefix before eventrouter's record.
   */
  private static int objectStart(byte[] bytes) throws Rejection {
    if (bytes.length > 0 && bytes[0] == '{') {
      return 0;
    }
    for (int i = 0; i + EVENTROUTER_START.length <= bytes.length; i++) {
      if (java.util.Arrays.equals(
          bytes, i, i + EVENTROUTER_START.length, EVENTROUTER_START, 0, EVENTROUTER_START.length)) {
        return i;
      }
    }
    throw new Rejection("not a Kubernetes Event: a JSON object was expected");
  }

  /**
   * A line that is the brace alone at its start (trailing blanks allowed), as pretty printers write
   * a top-level document's first and last line; nested braces are indented.
   */
  private static boolean onlyBrace(byte[] bytes, byte brace) {
    if (bytes.length == 0 || bytes[0] != brace) {
      return false;
    }
    for (int i = 1; i < bytes.length; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  /** The events of one JSON value: a list's items, an eventrouter record's event, or an event. */
  private void records(JsonNode root, long lineNumber, RecordSink sink) throws Rejection {
    JsonNode items = root.get("items");
    String kind = Json.text(root, "kind");
    if (items != null && items.isArray()) {
      if (kind != null && !kind.endsWith("List")) {
        throw new Rejection("a " + kind + " with items, not an EventList or List of Events");
      }
      Lines.checkFormat(file, LIST);
      if (items.isEmpty()) {
        throw new Rejection("event list has no items");
      }
      sink.batchRecords(items.size() - 1);
      for (JsonNode item : items) {
        try {
          if (!item.isObject()) {
            throw new Rejection("list item is not an object");
          }
          emit(event(item, LIST, null, lineNumber), sink);
        } catch (Rejection rejection) {
          sink.reject(
              lineNumber, rejection.getMessage(), item.toString(), item.toString().length(), LIST);
        }
      }
      return;
    }
    if (root.has("verb") && root.path("event").isObject()) {
      Lines.checkFormat(file, EVENTROUTER);
      emit(event(root.get("event"), EVENTROUTER, Json.text(root, "verb"), lineNumber), sink);
      return;
    }
    String format = isEventsApi(root) ? EVENTS_API : CORE;
    Lines.checkFormat(file, format);
    emit(event(root, format, null, lineNumber), sink);
  }

  private static void emit(Object[] row, RecordSink sink) {
    sink.row(
        row,
        (Instant) row[SCHEMA.fieldIndex(EVENT_TS)],
        (String) row[SCHEMA.fieldIndex(SOURCE_FORMAT)]);
  }

  private static boolean isEventsApi(JsonNode event) {
    String apiVersion = Json.text(event, "apiVersion");
    return apiVersion != null
        ? apiVersion.startsWith("events.k8s.io/")
        : event.has("regarding") || event.has("note");
  }

  private Object[] event(JsonNode event, String format, String verb, long lineNumber)
      throws Rejection {
    String kind = Json.text(event, "kind");
    if (kind != null && !kind.equals("Event")) {
      throw new Rejection("a " + kind + ", not a Kubernetes Event");
    }
    JsonNode object =
        event.has("regarding") ? event.path("regarding") : event.path("involvedObject");
    String reason = Json.text(event, "reason");
    if (!object.isObject() && reason == null) {
      throw new Rejection("not a Kubernetes Event: no involvedObject, regarding or reason");
    }
    JsonNode metadata = event.path("metadata");
    JsonNode series = event.path("series");
    Instant last =
        firstTime(
            Json.text(series, "lastObservedTime"),
            Json.text(event, "lastTimestamp"),
            Json.text(event, "deprecatedLastTimestamp"),
            Json.text(event, "eventTime"),
            Json.text(metadata, "creationTimestamp"));
    if (last == null) {
      throw new Rejection(
          "Event without a valid time (series.lastObservedTime, lastTimestamp, eventTime or"
              + " metadata.creationTimestamp)");
    }
    Instant first =
        firstTime(
            Json.text(event, "firstTimestamp"),
            Json.text(event, "deprecatedFirstTimestamp"),
            Json.text(event, "eventTime"));
    if (first == null || first.isAfter(last)) {
      first = last;
    }
    String name = Json.text(metadata, "name");
    String namespace = Json.text(metadata, "namespace");
    String objectNamespace = Json.text(object, "namespace");
    String uid = Json.text(metadata, "uid");
    if (uid == null) {
      if (name == null) {
        throw new Rejection("Event without metadata.uid or metadata.name");
      }
      uid = (namespace == null ? "" : namespace) + "/" + name;
    }
    String objectKind = Json.text(object, "kind");
    String objectName = Json.text(object, "name");
    JsonNode source = event.has("source") ? event.path("source") : event.path("deprecatedSource");

    Object[] row = new Object[WIDTH];
    set(row, EVENT_DATE, Timestamps.utcDay(last));
    set(row, INGEST_DATE, file.ingestDate());
    set(row, EVENT_TS, last);
    set(row, FIRST_TS, first);
    set(row, CLUSTER, file.cluster());
    set(row, EVENT_UID, uid);
    set(row, EVENT_NAME, name);
    set(row, NAMESPACE, namespace != null ? namespace : objectNamespace);
    set(row, TYPE, Json.text(event, "type"));
    set(row, REASON, reason);
    set(row, MESSAGE, event.has("note") ? Json.text(event, "note") : Json.text(event, "message"));
    set(row, ACTION, Json.text(event, "action"));
    set(row, COUNT, count(event, series));
    set(row, OBJECT_KIND, objectKind);
    set(row, OBJECT_NAMESPACE, objectNamespace);
    set(row, OBJECT_NAME, objectName);
    set(row, OBJECT_UID, Json.text(object, "uid"));
    set(row, OBJECT_FIELD_PATH, Json.text(object, "fieldPath"));
    boolean pod = "Pod".equals(objectKind);
    set(row, POD, pod ? objectName : null);
    set(row, WORKLOAD, workload(objectKind, objectName));
    set(
        row,
        REPORTING_COMPONENT,
        firstText(
            Json.text(event, "reportingController"),
            Json.text(event, "reportingComponent"),
            Json.text(source, "component")));
    set(
        row,
        REPORTING_INSTANCE,
        firstText(Json.text(event, "reportingInstance"), Json.text(source, "host")));
    set(row, EXTRA, extra(event, metadata, verb));
    set(row, SOURCE_FORMAT, format);
    set(row, SOURCE_FILE, file.path());
    set(row, SOURCE_LINE, lineNumber);
    set(row, INGEST_RUN_ID, "");
    return row;
  }

  /** The highest count the event carries (series.count, count, deprecatedCount), at least 1. */
  private static int count(JsonNode event, JsonNode series) {
    int count = 1;
    for (JsonNode value :
        new JsonNode[] {series.get("count"), event.get("count"), event.get("deprecatedCount")}) {
      if (value != null && value.canConvertToInt()) {
        count = Math.max(count, value.intValue());
      }
    }
    return count;
  }

  /** The workload an event's object belongs to: a pod's owner, a ReplicaSet's deployment. */
  private static String workload(String kind, String name) {
    if (name == null || kind == null) {
      return null;
    }
    return switch (kind) {
      case "Pod" -> Workloads.fromPod(name);
      case "ReplicaSet" -> {
        int dash = name.lastIndexOf('-');
        yield dash > 0 ? name.substring(0, dash) : name;
      }
      case "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob" -> name;
      default -> null;
    };
  }

  /** Unmapped fields, the event's labels and annotations, and eventrouter's verb, as JSON. */
  private static String extra(JsonNode event, JsonNode metadata, String verb) {
    ObjectNode extra = Json.unknownFieldsNode(event, MAPPED);
    for (String field : new String[] {"labels", "annotations"}) {
      if (metadata.path(field).isObject() && !metadata.path(field).isEmpty()) {
        extra = extra == null ? Json.MAPPER.createObjectNode() : extra;
        extra.set(field, metadata.get(field));
      }
    }
    if (verb != null) {
      extra = extra == null ? Json.MAPPER.createObjectNode() : extra;
      extra.put("verb", verb);
    }
    return extra == null ? null : extra.toString();
  }

  private static Instant firstTime(String... texts) {
    for (String text : texts) {
      Instant time = text == null ? null : Timestamps.rfc3339(text);
      if (time != null) {
        return time;
      }
    }
    return null;
  }

  private static String firstText(String... texts) {
    for (String text : texts) {
      if (text != null && !text.isEmpty()) {
        return text;
      }
    }
    return null;
  }

  private static void set(Object[] row, String column, Object value) {
    row[SCHEMA.fieldIndex(column)] = value;
  }
}
