package io.huntlake.source;

/**
 * The words without which no redaction rule can act, looked for in ASCII bytes without making a
 * string: a value none of them occurs in passes {@link Redactor#string} unchanged, so it need not
 * be decoded and run through the rules. Each rule's own pre-check needs one of these (JWT: "eyJ";
 * bearer and authorization headers: "bearer", "auth"; URL passwords: "://"; URL parameters: "=";
 * secret-named keys: SecretKeys' anchors; PEM blocks: "key"; AWS key ids: their prefixes), so the
 * list is a superset of every rule's trigger, never a guess at what secrets look like.
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

  /** Whether any text rule could act on ASCII bytes [from, to). */
  static boolean any(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      switch (c) {
        case '=' -> {
          return true;
        }
        case 'e' -> {
          if (at(b, i, to, "eyJ")) {
            return true;
          }
        }
        case ':' -> {
          if (at(b, i, to, "://")) {
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
        for (String word : WORDS) {
          if (word.charAt(0) == lower && atIgnoringCase(b, i, to, word)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Whether a key or env name could be a secret's: one of SecretKeys' anchors in it, in any case
   * and with '_', '-' and '.' ignored (as the name checks ignore them).
   */
  static boolean secretAnchor(byte[] b, int from, int to) {
    byte[] letters = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c != '_' && c != '-' && c != '.') {
        letters[n++] = (byte) (c >= 'A' && c <= 'Z' ? c | 0x20 : c);
      }
    }
    for (int i = 0; i < n; i++) {
      for (String word : SecretKeys.ANCHORS) {
        if (word.charAt(0) == letters[i] && at(letters, i, n, word)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether ASCII {@code word} is at {@code b[i]}, before {@code to}. */
  static boolean at(byte[] b, int i, int to, String word) {
    return at(b, i, to, word, false);
  }

  private static boolean atIgnoringCase(byte[] b, int i, int to, String lowerWord) {
    return at(b, i, to, lowerWord, true);
  }

  private static boolean at(byte[] b, int i, int to, String word, boolean ignoreCase) {
    if (i + word.length() > to) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      int c = b[i + k];
      if (ignoreCase && c >= 'A' && c <= 'Z') {
        c |= 0x20;
      }
      if (c != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
