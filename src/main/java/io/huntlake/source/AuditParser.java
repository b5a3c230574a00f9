package io.huntlake.source;

import static io.huntlake.table.AuditEventsTable.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huntlake.table.AuditEventsTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Audit events in any archived shape, detected per line: the log backend's Event JSON lines
 * (audit.k8s.io v1 and v1beta1), webhook {@code EventList} batches, EKS CloudWatch exports ({@code
 * <timestamp> <json>}) and AKS diagnostic records ({@code properties.log} as a string or an
 * object). Secrets are redacted before a row is built; unknown fields go to {@code extra}.
 */
final class AuditParser implements LineParser {
  static final String NATIVE = "k8s-audit-log";
  static final String EVENT_LIST = "k8s-audit-eventlist";
  static final String CLOUDWATCH = "eks-cloudwatch";
  static final String AKS = "aks-diagnostic";

  private static final Pattern CLOUDWATCH_PREFIX =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(Z|[+-]\\d\\d:?\\d\\d) \\{");
  private static final Set<String> KNOWN_FIELDS =
      Set.of(
          "kind",
          "apiVersion",
          "level",
          "auditID",
          "stage",
          "requestURI",
          "verb",
          "user",
          "impersonatedUser",
          "sourceIPs",
          "userAgent",
          "objectRef",
          "responseStatus",
          "requestObject",
          "responseObject",
          "requestReceivedTimestamp",
          "stageTimestamp",
          "annotations",
          "metadata",
          "timestamp");
  private static final Set<String> AKS_KNOWN = Set.of("properties");

  /** What the survey pass reads of an event: what identifies it, dates it or rejects it. */
  private static final Set<String> KEY_FIELDS =
      Set.of(
          "kind",
          "auditID",
          "stage",
          "verb",
          "requestReceivedTimestamp",
          "timestamp",
          "stageTimestamp");

  private static final int WIDTH = AuditEventsTable.SCHEMA.size();
  private static final int I_EVENT_DATE = SCHEMA.fieldIndex(EVENT_DATE);
  private static final int I_INGEST_DATE = SCHEMA.fieldIndex(INGEST_DATE);
  private static final int I_EVENT_TS = SCHEMA.fieldIndex(EVENT_TS);
  private static final int I_STAGE_TS = SCHEMA.fieldIndex(STAGE_TS);
  private static final int I_CLUSTER = SCHEMA.fieldIndex(CLUSTER);
  private static final int I_AUDIT_ID = SCHEMA.fieldIndex(AUDIT_ID);
  private static final int I_STAGE = SCHEMA.fieldIndex(STAGE);
  private static final int I_LEVEL = SCHEMA.fieldIndex(LEVEL);
  private static final int I_VERB = SCHEMA.fieldIndex(VERB);
  private static final int I_USER_NAME = SCHEMA.fieldIndex(USER_NAME);
  private static final int I_USER_GROUPS = SCHEMA.fieldIndex(USER_GROUPS);
  private static final int I_IMPERSONATED = SCHEMA.fieldIndex(IMPERSONATED_USER);
  private static final int I_SOURCE_IP = SCHEMA.fieldIndex(SOURCE_IP);
  private static final int I_SOURCE_IPS = SCHEMA.fieldIndex(SOURCE_IPS);
  private static final int I_USER_AGENT = SCHEMA.fieldIndex(USER_AGENT);
  private static final int I_RESOURCE = SCHEMA.fieldIndex(RESOURCE);
  private static final int I_SUBRESOURCE = SCHEMA.fieldIndex(SUBRESOURCE);
  private static final int I_NAMESPACE = SCHEMA.fieldIndex(NAMESPACE);
  private static final int I_OBJECT_NAME = SCHEMA.fieldIndex(OBJECT_NAME);
  private static final int I_API_GROUP = SCHEMA.fieldIndex(API_GROUP);
  private static final int I_API_VERSION = SCHEMA.fieldIndex(API_VERSION);
  private static final int I_REQUEST_URI = SCHEMA.fieldIndex(REQUEST_URI);
  private static final int I_RESPONSE_CODE = SCHEMA.fieldIndex(RESPONSE_CODE);
  private static final int I_RESPONSE_STATUS = SCHEMA.fieldIndex(RESPONSE_STATUS);
  private static final int I_RESPONSE_REASON = SCHEMA.fieldIndex(RESPONSE_REASON);
  private static final int I_RESPONSE_MESSAGE = SCHEMA.fieldIndex(RESPONSE_MESSAGE);
  private static final int I_DECISION = SCHEMA.fieldIndex(DECISION);
  private static final int I_REASON = SCHEMA.fieldIndex(REASON);
  private static final int I_ANNOTATIONS = SCHEMA.fieldIndex(ANNOTATIONS);
  private static final int I_REQUEST_OBJECT = SCHEMA.fieldIndex(REQUEST_OBJECT);
  private static final int I_RESPONSE_OBJECT = SCHEMA.fieldIndex(RESPONSE_OBJECT);
  private static final int I_REDACTIONS = SCHEMA.fieldIndex(REDACTIONS);
  private static final int I_AUDIT_API_VERSION = SCHEMA.fieldIndex(AUDIT_API_VERSION);
  private static final int I_EXTRA = SCHEMA.fieldIndex(EXTRA);
  private static final int I_SOURCE_FORMAT = SCHEMA.fieldIndex(SOURCE_FORMAT);
  private static final int I_SOURCE_FILE = SCHEMA.fieldIndex(SOURCE_FILE);
  private static final int I_SOURCE_LINE = SCHEMA.fieldIndex(SOURCE_LINE);
  private static final int I_INGEST_RUN_ID = SCHEMA.fieldIndex(INGEST_RUN_ID);

  private final SourceFile file;
  private final ParseLimits limits;
  private final boolean slicing;

  AuditParser(SourceFile file, ParseLimits limits) {
    this(file, limits, true);
  }

  /**
   * @param slicing whether single events are read by {@link SlicedEvent} (ingest's path); without
   *     it every line is parsed into one tree, the reference the fast path is tested against
   */
  AuditParser(SourceFile file, ParseLimits limits, boolean slicing) {
    this.file = file;
    this.limits = limits;
    this.slicing = slicing;
  }

  @Override
  public void line(Line line, RecordSink sink) {
    String format = null;
    try {
      Lines.checkReadable(line, limits);
      byte[] bytes = line.bytes();
      int start = firstNonSpace(bytes);
      int json;
      if (bytes[start] == '{' || bytes[start] == '[') {
        format = NATIVE;
        json = start;
      } else if (CLOUDWATCH_PREFIX.matcher(asciiPrefix(bytes, 64)).lookingAt()) {
        format = CLOUDWATCH;
        json = indexOf(bytes, (byte) ' ') + 1;
      } else {
        throw new Rejection("neither JSON nor a CloudWatch export line (<timestamp> <json>)");
      }
      SlicedEvent sliced =
          slicing ? SlicedEvent.read(bytes, json, sink.keysOnly() ? KEY_FIELDS : null) : null;
      JsonNode root = sliced != null ? sliced.root : Lines.parseObject(bytes, json);
      if (root.path("kind").asText().equals("EventList")) {
        format = EVENT_LIST;
        eventList(root, line, sink);
        return;
      }
      ObjectNode extraEnvelope = null;
      if (root.has("properties")
          && (root.has("category") || root.has("resourceId") || root.has("operationName"))) {
        format = AKS;
        JsonNode log = root.get("properties").get("log");
        if (log == null || log.isNull()) {
          throw new Rejection("AKS record has no properties.log");
        }
        sliced = null;
        JsonNode event = log;
        if (log.isTextual()) {
          // The event as an escaped string (older agents): its own bytes, read like a line.
          byte[] inner = log.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
          sliced = slicing ? SlicedEvent.read(inner, 0) : null;
          event = sliced != null ? sliced.root : Lines.parseObject(inner, 0);
        }
        extraEnvelope = aksEnvelope(root);
        root = event;
      } else if (root.has("protoPayload")) {
        throw new Rejection(
            "a Google Cloud Audit Log entry (protoPayload), not an audit.k8s.io Event");
      }
      Lines.checkFormat(file, format);
      Object[] row = event(root, format, line.number(), extraEnvelope, sink, sliced);
      sink.row(row, (Instant) row[I_EVENT_TS], format);
    } catch (Rejection rejection) {
      sink.reject(line.number(), rejection.getMessage(), line.text(), line.length(), format);
    }
  }

  private void eventList(JsonNode root, Line line, RecordSink sink) throws Rejection {
    Lines.checkFormat(file, EVENT_LIST);
    JsonNode items = root.get("items");
    if (items == null || !items.isArray()) {
      throw new Rejection("EventList without an items array");
    }
    if (items.isEmpty()) {
      throw new Rejection("EventList has no items");
    }
    sink.batchRecords(items.size() - 1);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      try {
        Object[] row = event(item, EVENT_LIST, line.number(), null, sink, null);
        sink.row(row, (Instant) row[I_EVENT_TS], EVENT_LIST);
      } catch (Rejection rejection) {
        String raw = item.toString();
        sink.reject(
            line.number(),
            "EventList item " + i + ": " + rejection.getMessage(),
            raw,
            raw.length(),
            EVENT_LIST);
      }
    }
  }

  /**
   * The AKS record around the event (category, resourceId, pod, ...), kept under aks.* in extra.
   */
  private static ObjectNode aksEnvelope(JsonNode record) {
    ObjectNode envelope = Json.MAPPER.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!AKS_KNOWN.contains(field.getKey())) {
        envelope.set("aks." + field.getKey(), field.getValue());
      }
    }
    JsonNode properties = record.get("properties");
    properties
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!name.equals("log")) {
                envelope.set("aks.properties." + name, properties.get(name));
              }
            });
    return envelope;
  }

  private Object[] event(
      JsonNode event,
      String format,
      long lineNumber,
      ObjectNode envelope,
      RecordSink sink,
      SlicedEvent sliced)
      throws Rejection {
    if (!event.isObject()) {
      throw new Rejection("event is not a JSON object");
    }
    JsonNode kind = event.get("kind");
    if (kind != null && !(kind.isTextual() && kind.asText().equals("Event"))) {
      throw new Rejection("kind is " + kind + ", not \"Event\"");
    }
    String auditId = requiredText(event, "auditID");
    String stage = requiredText(event, "stage");
    String verb = requiredText(event, "verb");
    Instant received = Timestamps.rfc3339(Json.text(event, "requestReceivedTimestamp"));
    if (received == null) {
      received = Timestamps.rfc3339(Json.text(event, "timestamp"));
    }
    Instant stageTime = Timestamps.rfc3339(Json.text(event, "stageTimestamp"));
    if (received == null) {
      received = stageTime;
    }
    if (received == null) {
      throw new Rejection("no parseable requestReceivedTimestamp, timestamp or stageTimestamp");
    }
    Object[] row = new Object[WIDTH];
    row[I_EVENT_DATE] = Timestamps.utcDay(received);
    row[I_INGEST_DATE] = file.ingestDate();
    row[I_EVENT_TS] = received;
    row[I_STAGE_TS] = stageTime;
    row[I_CLUSTER] = file.cluster();
    row[I_AUDIT_ID] = auditId;
    row[I_STAGE] = stage;
    row[I_VERB] = verb;
    row[I_SOURCE_FORMAT] = format;
    row[I_SOURCE_FILE] = file.path();
    row[I_SOURCE_LINE] = lineNumber;
    row[I_INGEST_RUN_ID] = "";
    if (sink.keysOnly()) {
      row[I_REDACTIONS] = 0;
      return row;
    }
    row[I_LEVEL] = Json.text(event, "level");
    JsonNode user = event.path("user");
    row[I_USER_NAME] = Json.text(user, "username");
    row[I_USER_GROUPS] = Json.strings(user.get("groups"));
    row[I_IMPERSONATED] = Json.text(event.path("impersonatedUser"), "username");
    String[] sourceIps = Json.strings(event.get("sourceIPs"));
    row[I_SOURCE_IPS] = sourceIps;
    row[I_SOURCE_IP] = sourceIps != null && sourceIps.length > 0 ? sourceIps[0] : null;
    row[I_USER_AGENT] = Json.text(event, "userAgent");
    JsonNode ref = event.path("objectRef");
    String resource = Json.text(ref, "resource");
    row[I_RESOURCE] = resource;
    row[I_SUBRESOURCE] = Json.text(ref, "subresource");
    row[I_NAMESPACE] = Json.text(ref, "namespace");
    row[I_OBJECT_NAME] = Json.text(ref, "name");
    row[I_API_GROUP] = Json.text(ref, "apiGroup");
    row[I_API_VERSION] = Json.text(ref, "apiVersion");
    Redactor redactor = new Redactor();
    // Every string column passes the redactor's text rules in ingest (FileRows); the objects are
    // also walked here, where their JSON structure is at hand.
    row[I_REQUEST_URI] = Json.text(event, "requestURI");
    JsonNode status = event.path("responseStatus");
    JsonNode code = status.get("code");
    row[I_RESPONSE_CODE] = code != null && code.canConvertToInt() ? code.intValue() : null;
    row[I_RESPONSE_STATUS] = Json.text(status, "status");
    row[I_RESPONSE_REASON] = Json.text(status, "reason");
    row[I_RESPONSE_MESSAGE] = Json.text(status, "message");
    Map<String, String> annotations = annotations(event.get("annotations"));
    row[I_DECISION] = annotations == null ? null : annotations.get("authorization.k8s.io/decision");
    row[I_REASON] = annotations == null ? null : annotations.get("authorization.k8s.io/reason");
    row[I_ANNOTATIONS] =
        annotations == null ? null : scala.collection.JavaConverters.mapAsScalaMap(annotations);
    boolean secrets = "secrets".equals(resource);
    row[I_REQUEST_OBJECT] = object(event, sliced, SlicedEvent.REQUEST_OBJECT, secrets, redactor);
    row[I_RESPONSE_OBJECT] = object(event, sliced, SlicedEvent.RESPONSE_OBJECT, secrets, redactor);
    String extra = Json.unknownFields(event, KNOWN_FIELDS);
    if (envelope != null && !envelope.isEmpty()) {
      extra = Json.merge(extra, envelope.toString());
    }
    row[I_EXTRA] = extra;
    row[I_REDACTIONS] = redactor.count();
    row[I_AUDIT_API_VERSION] = Json.text(event, "apiVersion");
    sink.redactions(redactor.count());
    return row;
  }

  /**
   * A request or response object as stored: a slice nothing would change as it is (checked here, so
   * ingest's text rules need not run over it again), anything else as a redacted tree.
   */
  private static Object object(
      JsonNode event, SlicedEvent sliced, String field, boolean secretResource, Redactor redactor) {
    int[] slice = sliced == null ? null : sliced.slice(field);
    if (slice == null) {
      return redactedObject(event.get(field), secretResource, redactor);
    }
    Redactor.Clean untouched =
        redactor.untouchedObject(sliced.bytes, slice[0], slice[1], secretResource);
    if (untouched != null) {
      return untouched;
    }
    try {
      return redactedObject(
          Json.MAPPER.readTree(sliced.bytes, slice[0], slice[1] - slice[0]),
          secretResource,
          redactor);
    } catch (java.io.IOException e) {
      // The slice was tokenised whole when the line was read, in the survey too: failing here is
      // a bug, and a reject now would drop a row the reconciled ledger already counts.
      throw new IllegalStateException(
          "a request or response object read whole before no longer parses: "
              + Lines.withoutQuotedInput(e.getMessage()));
    }
  }

  private static String redactedObject(JsonNode object, boolean secretResource, Redactor redactor) {
    if (object == null || object.isNull()) {
      return null;
    }
    redactor.auditObject(object, secretResource);
    return object.toString();
  }

  private static Map<String, String> annotations(JsonNode node) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      return null;
    }
    Map<String, String> map = new HashMap<>();
    node.fields()
        .forEachRemaining(
            field ->
                map.put(
                    field.getKey(),
                    field.getValue().isTextual()
                        ? field.getValue().asText()
                        : field.getValue().toString()));
    return map;
  }

  private static String requiredText(JsonNode event, String field) throws Rejection {
    JsonNode value = event.get(field);
    if (value == null || value.isNull()) {
      throw new Rejection("no " + field);
    }
    if (!value.isTextual()) {
      throw new Rejection(
          field
              + " is "
              + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + " "
              + value
              + ", expected a string");
    }
    return value.asText();
  }

  private static int firstNonSpace(byte[] bytes) {
    int i = 0;
    while (i < bytes.length - 1 && (bytes[i] == ' ' || bytes[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static String asciiPrefix(byte[] bytes, int length) {
    return new String(
        bytes, 0, Math.min(length, bytes.length), java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
