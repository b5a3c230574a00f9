package io.huntlake.hunt;

import io.huntlake.error.Errors;
import io.huntlake.sql.SqlScript;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code ${name}} a hunt takes: its type says how a value is checked and written into the
 * query, so {@code --param day=yesterday} fails before any Spark work and no value can change the
 * query's shape.
 *
 * @param type date (YYYY-MM-DD), timestamp (ISO-8601 UTC), int, or string
 * @param defaultValue the value when --param does not give one; empty means required
 */
public record HuntParameter(
    String name, String type, Optional<String> defaultValue, String description) {
  public static final Set<String> TYPES = Set.of("date", "timestamp", "int", "string");

  /** The SQL literal for a value, after checking it is one of this parameter's type. */
  public String literal(String value) {
    try {
      return switch (type) {
        case "date" -> "DATE'" + LocalDate.parse(value) + "'";
        case "timestamp" -> "TIMESTAMP'" + Instant.parse(value) + "'";
        case "int" -> Long.toString(Long.parseLong(value.strip()));
        default -> SqlScript.stringLiteral(value);
      };
    } catch (DateTimeParseException | NumberFormatException e) {
      throw Errors.badParameter(name, value, type);
    }
  }

  /** How `hunt list` shows it: {@code day date}, {@code days int = 1}. */
  public String signature() {
    return name + " " + type + defaultValue.map(v -> " = " + v).orElse("");
  }
}
