package io.huntlake.cli;

import static org.apache.spark.sql.functions.col;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.detect.Severity;
import io.huntlake.evaluate.DetectionEvaluation;
import io.huntlake.evaluate.Evaluation;
import io.huntlake.evaluate.EvaluationJob;
import io.huntlake.features.EntityFeatures;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.AnomalyScoresTable;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.FindingsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.table.RejectsTable;
import io.huntlake.table.TableDefinition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the demo shows a newcomer once the pipeline has run: the tables, and where to start. */
final class DemoSummary {
  /** Anomalies shown for the last day, and reasons shown for each. */
  private static final int TOP = 5;

  private static final int REASONS = 3;

  private DemoSummary() {}

  static void print(
      SparkSession spark,
      HuntlakeConfig config,
      Path labels,
      LocalDate firstDay,
      LocalDate lastDay,
      PrintWriter out) {
    out.println();
    out.println("Tables (Delta, under " + config.storage().lake() + "):");
    for (TableDefinition table : tables()) {
      long rows =
          LakeTables.read(spark, LakeTables.path(config, table)).map(t -> t.count()).orElse(0L);
      out.printf(Locale.ROOT, "  %-24s %,12d rows  %s%n", table.name(), rows, table.description());
    }

    out.println();
    out.println("Top anomalies on " + lastDay + " (anomaly_scores), with their strongest reasons:");
    List<Row> top =
        LakeTables.readDay(spark, config, AnomalyScoresTable.DEFINITION, lastDay)
            .where(col(AnomalyScoresTable.RANK).leq(TOP))
            .orderBy(AnomalyScoresTable.RANK)
            .collectAsList();
    for (Row row : top) {
      out.printf(
          Locale.ROOT,
          "  #%d %5.1f  %-9s %s  (%s)%n",
          row.<Integer>getAs(AnomalyScoresTable.RANK),
          row.<Double>getAs(AnomalyScoresTable.SCORE),
          row.<String>getAs(AnomalyScoresTable.ENTITY_TYPE),
          row.<String>getAs(AnomalyScoresTable.ENTITY_ID),
          row.<String>getAs(AnomalyScoresTable.CLUSTER));
      List<Row> reasons = row.getList(row.fieldIndex(AnomalyScoresTable.REASONS));
      for (Row reason : reasons.subList(0, Math.min(REASONS, reasons.size()))) {
        out.printf(
            Locale.ROOT,
            "        +%4.1f  %s%n",
            reason.<Double>getAs(AnomalyScoresTable.REASON_CONTRIBUTION),
            reason.<String>getAs(AnomalyScoresTable.REASON_DETAIL));
      }
    }

    out.println();
    out.println("Where each labelled scenario ranked on its day (huntlake evaluate):");
    EvaluationJob.Result result =
        new EvaluationJob().run(spark, config, labels.toString(), firstDay, lastDay);
    Evaluation.Report report = result.scores();
    for (Evaluation.Outcome outcome : report.outcomes()) {
      out.printf(
          Locale.ROOT,
          "  %s %-28s %-9s rank %4s  score %5s  %s%n",
          outcome.label().date(),
          outcome.label().scenario(),
          outcome.label().entityType(),
          outcome.rank().map(String::valueOf).orElse("-"),
          outcome.score().map(s -> String.format(Locale.ROOT, "%.1f", s)).orElse("-"),
          outcome.label().entityId()
              + outcome.scoredAs().map(id -> " (scored as " + id + ")").orElse(""));
    }
    out.printf(
        Locale.ROOT,
        "  days without a scenario: highest score %.1f (alerts start at %.1f)%n",
        report.quietDayMaxScore(),
        report.alertThreshold());

    printFindings(spark, config, lastDay, out);
    result
        .findings()
        .ifPresent(
            findings -> {
              out.println();
              out.println("Which rules caught each labelled attack on its day:");
              for (DetectionEvaluation.Coverage c : findings.coverage()) {
                out.printf(
                    Locale.ROOT,
                    "  %s %-28s %s%n",
                    c.label().date(),
                    c.label().scenario(),
                    c.caught()
                        ? String.join(
                            ", ",
                            c.findings().stream()
                                .map(DetectionEvaluation.Finding::ruleId)
                                .distinct()
                                .toList())
                        : "MISSED");
              }
              out.printf(
                  Locale.ROOT,
                  "  findings about anything else, by severity: %s%n",
                  findings.unrelatedBySeverity());
            });

    out.println();
    out.println(
        "Next: query the tables with Spark SQL (huntlake sql arrives with the hunting issue), e.g.");
    out.println(
        "  SELECT entity_id, score, summary FROM delta.`"
            + config.storage().table(AnomalyScoresTable.NAME)
            + "` WHERE event_date = DATE'"
            + lastDay
            + "' ORDER BY rank LIMIT 10");
    out.println("and see the README for every table's columns and how scores are made.");
  }

  /** The last day's findings above low, most severe first. */
  private static void printFindings(
      SparkSession spark, HuntlakeConfig config, LocalDate day, PrintWriter out) {
    out.println();
    out.println(
        "Findings on " + day + " above low (findings; huntlake rules show RULE explains one):");
    List<Row> findings =
        LakeTables.readDay(spark, config, FindingsTable.DEFINITION, day)
            .where(col(FindingsTable.SEVERITY).isin("medium", "high", "critical"))
            .collectAsList()
            .stream()
            .sorted(
                java.util.Comparator.comparing(
                        (Row r) ->
                            Severity.parse(r.<String>getAs(FindingsTable.SEVERITY)).orElseThrow())
                    .reversed()
                    .thenComparing(r -> r.<String>getAs(FindingsTable.RULE_ID)))
            .toList();
    if (findings.isEmpty()) {
      out.println("  none");
    }
    for (Row row : findings) {
      out.printf(
          Locale.ROOT,
          "  %-8s %-36s %s%n",
          row.<String>getAs(FindingsTable.SEVERITY),
          row.<String>getAs(FindingsTable.RULE_ID),
          row.<String>getAs(FindingsTable.SUMMARY));
    }
  }

  private static List<TableDefinition> tables() {
    List<TableDefinition> tables =
        new ArrayList<>(
            List.of(
                AuditEventsTable.DEFINITION,
                ContainerLogsTable.DEFINITION,
                NetworkFlowsTable.DEFINITION,
                RejectsTable.DEFINITION,
                IngestLedgerTable.DEFINITION));
    for (EntityFeatures features : EntityFeatures.ALL) {
      tables.add(features.daily());
    }
    for (EntityFeatures features : EntityFeatures.ALL) {
      tables.add(features.baseline());
    }
    tables.add(AnomalyScoresTable.DEFINITION);
    tables.add(FindingsTable.DEFINITION);
    tables.add(io.huntlake.table.DeliveryGapsTable.DEFINITION);
    tables.add(io.huntlake.table.LogVolumeDailyTable.DEFINITION);
    tables.add(io.huntlake.table.ArchiveManifestTable.DEFINITION);
    return tables;
  }
}
