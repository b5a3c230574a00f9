package io.huntlake.intel;

import java.util.List;

/**
 * What one feed file held: the indicators it lists, and every entry that could not be one, with
 * why. Nothing in the file is dropped without being in one of the two.
 *
 * @param format how the file was read: csv, list or stix
 * @param indicators the indicators, in stored form
 * @param problems the entries that are not indicators HuntLake can match
 * @param skipped objects that are not indicators at all (a STIX bundle's identities, reports...)
 */
public record FeedContents(
    String format, List<Indicator> indicators, List<Problem> problems, long skipped) {
  /** An entry that is not a matchable indicator: where it is, what it says and why. */
  public record Problem(long line, String text, String reason) {
    public String describe() {
      String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
      return "line " + line + ": " + reason + ": " + shown;
    }
  }

  public FeedContents {
    indicators = List.copyOf(indicators);
    problems = List.copyOf(problems);
  }
}
