package io.huntlake.cli;

import io.huntlake.error.Errors;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** --date D, or --from D1 --to D2, for commands that run over days. */
final class DateOptions {
  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day to process (UTC).")
  LocalDate date;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "First day of a range (inclusive).")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM-DD",
      description = "Last day of a range (inclusive).")
  LocalDate to;

  LocalDate first() {
    check();
    return date != null ? date : from;
  }

  LocalDate last() {
    check();
    return date != null ? date : to;
  }

  private void check() {
    if (date != null && (from != null || to != null)) {
      throw Errors.badArgument(
          "dates",
          "--date and --from/--to are both given",
          "Give either --date D or --from D1 --to D2.");
    }
    if (date == null && (from == null || to == null)) {
      throw Errors.badArgument("dates", "no day given", "Give --date D, or --from D1 --to D2.");
    }
    if (date == null && to.isBefore(from)) {
      throw Errors.badArgument("--to", to + " is before --from " + from, "Swap them.");
    }
  }
}
