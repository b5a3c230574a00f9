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
  static final Pattern JSON_LEVEL =
      Pattern.compile("\"(?:level|lvl|severity|log\\.level)\"\\s*:\\s*\"([A-Za-z]+)\"");
  static final Pattern LOGFMT_LEVEL = Pattern.compile("(?:^|\\s)(?:level|lvl)=\"?([A-Za-z]+)");
  static final Pattern KLOG = Pattern.compile("^([IWEF])\\d{4} \\d\\d:\\d\\d:\\d\\d");
  static final Pattern WORD =
      Pattern.compile(
          "\\b(FATAL|PANIC|CRITICAL|ERROR|ERR|WARNING|WARN|INFO|DEBUG|TRACE|NOTICE|LOG)\\b");

  private LogLevels() {}

  public static String detect(String message) {
    if (message == null || message.isEmpty()) {
      return null;
    }
    String head = message.length() > 300 ? message.substring(0, 300) : message;
    // Each pattern runs only where the text it cannot match without is present: the answers are
    // the patterns' own, at a fraction of the cost on the lines that state no level that way.
    if (mayHoldJsonLevel(head)) {
      Matcher m = JSON_LEVEL.matcher(head);
      if (m.find()) {
        return normalise(m.group(1));
      }
    }
    if (head.contains("level=") || head.contains("lvl=")) {
      Matcher m = LOGFMT_LEVEL.matcher(head);
      if (m.find()) {
        return normalise(m.group(1));
      }
    }
    if (head.length() > 1 && "IWEF".indexOf(head.charAt(0)) >= 0 && isDigit(head.charAt(1))) {
      Matcher m = KLOG.matcher(head);
      if (m.find()) {
        return switch (m.group(1)) {
          case "E", "F" -> "error";
          case "W" -> "warn";
          default -> "info";
        };
      }
    }
    String start = head.length() > 80 ? head.substring(0, 80) : head;
    if (!mayHoldLevelWord(start)) {
      return null;
    }
    Matcher m = WORD.matcher(start);
    return m.find() ? normalise(m.group(1)) : null;
  }

  /** Whether the text holds one of the keys {@link #JSON_LEVEL} looks for, quoted. */
  private static boolean mayHoldJsonLevel(String text) {
    return text.contains("\"level\"")
        || text.contains("\"lvl\"")
        || text.contains("\"severity\"")
        || text.contains("\"log.level\"");
  }

  /** Whether the text holds a word {@link #WORD} looks for (ERR and WARN start the longer ones). */
  private static boolean mayHoldLevelWord(String text) {
    for (String word : LEVEL_WORD_STEMS) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }

  private static final String[] LEVEL_WORD_STEMS = {
    "ERR", "WARN", "INFO", "DEBUG", "FATAL", "PANIC", "CRITICAL", "TRACE", "NOTICE", "LOG"
  };

  /** The digits {@code \\d} matches (ASCII only: the pattern has no UNICODE_CHARACTER_CLASS). */
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
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
