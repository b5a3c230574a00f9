package io.huntlake.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** An evaluation report as an aligned text table, or as one JSON document for other tools. */
public final class EvaluationText {
  private EvaluationText() {}

  public static String table(Evaluation.Report report) {
    StringBuilder out = new StringBuilder();
    out.append("Labelled entities (rank among all entities scored that day):\n");
    out.append(
        String.format(
            Locale.ROOT,
            "  %-10s %-28s %-9s %-9s %6s %6s  %s%n",
            "date",
            "scenario",
            "kind",
            "type",
            "rank",
            "score",
            "entity"));
    for (Evaluation.Outcome o : report.outcomes()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-10s %-28s %-9s %-9s %6s %6s  %s%n",
              o.label().date(),
              o.label().scenario(),
              o.label().kind(),
              o.label().entityType(),
              o.rank().map(String::valueOf).orElse("-"),
              o.score().map(s -> String.format(Locale.ROOT, "%.1f", s)).orElse("-"),
              o.label().cluster()
                  + " "
                  + o.label().entityId()
                  + o.scoredAs().map(id -> " (scored as " + id + ")").orElse("")));
    }
    out.append("\nPer day:\n");
    out.append(
        String.format(
            Locale.ROOT,
            "  %-10s %8s %9s %8s %8s %8s%n",
            "date",
            "labelled",
            "top score",
            "P@5",
            "P@10",
            "R@10"));
    for (Evaluation.Day day : report.days()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-10s %8s %9.1f %8s %8s %8s%s%n",
              day.date(),
              day.labelled(),
              day.topScore(),
              day.quiet() ? "" : fraction(day.precisionAtK().get(5)),
              day.quiet() ? "" : fraction(day.precisionAtK().get(10)),
              day.quiet() ? "" : fraction(day.recallAtK().get(10)),
              !day.scored() ? "  (warming up)" : day.quiet() ? "  quiet" : ""));
    }
    out.append("\nOverall:");
    for (int k : Evaluation.KS) {
      out.append(
          String.format(
              Locale.ROOT,
              " P@%d %s R@%d %s;",
              k,
              fraction(report.precisionAtK().get(k)),
              k,
              fraction(report.recallAtK().get(k))));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n  quiet days' highest score %.1f (alert threshold %.1f)%s%n",
            report.quietDayMaxScore(),
            report.alertThreshold(),
            report.noisyQuietDays().isEmpty() ? "" : ", reached on " + report.noisyQuietDays()));
    return out.toString();
  }

  /** Scores and, when there are findings, their coverage of the labels, as one JSON document. */
  public static String json(EvaluationJob.Result result) {
    ObjectNode root = scores(result.scores());
    result
        .findings()
        .ifPresent(
            report -> {
              ObjectNode findings = root.putObject("findings");
              ArrayNode labels = findings.putArray("labelled_attacks");
              for (DetectionEvaluation.Coverage c : report.coverage()) {
                ObjectNode node = labels.addObject();
                node.put("date", c.label().date().toString());
                node.put("scenario", c.label().scenario());
                node.put("caught", c.caught());
                ArrayNode rules = node.putArray("rules");
                c.findings().stream()
                    .map(DetectionEvaluation.Finding::ruleId)
                    .distinct()
                    .forEach(rules::add);
              }
              ObjectNode noise = findings.putObject("unrelated_by_severity");
              report.unrelatedBySeverity().forEach(noise::put);
              ArrayNode above = findings.putArray("unrelated_above_low");
              for (DetectionEvaluation.Finding f : report.unrelatedAboveLow()) {
                above
                    .addObject()
                    .put("date", f.date().toString())
                    .put("rule_id", f.ruleId())
                    .put("severity", f.severity())
                    .put("summary", f.summary());
              }
            });
    return root.toPrettyString();
  }

  public static String json(Evaluation.Report report) {
    return scores(report).toPrettyString();
  }

  private static ObjectNode scores(Evaluation.Report report) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode entities = root.putArray("labelled_entities");
    for (Evaluation.Outcome o : report.outcomes()) {
      ObjectNode node = entities.addObject();
      node.put("date", o.label().date().toString());
      node.put("scenario", o.label().scenario());
      node.put("kind", o.label().kind());
      node.put("entity_type", o.label().entityType());
      node.put("entity_id", o.label().entityId());
      node.put("cluster", o.label().cluster());
      o.scoredAs().ifPresent(id -> node.put("scored_as", id));
      o.rank().ifPresentOrElse(r -> node.put("rank", r), () -> node.putNull("rank"));
      o.score().ifPresentOrElse(s -> node.put("score", s), () -> node.putNull("score"));
    }
    ArrayNode days = root.putArray("days");
    for (Evaluation.Day day : report.days()) {
      ObjectNode node = days.addObject();
      node.put("date", day.date().toString());
      node.put("labelled", day.labelled());
      node.put("scored", day.scored());
      node.put("top_score", day.topScore());
      put(node.putObject("precision_at_k"), day.precisionAtK());
      put(node.putObject("recall_at_k"), day.recallAtK());
    }
    ObjectNode overall = root.putObject("overall");
    put(overall.putObject("precision_at_k"), report.precisionAtK());
    put(overall.putObject("recall_at_k"), report.recallAtK());
    overall.put("quiet_day_max_score", report.quietDayMaxScore());
    overall.put("alert_threshold", report.alertThreshold());
    ArrayNode noisy = overall.putArray("quiet_days_at_or_above_threshold");
    report.noisyQuietDays().forEach(d -> noisy.add(d.toString()));
    return root;
  }

  private static void put(ObjectNode node, Map<Integer, Double> values) {
    values.forEach((k, v) -> node.put(String.valueOf(k), v));
  }

  private static String fraction(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
