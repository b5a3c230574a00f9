package io.huntlake.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * One audit event read with a streaming parser: every top-level field as a tree, except the request
 * and response objects, which stay where they are in the line's bytes as validated slices. They are
 * the bulk of a RequestResponse event (whole pod specs, lists of hundreds of items) and are stored
 * as text, so building a tree of them only to write it back is the cost this avoids; {@link
 * Redactor#untouchedObject} decides whether a slice can be stored as it is.
 *
 * <p>Every value is built by the same Jackson tree reader as a whole-line parse, and the slices are
 * tokenised to their end (so a malformed object fails here as it would there); a repeated key keeps
 * its last value, as the tree does. Anything this reader does not expect makes {@link #read} return
 * null, and the caller parses the line as a whole: the answer is then the reference one, rejects
 * and their reasons included.
 */
final class SlicedEvent {
  static final String REQUEST_OBJECT = "requestObject";
  static final String RESPONSE_OBJECT = "responseObject";

  /** The event's fields, the sliced objects left out. */
  final ObjectNode root;

  final byte[] bytes;
  private final int[] request = {-1, -1};
  private final int[] response = {-1, -1};

  private SlicedEvent(ObjectNode root, byte[] bytes) {
    this.root = root;
    this.bytes = bytes;
  }

  /**
   * @return the event, or null when the bytes from {@code offset} are not one JSON object this
   *     reader can take apart (the whole-line parse then decides)
   */
  static SlicedEvent read(byte[] bytes, int offset) {
    try (JsonParser parser =
        Json.MAPPER.getFactory().createParser(bytes, offset, bytes.length - offset)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      SlicedEvent event = new SlicedEvent(Json.MAPPER.createObjectNode(), bytes);
      for (JsonToken token = parser.nextToken();
          token == JsonToken.FIELD_NAME;
          token = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        int[] slice = sliceFor(event, name);
        if (slice != null) {
          slice[0] = -1;
          event.root.remove(name);
          if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            // Jackson counts byte offsets from where it was asked to start reading.
            long from = offset + parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            long to = offset + parser.currentLocation().getByteOffset();
            if (!slice(bytes, from, to, value, slice)) {
              return null;
            }
            continue;
          }
        }
        JsonNode node = Json.MAPPER.readTree(parser);
        if (node == null) {
          return null;
        }
        event.root.set(name, node);
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return null;
      }
      return event;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Records [from, to) when the bytes there open and close the object the parser saw; anything else
   * means the offsets are not what this reader assumes, and the line is parsed whole instead.
   */
  private static boolean slice(byte[] bytes, long from, long to, JsonToken start, int[] slice) {
    if (from < 0 || to <= from + 1 || to > bytes.length) {
      return false;
    }
    byte open = bytes[(int) from];
    byte close = bytes[(int) to - 1];
    boolean object = start == JsonToken.START_OBJECT;
    if (open != (object ? '{' : '[') || close != (object ? '}' : ']')) {
      return false;
    }
    slice[0] = (int) from;
    slice[1] = (int) to;
    return true;
  }

  private static int[] sliceFor(SlicedEvent event, String name) {
    return switch (name) {
      case REQUEST_OBJECT -> event.request;
      case RESPONSE_OBJECT -> event.response;
      default -> null;
    };
  }

  boolean sliced() {
    return request[0] >= 0 || response[0] >= 0;
  }

  /** The request or response object's slice as {from, to}, or null when it is not a slice. */
  int[] slice(String name) {
    int[] slice = name.equals(REQUEST_OBJECT) ? request : response;
    return slice[0] < 0 ? null : slice;
  }
}
