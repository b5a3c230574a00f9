package io.huntlake.evaluate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How well the findings cover the labelled attacks: a label is caught when a finding of its day and
 * cluster names its entity or cites any of its evidence (an audit id, flow key or log line).
 * Findings that cover no label are the noise, counted by severity. Capacity labels have no attack
 * signature and are left out. Pure Java: no Spark.
 */
public final class DetectionEvaluation {
  /** One row of the findings table, as far as the evaluation needs it. */
  public record Finding(
      LocalDate date,
      String ruleId,
      String severity,
      String entityId,
      String cluster,
      List<String> evidence,
      String summary) {}

  /** The findings that cover one label (none: missed). */
  public record Coverage(LabelledEntity label, List<Finding> findings) {
    public boolean caught() {
      return !findings.isEmpty();
    }
  }

  /**
   * @param unrelatedBySeverity findings covering no label, per severity
   * @param unrelatedAboveLow those of them above low, for a reader to judge
   */
  public record Report(
      List<Coverage> coverage,
      Map<String, Long> unrelatedBySeverity,
      List<Finding> unrelatedAboveLow) {
    public long caught() {
      return coverage.stream().filter(Coverage::caught).count();
    }
  }

  private static final Set<String> AT_MOST_LOW = Set.of("info", "low");

  private DetectionEvaluation() {}

  public static Report evaluate(
      List<Finding> findings, List<LabelledEntity> labels, LocalDate from, LocalDate to) {
    List<Coverage> coverage = new ArrayList<>();
    Set<Finding> related = new HashSet<>();
    for (LabelledEntity label : labels) {
      if (!label.kind().equals("attack")
          || label.date().isBefore(from)
          || label.date().isAfter(to)) {
        continue;
      }
      Set<String> evidence = new HashSet<>(label.evidence());
      List<Finding> covering =
          findings.stream()
              .filter(f -> f.date().equals(label.date()) && f.cluster().equals(label.cluster()))
              .filter(
                  f ->
                      f.evidence().stream().anyMatch(evidence::contains)
                          || (f.entityId().equals(label.entityId())
                              && !AT_MOST_LOW.contains(f.severity())))
              .toList();
      related.addAll(covering);
      coverage.add(new Coverage(label, covering));
    }
    Map<String, Long> bySeverity = new TreeMap<>();
    List<Finding> aboveLow = new ArrayList<>();
    for (Finding finding : findings) {
      if (related.contains(finding)) {
        continue;
      }
      bySeverity.merge(finding.severity(), 1L, Long::sum);
      if (!AT_MOST_LOW.contains(finding.severity())) {
        aboveLow.add(finding);
      }
    }
    return new Report(coverage, bySeverity, aboveLow);
  }

  public static String table(Report report) {
    StringBuilder out = new StringBuilder("\nFindings per labelled attack:\n");
    for (Coverage c : report.coverage()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-10s %-28s %-7s %s%n",
              c.label().date(),
              c.label().scenario(),
              c.caught() ? "caught" : "MISSED",
              String.join(
                  ", ",
                  c.findings().stream()
                      .map(f -> f.ruleId() + " (" + f.severity() + ")")
                      .distinct()
                      .toList())));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  %d of %d labelled attacks caught%n%nFindings covering no label, by severity: %s%n",
            report.caught(),
            report.coverage().size(),
            report.unrelatedBySeverity()));
    for (Finding f : report.unrelatedAboveLow()) {
      out.append(
          String.format(
              Locale.ROOT, "  %s %-6s %s: %s%n", f.date(), f.severity(), f.ruleId(), f.summary()));
    }
    return out.toString();
  }
}
