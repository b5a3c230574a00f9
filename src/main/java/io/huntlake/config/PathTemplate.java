package io.huntlake.config;

import io.huntlake.source.LogSource;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw-log location with date tokens, e.g. {@code {raw}/audit/dt={date}} or {@code
 * {raw}/audit/{yyyy}/{MM}/{dd}}. Tokens: {raw}, {source}, {date} (YYYY-MM-DD), {yyyy}, {MM}, {dd}.
 */
public record PathTemplate(String template) {
  static final Set<String> TOKENS = Set.of("raw", "source", "date", "yyyy", "MM", "dd");
  private static final Pattern TOKEN = Pattern.compile("\\{([^}]*)}");

  /** The tokens in the template that are not known, empty when it is valid. */
  static Set<String> unknownTokens(String template) {
    Matcher matcher = TOKEN.matcher(template);
    java.util.TreeSet<String> unknown = new java.util.TreeSet<>();
    while (matcher.find()) {
      if (!TOKENS.contains(matcher.group(1))) {
        unknown.add(matcher.group(1));
      }
    }
    return unknown;
  }

  public boolean hasDateToken() {
    return template.contains("{date}") || template.contains("{dd}");
  }

  /** The location of one source's logs for one day. */
  public String resolve(String raw, LogSource source, LocalDate date) {
    Matcher matcher = TOKEN.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value =
          switch (matcher.group(1)) {
            case "raw" -> raw;
            case "source" -> source.id();
            case "date" -> date.toString();
            case "yyyy" -> String.format("%04d", date.getYear());
            case "MM" -> String.format("%02d", date.getMonthValue());
            case "dd" -> String.format("%02d", date.getDayOfMonth());
            default -> throw new IllegalStateException("validated on load: " + matcher.group());
          };
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  @Override
  public String toString() {
    return template;
  }
}
