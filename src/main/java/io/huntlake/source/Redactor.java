package io.huntlake.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secret payloads with {@link #MARKER} before anything reaches a table: the values of
 * {@code data}/{@code stringData} in Secrets (also inside lists and kubectl's
 * last-applied-configuration annotation), TokenRequest {@code status.token}, TokenReview {@code
 * spec.token}, bearer tokens and JWTs in any string, and token-like query parameters in request
 * URIs. Keys are kept, so hunters still see which entries of a Secret changed. One instance counts
 * what it replaced.
 */
public final class Redactor {
  public static final String MARKER = "<redacted by huntlake>";
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}");
  private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern URI_SECRET =
      Pattern.compile(
          "(?i)([?&](?:access_token|id_token|token|password|passwd|secret|client_secret|api_key|apikey)=)[^&]*");
  private static final Pattern TEXT_SECRET_BLOCK =
      Pattern.compile("\"(data|stringData)\"\\s*:\\s*\\{[^}]*}?");
  private static final Pattern TEXT_TOKEN =
      Pattern.compile("\"(token|password|secret)\"\\s*:\\s*\"[^\"]*\"?");

  private int count;

  /** Values replaced so far. */
  public int count() {
    return count;
  }

  /**
   * Redacts an audit request or response object in place.
   *
   * @param secretResource the event's objectRef names secrets, so a bare patch body is a Secret
   */
  public void auditObject(JsonNode node, boolean secretResource) {
    if (node instanceof ObjectNode object && secretResource && !object.has("kind")) {
      secretPayload(object);
    }
    walk(node);
  }

  /** Redacts token-like query parameters and tokens in a request URI. */
  public String requestUri(String uri) {
    if (uri == null) {
      return null;
    }
    if (uri.indexOf('=') < 0 || !mayHoldSecretParameter(uri)) {
      return string(uri);
    }
    Matcher matcher = URI_SECRET.matcher(uri);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      count++;
      matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + MARKER));
    }
    matcher.appendTail(out);
    return string(out.toString());
  }

  /**
   * Redacts raw text that could not be parsed (for the rejects table): Secret data blocks, token
   * fields, bearer tokens and JWTs, found textually.
   */
  public String rawText(String text) {
    if (text == null) {
      return null;
    }
    String redacted =
        replaceAll(TEXT_SECRET_BLOCK, text, m -> "\"" + m.group(1) + "\":{\"" + MARKER + "\"}");
    redacted = replaceAll(TEXT_TOKEN, redacted, m -> "\"" + m.group(1) + "\":\"" + MARKER + "\"");
    return string(redacted);
  }

  /** Redacts bearer tokens and JWTs inside one string value. */
  public String string(String text) {
    if (text == null || text.length() < 16) {
      return text;
    }
    // Cheap substring checks first: the patterns only ever match text containing these.
    String redacted = text.contains("eyJ") ? replaceAll(JWT, text, m -> MARKER) : text;
    boolean bearer = redacted.contains("earer") || redacted.contains("EARER");
    return bearer ? replaceAll(BEARER, redacted, m -> "Bearer " + MARKER) : redacted;
  }

  /** Whether a URI may carry one of the parameters {@link #URI_SECRET} redacts. */
  private static boolean mayHoldSecretParameter(String uri) {
    String lower = uri.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("token")
        || lower.contains("passw")
        || lower.contains("secret")
        || lower.contains("key=");
  }

  private void walk(JsonNode node) {
    if (node instanceof ObjectNode object) {
      String kind = object.path("kind").asText("");
      switch (kind) {
        case "Secret" -> secretPayload(object);
        case "TokenRequest" -> replaceField(object.path("status"), "token");
        case "TokenReview" -> replaceField(object.path("spec"), "token");
        default -> {}
      }
      lastApplied(object);
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      List<String> textFields = new ArrayList<>();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isTextual()) {
          textFields.add(field.getKey());
        } else {
          walk(field.getValue());
        }
      }
      for (String name : textFields) {
        String value = object.get(name).asText();
        String redacted = string(value);
        if (!redacted.equals(value)) {
          object.put(name, redacted);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        if (item.isTextual()) {
          String redacted = string(item.asText());
          if (!redacted.equals(item.asText())) {
            array.set(i, TextNode.valueOf(redacted));
          }
        } else {
          walk(item);
        }
      }
    }
  }

  private void secretPayload(ObjectNode secret) {
    for (String field : new String[] {"data", "stringData"}) {
      JsonNode payload = secret.get(field);
      if (payload instanceof ObjectNode values) {
        Iterator<String> names = values.fieldNames();
        List<String> keys = new ArrayList<>();
        names.forEachRemaining(keys::add);
        for (String key : keys) {
          values.put(key, MARKER);
          count++;
        }
      } else if (payload != null && !payload.isNull()) {
        secret.put(field, MARKER);
        count++;
      }
    }
  }

  private void replaceField(JsonNode parent, String field) {
    if (parent instanceof ObjectNode object
        && object.hasNonNull(field)
        && !object.get(field).asText().isEmpty()) {
      object.put(field, MARKER);
      count++;
    }
  }

  /** kubectl copies the whole applied object, Secret data included, into an annotation. */
  private void lastApplied(ObjectNode object) {
    JsonNode annotations = object.path("metadata").path("annotations");
    if (!(annotations instanceof ObjectNode map) || !map.hasNonNull(LAST_APPLIED)) {
      return;
    }
    String applied = map.get(LAST_APPLIED).asText();
    try {
      JsonNode parsed = Json.MAPPER.readTree(applied);
      int before = count;
      walk(parsed);
      if (count != before) {
        map.put(LAST_APPLIED, Json.MAPPER.writeValueAsString(parsed));
      }
    } catch (IOException e) {
      if (applied.contains("\"data\"") || applied.contains("\"stringData\"")) {
        map.put(LAST_APPLIED, MARKER);
        count++;
      }
    }
  }

  private String replaceAll(
      Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    do {
      count++;
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
    } while (matcher.find());
    matcher.appendTail(out);
    return out.toString();
  }
}
