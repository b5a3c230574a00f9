package io.huntlake.source;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses the timestamp spellings found in Kubernetes logs; null when a value is not one. */
public final class Timestamps {
  private Timestamps() {}

  /** RFC 3339 with Z or an offset, any fraction (Java 12+ Instant.parse takes offsets). */
  public static Instant rfc3339(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Seconds since the epoch with an optional fraction, as Fluent Bit's date key writes them. */
  public static Instant epochSeconds(double seconds) {
    long whole = (long) Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * 1e9);
    return Instant.ofEpochSecond(whole, Math.min(nanos, 999_999_999L));
  }
}
