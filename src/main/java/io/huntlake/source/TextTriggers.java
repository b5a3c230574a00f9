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

  /** For each ASCII letter, the words that start with it (lower case); empty for other letters. */
  private static final String[][] WORDS_BY_LETTER = new String[26][];

  /** Bytes at which a trigger can start: '=', ':', 'e', 'A' and every word's first letter. */
  private static final boolean[] STARTS = new boolean[128];

  static {
    for (int letter = 0; letter < 26; letter++) {
      char first = (char) ('a' + letter);
      WORDS_BY_LETTER[letter] =
          java.util.Arrays.stream(WORDS).filter(w -> w.charAt(0) == first).toArray(String[]::new);
      if (WORDS_BY_LETTER[letter].length > 0) {
        STARTS[first] = true;
        STARTS[Character.toUpperCase(first)] = true;
      }
    }
    for (char c : new char[] {'=', ':', 'e', 'A'}) {
      STARTS[c] = true;
    }
  }

  /**
   * Whether any text rule could act on ASCII bytes [from, to): the same answer as {@link
   * #any(String)}, for short values, where making a string first would cost more than the search.
   */
  static boolean any(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      int c = b[i];
      if (c < 0 || !STARTS[c]) {
        continue;
      }
      switch (c) {
        case '=' -> {
          return true;
        }
        case ':' -> {
          if (at(b, i, to, "://")) {
            return true;
          }
        }
        case 'e' -> {
          if (at(b, i, to, "eyJ")) {
            return true;
          }
        }
        case 'A' -> {
          for (String prefix : Redactor.AWS_KEY_ID_PREFIXES) {
            if (at(b, i, to, prefix)) {
              return true;
            }
          }
        }
        default -> {}
      }
      int lower = c | 0x20;
      if (lower >= 'a' && lower <= 'z') {
        for (String word : WORDS_BY_LETTER[lower - 'a']) {
          if (atSkippingSeparators(b, i, to, word, false)) {
            return true;
          }
        }
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
      int lower = b[i] | 0x20;
      if (lower < 'a' || lower > 'z') {
        continue;
      }
      for (String word : WORDS_BY_LETTER[lower - 'a']) {
        // "bearer" is a text trigger, not an anchor: a false yes here only costs a check.
        if (atSkippingSeparators(b, i, to, word, true)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether lower-case {@code word} starts at b[i], in any case; with {@code skipping}, separators
   * between its letters are ignored.
   */
  private static boolean atSkippingSeparators(
      byte[] b, int i, int to, String word, boolean skipping) {
    int at = i;
    for (int k = 0; k < word.length(); at++) {
      if (at >= to) {
        return false;
      }
      int c = b[at];
      if (skipping && separator((byte) c)) {
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
