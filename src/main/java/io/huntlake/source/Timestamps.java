package io.huntlake.source;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses the timestamp spellings found in Kubernetes logs; null when a value is not one. */
public final class Timestamps {
  private Timestamps() {}

  /**
   * The UTC day of an instant, as {@code instant.atZone(UTC).toLocalDate()} gives it, without
   * building a zoned date-time on every row.
   */
  public static java.time.LocalDate utcDay(Instant instant) {
    return java.time.LocalDate.ofEpochDay(utcEpochDay(instant));
  }

  /** The UTC day of an instant as days since 1970-01-01. */
  public static long utcEpochDay(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), 86_400L);
  }

  /**
   * RFC 3339 with Z or an offset, any fraction. The common shapes are read by hand (java.time's
   * general parser was a tenth of ingest's time); anything unusual falls back to Instant.parse.
   */
  public static Instant rfc3339(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    Instant fast = fast(text);
    if (fast != null) {
      return fast;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** yyyy-MM-ddTHH:mm:ss[.fraction](Z|+HH:MM|-HH:MM), or null to let the general parser try. */
  static Instant fast(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != 'T' && s.charAt(10) != 't')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int i = 19;
    long nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        if (i - start < 9) {
          nanos = nanos * 10 + (s.charAt(i) - '0');
        }
        i++;
      }
      int length = i - start;
      if (length == 0) {
        return null;
      }
      for (int k = length; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
      offsetSeconds = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int offsetHours = digits(s, i + 1, 2);
      int offsetMinutes = digits(s, i + 4, 2);
      if (offsetHours < 0 || offsetMinutes < 0) {
        return null;
      }
      offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (s.charAt(i) == '-' ? -1 : 1);
    } else {
      return null;
    }
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * Seconds since the epoch with an optional fraction, as Fluent Bit's date key writes them; null
   * when the number is not a time at all (NaN, infinite, beyond what an Instant holds).
   */
  public static Instant epochSeconds(double seconds) {
    if (!Double.isFinite(seconds) || Math.abs(seconds) > MAX_EPOCH_SECONDS) {
      return null;
    }
    long whole = (long) Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * 1e9);
    return Instant.ofEpochSecond(whole, Math.min(nanos, 999_999_999L));
  }

  /** Whole seconds since the epoch (VPC Flow Logs); null beyond what an Instant holds. */
  public static Instant epochSeconds(long seconds) {
    return seconds > MAX_EPOCH_SECONDS || seconds < -MAX_EPOCH_SECONDS
        ? null
        : Instant.ofEpochSecond(seconds);
  }

  /** Instant's own range is a little wider; this keeps every arithmetic on it safe. */
  private static final long MAX_EPOCH_SECONDS = 31_556_889_864_403_199L / 2;
}
