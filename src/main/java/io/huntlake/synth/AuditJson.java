package io.huntlake.synth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Writes {@link AuditEvent}s as audit.k8s.io Event JSON, field for field as kube-apiserver does.
 */
final class AuditJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonFactory FACTORY = MAPPER.getFactory();
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private AuditJson() {}

  static String micros(Instant instant) {
    return MICROS.format(instant);
  }

  /** Writes one event object; v1beta1 adds the metadata and timestamp fields that version had. */
  static void write(JsonGenerator json, AuditEvent event, boolean v1beta1) throws IOException {
    json.writeStartObject();
    json.writeStringField("kind", "Event");
    json.writeStringField("apiVersion", v1beta1 ? "audit.k8s.io/v1beta1" : "audit.k8s.io/v1");
    if (v1beta1) {
      json.writeObjectFieldStart("metadata");
      json.writeStringField("creationTimestamp", SECONDS.format(event.completed()));
      json.writeEndObject();
    }
    json.writeStringField("level", event.level());
    if (v1beta1) {
      json.writeStringField("timestamp", SECONDS.format(event.completed()));
    }
    json.writeStringField("auditID", event.auditId());
    json.writeStringField("stage", event.stage());
    json.writeStringField("requestURI", event.requestUri());
    json.writeStringField("verb", event.verb());
    json.writeObjectFieldStart("user");
    json.writeStringField("username", event.userName());
    json.writeArrayFieldStart("groups");
    for (String group : event.groups()) {
      json.writeString(group);
    }
    json.writeEndArray();
    json.writeEndObject();
    if (event.impersonatedUser() != null) {
      json.writeObjectFieldStart("impersonatedUser");
      json.writeStringField("username", event.impersonatedUser());
      json.writeArrayFieldStart("groups");
      json.writeString("system:authenticated");
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeArrayFieldStart("sourceIPs");
    json.writeString(event.sourceIp());
    json.writeEndArray();
    if (event.userAgent() != null) {
      json.writeStringField("userAgent", event.userAgent());
    }
    if (event.resource() != null) {
      json.writeObjectFieldStart("objectRef");
      json.writeStringField("resource", event.resource());
      if (event.namespace() != null) {
        json.writeStringField("namespace", event.namespace());
      }
      if (event.name() != null) {
        json.writeStringField("name", event.name());
      }
      if (event.apiGroup() != null && !event.apiGroup().isEmpty()) {
        json.writeStringField("apiGroup", event.apiGroup());
      }
      json.writeStringField("apiVersion", event.apiVersion());
      if (event.subresource() != null) {
        json.writeStringField("subresource", event.subresource());
      }
      json.writeEndObject();
    }
    json.writeObjectFieldStart("responseStatus");
    json.writeObjectFieldStart("metadata");
    json.writeEndObject();
    if (event.code() >= 400) {
      json.writeStringField("status", "Failure");
      json.writeStringField("message", failureMessage(event));
      json.writeStringField("reason", reason(event.code()));
    }
    json.writeNumberField("code", event.code());
    json.writeEndObject();
    if (event.requestObject() != null) {
      json.writeFieldName("requestObject");
      MAPPER.writeValue(json, event.requestObject());
    }
    if (event.responseObject() != null) {
      json.writeFieldName("responseObject");
      MAPPER.writeValue(json, event.responseObject());
    }
    json.writeStringField("requestReceivedTimestamp", micros(event.received()));
    json.writeStringField("stageTimestamp", micros(event.completed()));
    json.writeObjectFieldStart("annotations");
    if (event.decision() != null) {
      json.writeStringField("authorization.k8s.io/decision", event.decision());
      json.writeStringField("authorization.k8s.io/reason", event.authorizationReason());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  /** The event as one JSON string (for formats that embed it, such as AKS records). */
  static String toJson(AuditEvent event) {
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      write(json, event, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A string as a JSON string literal, quoted and escaped. */
  static String quote(String text) {
    try {
      return MAPPER.writeValueAsString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String toJson(Map<String, Object> object) {
    try {
      return MAPPER.writeValueAsString(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String failureMessage(AuditEvent event) {
    if (event.code() == 401) {
      return "Unauthorized";
    }
    if (event.code() == 404) {
      return event.resource() + " \"" + event.name() + "\" not found";
    }
    String scope =
        event.namespace() == null
            ? "at the cluster scope"
            : "in the namespace \"" + event.namespace() + "\"";
    String resource =
        event.subresource() == null
            ? event.resource()
            : event.resource() + "/" + event.subresource();
    String group =
        event.apiGroup() == null || event.apiGroup().isEmpty()
            ? "\"\""
            : "\"" + event.apiGroup() + "\"";
    return resource
        + (event.name() != null ? " \"" + event.name() + "\"" : "")
        + " is forbidden: User \""
        + event.userName()
        + "\" cannot "
        + event.verb()
        + " resource \""
        + resource
        + "\" in API group "
        + group
        + " "
        + scope;
  }

  private static String reason(int code) {
    return switch (code) {
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 409 -> "AlreadyExists";
      default -> "InternalError";
    };
  }
}
