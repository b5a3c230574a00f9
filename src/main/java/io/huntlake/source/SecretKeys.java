package io.huntlake.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Finds values that a secret-named key holds, in any text, in one pass anchored on the words that
 * name secrets: {@code key=value} and {@code key: value} (logfmt, env files, properties, YAML, log
 * text), JSON string fields ({@code "password":"…"}, also escaped inside a JSON string), and env
 * entries ({@code {"name":"DB_PASSWORD","value":"…"}}). A hand-written scan rather than regular
 * expressions: it runs on every string ingest writes, and patterns that try every position of a
 * long JSON object cost more than the rest of ingest together.
 */
final class SecretKeys {
  private SecretKeys() {}

  /** Words whose presence anywhere in a key name makes it a candidate (lower case). */
  static final String[] ANCHORS = {"passw", "pwd", "secret", "token", "key", "credential", "auth"};

  /** Words that make a JSON field, logfmt or YAML key name a secret. */
  private static final String[] KEY_WORDS = {
    "passw", "pwd", "secret", "token", "apikey", "accesskey", "privatekey", "credential"
  };

  /** Words that make an env variable's name a secret (broader: env names are conventions). */
  private static final String[] ENV_WORDS = {
    "passw", "pwd", "token", "secret", "key", "credential", "auth"
  };

  /** Key names that mention a secret but hold something about it: its name, path, lifetime… */
  private static final String[] NOT_A_SECRET_SUFFIXES = {
    "name", "names", "ref", "refs", "path", "file", "dir", "ttl", "seconds", "expiration", "expiry",
    "expires", "count", "type", "kind", "class", "length", "size", "enabled", "url", "uri", "id",
    "ids"
  };

  private static final int MAX_KEY = 120;

  /** The replaced text and how many values were replaced. */
  record Result(String text, int replaced) {}

  static Result redact(String text, String marker) {
    return redact(text, asciiLower(text), marker);
  }

  /**
   * @param lower {@link #asciiLower} of the text, when the caller has it already
   */
  static Result redact(String text, String lower, String marker) {
    List<Integer> hits = new ArrayList<>();
    for (String anchor : ANCHORS) {
      for (int at = lower.indexOf(anchor); at >= 0; at = lower.indexOf(anchor, at + 1)) {
        hits.add(at);
      }
    }
    if (hits.isEmpty()) {
      return new Result(text, 0);
    }
    Collections.sort(hits);
    StringBuilder out = null;
    int copied = 0;
    int replaced = 0;
    int resume = 0;
    for (int hit : hits) {
      if (hit < resume) {
        continue;
      }
      int[] value = valueOf(text, lower, hit);
      if (value == null) {
        continue;
      }
      resume = value[1];
      String held = text.substring(value[0], value[1]);
      if (held.isEmpty() || held.startsWith("<redacted")) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, value[0]).append(marker);
      copied = value[1];
      replaced++;
    }
    return out == null
        ? new Result(text, 0)
        : new Result(out.append(text, copied, text.length()).toString(), replaced);
  }

  /** Whether a key name (JSON field, logfmt or YAML key) holds a secret value. */
  static boolean secretKey(String name) {
    String bare = asciiLower(name).replace("_", "").replace("-", "").replace(".", "");
    return containsAny(bare, KEY_WORDS) && !endsWithAny(bare, NOT_A_SECRET_SUFFIXES);
  }

  /** Whether an env variable's name says its value is a secret. */
  static boolean secretEnvName(String name) {
    String lower = asciiLower(name);
    return containsAny(lower, ENV_WORDS)
        && !endsWithAny(lower, new String[] {"_file", "_path", "_dir", "_name"});
  }

  /**
   * The span [start, end) of the value the key around {@code hit} holds, or null when the key is
   * not a secret's or holds no value there.
   */
  private static int[] valueOf(String text, String lower, int hit) {
    int n = text.length();
    int keyStart = hit;
    while (keyStart > 0 && hit - keyStart < MAX_KEY && keyChar(text.charAt(keyStart - 1))) {
      keyStart--;
    }
    int keyEnd = hit;
    while (keyEnd < n && keyEnd - keyStart < MAX_KEY && keyChar(text.charAt(keyEnd))) {
      keyEnd++;
    }
    if ((keyStart > 0 && keyChar(text.charAt(keyStart - 1)))
        || (keyEnd < n && keyChar(text.charAt(keyEnd)))) {
      return null; // longer than any key name
    }
    boolean quoted = keyStart > 0 && text.charAt(keyStart - 1) == '"';
    String quote = quoted && keyStart > 1 && text.charAt(keyStart - 2) == '\\' ? "\\\"" : "\"";
    if (quoted && text.startsWith(quote, keyEnd)) {
      // A JSON field name, or a name in an env entry; otherwise a string starting "key=…".
      int i = skipSpace(text, keyEnd + quote.length());
      if (i < n && text.charAt(i) == ':') {
        int valueAt = skipSpace(text, i + 1);
        // Only string values are secrets here (not objects, numbers or booleans).
        if (!text.startsWith(quote, valueAt) || !secretKey(text.substring(keyStart, keyEnd))) {
          return null;
        }
        return jsonString(text, valueAt, quote);
      }
      if (i < n
          && text.charAt(i) == ','
          && secretEnvName(text.substring(keyStart, keyEnd))
          && namesIt(text, lower, keyStart - quote.length(), quote)) {
        i = skipSpace(text, i + 1);
        String valueKey = quote + "value" + quote;
        if (!lower.startsWith(valueKey, i)) {
          return null;
        }
        i = skipSpace(text, i + valueKey.length());
        if (i >= n || text.charAt(i) != ':') {
          return null;
        }
        return jsonString(text, skipSpace(text, i + 1), quote);
      }
      return null;
    }
    int i = skipSpace(text, keyEnd);
    if (i < n && text.charAt(i) == '=') {
      i = skipSpace(text, i + 1);
    } else if (keyEnd + 1 < n
        && text.charAt(keyEnd) == ':'
        && (text.charAt(keyEnd + 1) == ' ' || text.charAt(keyEnd + 1) == '\t')) {
      i = skipSpace(text, keyEnd + 1);
    } else {
      return null;
    }
    if (!secretKey(text.substring(keyStart, keyEnd))) {
      return null;
    }
    if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
      int close = text.indexOf(text.charAt(i), i + 1);
      int newline = text.indexOf('\n', i + 1);
      if (close < 0 || (newline >= 0 && newline < close)) {
        return null;
      }
      return new int[] {i + 1, close};
    }
    int end = i;
    while (end < n && !tokenEnd(text.charAt(end))) {
      end++;
    }
    return end > i ? new int[] {i, end} : null;
  }

  /** The content of a JSON string opening at {@code at} (with {@code quote}), or null. */
  private static int[] jsonString(String text, int at, String quote) {
    if (!text.startsWith(quote, at)) {
      return null;
    }
    int start = at + quote.length();
    int end;
    if (quote.length() == 1) {
      end = -1;
      for (int i = start; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          end = i;
          break;
        }
      }
    } else {
      end = text.indexOf(quote, start);
    }
    return end < 0 ? null : new int[] {start, end};
  }

  /** Whether the quoted name before {@code quoteAt} is the value of a "name" field. */
  private static boolean namesIt(String text, String lower, int quoteAt, String quote) {
    int i = quoteAt - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    if (i < 0 || text.charAt(i) != ':') {
      return false;
    }
    i--;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    String nameKey = quote + "name" + quote;
    int start = i - nameKey.length() + 1;
    return start >= 0 && lower.startsWith(nameKey, start);
  }

  private static boolean keyChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.';
  }

  private static boolean tokenEnd(char c) {
    return Character.isWhitespace(c)
        || c == '&'
        || c == ','
        || c == ';'
        || c == '"'
        || c == '\''
        || c == '\\';
  }

  private static int skipSpace(String text, int from) {
    int i = from;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /**
   * The text in lower case with every index still matching the original: Java's own lower-casing
   * (fast for Latin-1 text), unless it changed the length (a rare letter such as U+0130), then
   * ASCII letters only.
   */
  static String asciiLower(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    if (lower.length() == text.length()) {
      return lower;
    }
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  private static boolean containsAny(String lower, String[] words) {
    for (String word : words) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsWithAny(String lower, String[] suffixes) {
    for (String suffix : suffixes) {
      if (lower.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}
