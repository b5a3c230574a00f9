package io.huntlake.source;

/**
 * Checks, in one pass over the bytes and without building anything, whether a slice of JSON is
 * exactly what Jackson's tree would write back for it: an object or array with no whitespace
 * between tokens, printable ASCII strings without escapes, integers in their shortest form and no
 * repeated key. Such a slice can be stored as it is; anything else (an escape, a non-ASCII letter,
 * a fraction, a repeated key, deep nesting, or bytes that are not JSON at all) is left to the tree,
 * which rejects what is invalid and normalises the rest. So the answer is only ever "certainly the
 * same bytes" or "ask the tree", never a guess.
 *
 * <p>The visitor sees every key and every string value as it passes, so one pass also answers
 * whether the redactor has anything to look at.
 */
final class CanonicalJson {

  /** What a scan reports as it passes; any method may stop the scan by returning false. */
  interface Visitor {
    /** A key of an object, bytes [from, to) without the quotes. */
    boolean key(byte[] bytes, int from, int to);

    /** A string value (of an object member or an array item), bytes [from, to). */
    boolean string(byte[] bytes, int from, int to);

    /** A value that is not a string (number, literal, object or array starting). */
    void other();
  }

  /** Deeper slices go to the tree (whose own limit is far above any real object). */
  static final int MAX_DEPTH = 64;

  /** Objects with more keys go to the tree (the repeated-key check compares every pair). */
  static final int MAX_KEYS = 256;

  /**
   * @return true when bytes [from, to) are one canonical JSON object or array and the visitor never
   *     stopped the scan
   */
  static boolean scan(byte[] b, int from, int to, Visitor visitor) {
    if (from >= to || (b[from] != '{' && b[from] != '[')) {
      return false;
    }
    return new CanonicalJson(b, to, visitor).scan(from);
  }

  private final byte[] b;
  private final int to;
  private final Visitor visitor;
  // Keys of the open objects, as [start, end) pairs, innermost last; keyBase[d] is where the keys
  // of the object at depth d begin.
  private int[] keys = new int[64];
  private final int[] keyBase = new int[MAX_DEPTH + 1];
  private int keyCount;
  private int depth;

  private CanonicalJson(byte[] b, int to, Visitor visitor) {
    this.b = b;
    this.to = to;
    this.visitor = visitor;
  }

  private boolean scan(int from) {
    boolean[] inObject = new boolean[MAX_DEPTH + 1];
    int i = from;
    // Each iteration reads one value at position i (after a key or in an array), or closes.
    boolean expectValue = true;
    while (i < to) {
      if (expectValue) {
        byte c = b[i];
        if (c == '{' || c == '[') {
          visitor.other();
          if (depth == MAX_DEPTH) {
            return false;
          }
          depth++;
          inObject[depth] = c == '{';
          keyBase[depth] = keyCount;
          i++;
          if (i < to && (b[i] == '}' || b[i] == ']')) {
            if (b[i] != (c == '{' ? '}' : ']')) {
              return false;
            }
            keyCount = keyBase[depth];
            depth--;
            i++;
            expectValue = false;
            if (depth == 0) {
              return i == to;
            }
            continue;
          }
          if (inObject[depth]) {
            i = key(i);
            if (i < 0) {
              return false;
            }
          }
          continue;
        }
        if (c == '"') {
          int end = stringEnd(b, i, to);
          if (end < 0 || !visitor.string(b, i + 1, end)) {
            return false;
          }
          i = end + 1;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
          int end = integerEnd(b, i, to);
          if (end < 0) {
            return false;
          }
          visitor.other();
          i = end;
        } else if (matches(b, i, to, "true")) {
          visitor.other();
          i += 4;
        } else if (matches(b, i, to, "false")) {
          visitor.other();
          i += 5;
        } else if (matches(b, i, to, "null")) {
          visitor.other();
          i += 4;
        } else {
          return false;
        }
        expectValue = false;
        continue;
      }
      // After a value: a comma (then the next key or item) or the container's close.
      byte c = b[i];
      if (c == ',') {
        i++;
        if (inObject[depth]) {
          i = key(i);
          if (i < 0) {
            return false;
          }
        }
        expectValue = true;
      } else if (c == (inObject[depth] ? '}' : ']')) {
        keyCount = keyBase[depth];
        depth--;
        i++;
        if (depth == 0) {
          return i == to;
        }
      } else {
        return false;
      }
    }
    return false;
  }

  /**
   * Reads the key opening at {@code at} and its colon, remembers it and shows it to the visitor.
   *
   * @return where its value starts, or -1 when the key is not canonical, repeats one of the
   *     object's keys, is one too many, or the visitor stopped the scan
   */
  private int key(int at) {
    int end = stringEnd(b, at, to);
    if (end < 0 || end + 1 >= to || b[end + 1] != ':') {
      return -1;
    }
    if (keyCount - keyBase[depth] >= MAX_KEYS || repeated(at + 1, end)) {
      return -1;
    }
    if (keyCount * 2 + 2 > keys.length) {
      keys = java.util.Arrays.copyOf(keys, keys.length * 2);
    }
    keys[keyCount * 2] = at + 1;
    keys[keyCount * 2 + 1] = end;
    keyCount++;
    return visitor.key(b, at + 1, end) ? end + 2 : -1;
  }

  /**
   * The index of the closing quote of the string opening at {@code at}, or -1 when the string holds
   * anything Jackson would write differently (an escape, a control or non-ASCII byte).
   */
  private static int stringEnd(byte[] b, int at, int to) {
    if (at >= to || b[at] != '"') {
      return -1;
    }
    for (int i = at + 1; i < to; i++) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c == '\\' || c < 0x20 || c == 0x7f) { // bytes >= 0x80 are negative
        return -1;
      }
    }
    return -1;
  }

  /** The end of an integer in its shortest form ("0", "-12", never "-0", "01" or "1.5"). */
  private static int integerEnd(byte[] b, int at, int to) {
    int i = at;
    if (b[i] == '-') {
      i++;
    }
    if (i >= to || b[i] < '0' || b[i] > '9') {
      return -1;
    }
    if (b[i] == '0') {
      i++;
      if (b[at] == '-') {
        return -1;
      }
    } else {
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
    }
    if (i < to && (b[i] == '.' || b[i] == 'e' || b[i] == 'E' || (b[i] >= '0' && b[i] <= '9'))) {
      return -1;
    }
    return i;
  }

  private static boolean matches(byte[] b, int at, int to, String literal) {
    return TextTriggers.at(b, at, to, literal);
  }

  /** Whether key [from, end) repeats one of the open object's earlier keys. */
  private boolean repeated(int from, int end) {
    int length = end - from;
    for (int k = keyBase[depth]; k < keyCount; k++) {
      int start = keys[k * 2];
      if (keys[k * 2 + 1] - start == length
          && java.util.Arrays.equals(b, start, start + length, b, from, end)) {
        return true;
      }
    }
    return false;
  }
}
