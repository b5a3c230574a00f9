package io.huntlake.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Set;

/**
 * One audit event read with a streaming parser: every top-level field as a tree, except the request
 * and response objects, which stay where they are in the line's bytes as validated slices. They are
 * the bulk of a RequestResponse event (whole pod specs, lists of hundreds of items) and are stored
 * as text, so building a tree of them only to write it back is the cost this avoids; {@link
 * Redactor#untouchedObject} decides whether a slice can be stored as it is.
 *
 * <p>Every value becomes the node Jackson's tree reader makes of it (built here, since asking the
 * reader once per field costs more than the parse), and the slices are tokenised to their end (so a
 * malformed object fails here as it would there); a repeated key keeps its last value, as in the
 * tree. Anything this reader does not expect (a batch or another service's record among them) makes
 * {@link #read} return null, and the caller parses the line as a whole: the answer is then the
 * reference one, rejects and their reasons included.
 */
final class SlicedEvent {
  static final String REQUEST_OBJECT = "requestObject";
  static final String RESPONSE_OBJECT = "responseObject";

  /**
   * Top-level fields of records that hold events rather than being one (webhook batches, AKS and
   * Google Cloud records): such lines are parsed whole.
   */
  private static final Set<String> NOT_AN_EVENT = Set.of("items", "properties", "protoPayload");

  private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();

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
    return read(bytes, offset, null);
  }

  /**
   * @param only when not null, the only fields to keep; the others are still read to their end (so
   *     that an invalid line fails here as it would in a whole-line parse) but not kept, nor are
   *     the objects sliced
   */
  static SlicedEvent read(byte[] bytes, int offset, Set<String> only) {
    try (JsonParser parser =
        Json.MAPPER.getFactory().createParser(bytes, offset, bytes.length - offset)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      SlicedEvent event = new SlicedEvent(NODES.objectNode(), bytes);
      for (JsonToken token = parser.nextToken();
          token == JsonToken.FIELD_NAME;
          token = parser.nextToken()) {
        String name = parser.currentName();
        if (NOT_AN_EVENT.contains(name)) {
          return null;
        }
        JsonToken value = parser.nextToken();
        if (only != null && !only.contains(name)) {
          parser.skipChildren();
          continue;
        }
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
        event.root.set(name, node(parser, value));
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
   * The value at the parser's current token as the tree reader builds it (the same node types for
   * the same tokens); a fraction goes to the tree reader itself, which decides float or decimal.
   */
  private static JsonNode node(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        for (JsonToken next = parser.nextToken();
            next == JsonToken.FIELD_NAME;
            next = parser.nextToken()) {
          String name = parser.currentName();
          object.set(name, node(parser, parser.nextToken()));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          array.add(node(parser, next));
        }
        yield array;
      }
      case VALUE_STRING -> TextNode.valueOf(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> IntNode.valueOf(parser.getIntValue());
            case LONG -> LongNode.valueOf(parser.getLongValue());
            default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
          };
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      case VALUE_NULL -> NullNode.instance;
      case VALUE_NUMBER_FLOAT -> Json.MAPPER.readTree(parser);
      default -> throw new IOException("unexpected token " + token);
    };
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

  /** The request or response object's slice as {from, to}, or null when it is not a slice. */
  int[] slice(String name) {
    int[] slice = name.equals(REQUEST_OBJECT) ? request : response;
    return slice[0] < 0 ? null : slice;
  }
}
