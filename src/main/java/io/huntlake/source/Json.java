package io.huntlake.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON reader the parsers share, and small helpers for reading loosely typed trees. */
public final class Json {
  /**
   * Lines are bounded by ingest.max_line_bytes already; Jackson's own string cap must not cut in
   * first.
   */
  public static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxStringLength(Integer.MAX_VALUE)
                      .maxNestingDepth(200)
                      .build())
              .build());

  private Json() {}

  /** A field as text: strings as they are, numbers and booleans spelled out; null when absent. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    return value.asText();
  }

  public static String[] strings(JsonNode array) {
    if (array == null || !array.isArray()) {
      return null;
    }
    List<String> values = new ArrayList<>(array.size());
    for (JsonNode item : array) {
      if (!item.isNull() && !item.isContainerNode()) {
        values.add(item.asText());
      }
    }
    return values.toArray(new String[0]);
  }

  /** The fields of an object not in {@code known}, as a JSON object string (null when none). */
  public static String unknownFields(JsonNode node, Set<String> known) {
    ObjectNode extra = unknownFieldsNode(node, known);
    return extra == null ? null : extra.toString();
  }

  /** The fields of an object not in {@code known} (null when none). */
  public static ObjectNode unknownFieldsNode(JsonNode node, Set<String> known) {
    ObjectNode extra = null;
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!known.contains(field.getKey())) {
        if (extra == null) {
          extra = MAPPER.createObjectNode();
        }
        extra.set(field.getKey(), field.getValue());
      }
    }
    return extra;
  }

  /** Merges two JSON object strings (either may be null). */
  public static String merge(String first, String second) {
    if (first == null) {
      return second;
    }
    if (second == null) {
      return first;
    }
    try {
      ObjectNode merged = (ObjectNode) MAPPER.readTree(first);
      merged.setAll((ObjectNode) MAPPER.readTree(second));
      return merged.toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("merging JSON HuntLake wrote itself", e);
    }
  }
}
