package io.huntlake.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Checks every parser applies to a line before reading it, and the JSON reading they share. */
final class Lines {
  private Lines() {}

  /** Rejects lines over the size limit and blank lines. */
  static void checkReadable(Line line, ParseLimits limits) throws Rejection {
    if (line.oversized()) {
      throw new Rejection(
          "line of "
              + line.length()
              + " bytes is longer than ingest.max_line_bytes ("
              + limits.maxLineBytes()
              + ")");
    }
    if (line.isBlank()) {
      throw new Rejection("blank line");
    }
  }

  /** Rejects a line of another format when the config forces one for the file's source. */
  static void checkFormat(SourceFile file, String format) throws Rejection {
    if (file.forcedFormat() != null && !file.forcedFormat().equals(format)) {
      throw new Rejection(
          "reads as "
              + format
              + ", but sources."
              + file.source().id()
              + ".format is "
              + file.forcedFormat());
    }
  }

  static JsonNode parseObject(String json) throws Rejection {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return parseObject(bytes, 0);
  }

  /** Parses one JSON object straight from bytes; Jackson's UTF-8 reader also rejects bad bytes. */
  static JsonNode parseObject(byte[] bytes, int offset) throws Rejection {
    try (JsonParser parser =
        Json.MAPPER.getFactory().createParser(bytes, offset, bytes.length - offset)) {
      JsonNode node = Json.MAPPER.readTree(parser);
      if (node == null || !node.isObject()) {
        throw new Rejection(
            "JSON is "
                + (node == null ? "empty" : node.getNodeType().name().toLowerCase(Locale.ROOT))
                + ", expected an object");
      }
      if (parser.nextToken() != null) {
        throw new Rejection("invalid JSON: more content after the object");
      }
      return node;
    } catch (JsonProcessingException e) {
      String message = withoutQuotedInput(e.getOriginalMessage());
      if (message.contains("UTF-8") || message.contains("UTF8")) {
        throw new Rejection("not valid UTF-8 (" + abbreviate(message, 120) + ")");
      }
      throw new Rejection("invalid JSON: " + abbreviate(message, 200));
    } catch (IOException e) {
      throw new Rejection("invalid JSON: " + withoutQuotedInput(e.getMessage()));
    }
  }

  /**
   * Jackson quotes the offending input in its messages ("Unrecognized token 'hunter2'"): the text
   * of a broken line, which may be a secret no pattern recognises. The reason keeps the kind of
   * error and drops the quoted input (the line itself is in rejects.raw, redacted).
   */
  static String withoutQuotedInput(String message) {
    if (message == null) {
      return "no detail";
    }
    return message.replaceAll("'[^'\\n]{2,}'", "'…'");
  }

  static String abbreviate(String text, int length) {
    return text.length() > length ? text.substring(0, length) : text;
  }
}
