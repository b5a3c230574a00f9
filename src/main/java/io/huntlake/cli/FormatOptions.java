package io.huntlake.cli;

import io.huntlake.error.Errors;
import picocli.CommandLine.Option;

/** --format table|json, for commands that print a report. */
final class FormatOptions {
  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "table|json",
      description = "table (default) or json.")
  String format;

  /** Whether JSON was asked for; refuses anything but table or json. */
  boolean json() {
    if (!format.equals("table") && !format.equals("json")) {
      throw Errors.badArgument(
          "--format", "'" + format + "' is not a format", "Use --format table or --format json.");
    }
    return format.equals("json");
  }
}
