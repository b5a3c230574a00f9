package io.huntlake.sql;

import io.huntlake.error.Errors;
import java.util.Locale;

/** How query results are printed: an aligned table for people, CSV or JSON lines for pipes. */
public enum OutputFormat {
  TABLE,
  CSV,
  JSON;

  public static OutputFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Errors.badArgument(
          "--format", "'" + name + "' is not a format", "Use --format table, csv or json.");
    }
  }
}
