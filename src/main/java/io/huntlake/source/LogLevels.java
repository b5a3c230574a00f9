package io.huntlake.source;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the severity a log line states, as error, warn, info or debug (null when it states none):
 * JSON {@code level}/{@code severity}, logfmt {@code level=}, klog's {@code E1101 ...} prefix, and
 * the common {@code ERROR}/{@code [WARN]}/{@code LOG:} spellings near the start of the line.
 */
public final class LogLevels {
  private static final Pattern JSON_LEVEL =
      Pattern.compile("\"(?:level|lvl|severity|log\\.level)\"\\s*:\\s*\"([A-Za-z]+)\"");
  private static final Pattern LOGFMT_LEVEL =
      Pattern.compile("(?:^|\\s)(?:level|lvl)=\"?([A-Za-z]+)");
  private static final Pattern KLOG = Pattern.compile("^([IWEF])\\d{4} \\d\\d:\\d\\d:\\d\\d");
  private static final Pattern WORD =
      Pattern.compile(
          "\\b(FATAL|PANIC|CRITICAL|ERROR|ERR|WARNING|WARN|INFO|DEBUG|TRACE|NOTICE|LOG)\\b");

  private LogLevels() {}

  public static String detect(String message) {
    if (message == null || message.isEmpty()) {
      return null;
    }
    String head = message.length() > 300 ? message.substring(0, 300) : message;
    Matcher m = JSON_LEVEL.matcher(head);
    if (m.find()) {
      return normalise(m.group(1));
    }
    m = LOGFMT_LEVEL.matcher(head);
    if (m.find()) {
      return normalise(m.group(1));
    }
    m = KLOG.matcher(head);
    if (m.find()) {
      return switch (m.group(1)) {
        case "E", "F" -> "error";
        case "W" -> "warn";
        default -> "info";
      };
    }
    String start = head.length() > 80 ? head.substring(0, 80) : head;
    m = WORD.matcher(start);
    return m.find() ? normalise(m.group(1)) : null;
  }

  static String normalise(String level) {
    return switch (level.toLowerCase(Locale.ROOT)) {
      case "fatal", "panic", "critical", "crit", "error", "err", "e", "alert", "emerg" -> "error";
      case "warning", "warn", "w" -> "warn";
      case "debug", "trace", "dbug" -> "debug";
      case "info", "notice", "log", "i", "information" -> "info";
      default -> null;
    };
  }
}
