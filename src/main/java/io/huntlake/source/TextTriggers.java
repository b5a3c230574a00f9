package io.huntlake.source;

/**
 * The words without which no redaction rule can act: a text none of them occurs in passes {@link
 * Redactor#string} unchanged, and so does every value inside it. Each rule's own pre-check needs
 * one of these (JWT: "eyJ"; bearer and authorization headers: "bearer", "auth"; URL passwords:
 * "://"; URL parameters: "="; secret-named keys: SecretKeys' anchors; PEM blocks: "key"; AWS key
 * ids: their prefixes), so the list is a superset of every rule's trigger, never a guess at what
 * secrets look like. Key names are also judged with '_', '-' and '.' ignored ({@link
 * #secretAnchor}), which the words alone would miss.
 */
final class TextTriggers {
  private TextTriggers() {}

  /**
   * The words SecretKeys anchors on (every word its key and env-name checks look for is one of them
   * or holds one), and "bearer".
   */
  private static final String[] WORDS = words();

  private static String[] words() {
    String[] words = java.util.Arrays.copyOf(SecretKeys.ANCHORS, SecretKeys.ANCHORS.length + 1);
    words[words.length - 1] = "bearer";
    return words;
  }

  /**
   * Whether any text rule could act on ASCII {@code text}. String searches rather than one loop
   * over the bytes: the JIT makes each of them a vector scan, many times faster than a byte at a
   * time.
   */
  static boolean any(String text) {
    if (text.indexOf('=') >= 0 || text.contains("eyJ") || text.contains("://")) {
      return true;
    }
    if (text.indexOf('A') >= 0) {
      for (String prefix : Redactor.AWS_KEY_ID_PREFIXES) {
        if (text.contains(prefix)) {
          return true;
        }
      }
    }
    String lower = SecretKeys.asciiLower(text);
    for (String word : WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Whether ASCII bytes [from, to) hold a separator that the key-name checks ignore. */
  static boolean separated(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (separator(b[i])) {
        return true;
      }
    }
    return false;
  }

  private static boolean separator(byte c) {
    return c == '_' || c == '-' || c == '.';
  }

  /**
   * Whether a key or env name could be a secret's: one of SecretKeys' anchors in it, in any case
   * and with '_', '-' and '.' ignored (as the name checks ignore them).
   */
  static boolean secretAnchor(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (separator(b[i])) {
        continue;
      }
      for (String word : SecretKeys.ANCHORS) {
        if (atSkippingSeparators(b, i, to, word)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether lower-case {@code word} starts at b[i], in any case, separators between letters. */
  private static boolean atSkippingSeparators(byte[] b, int i, int to, String word) {
    int at = i;
    for (int k = 0; k < word.length(); at++) {
      if (at >= to) {
        return false;
      }
      int c = b[at];
      if (separator((byte) c)) {
        continue;
      }
      if (c >= 'A' && c <= 'Z') {
        c |= 0x20;
      }
      if (c != word.charAt(k)) {
        return false;
      }
      k++;
    }
    return true;
  }

  /** Whether ASCII {@code word} is at {@code b[i]}, before {@code to}. */
  static boolean at(byte[] b, int i, int to, String word) {
    if (i + word.length() > to) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (b[i + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
