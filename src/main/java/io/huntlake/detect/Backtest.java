package io.huntlake.detect;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.huntlake.config.HuntlakeConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code huntlake backtest}: how often one rule would have fired over past days, per day and per
 * namespace, without writing findings. For tuning a rule's parameters or allowlists before enabling
 * it: a rule that fires every day on the same namespace needs one.
 */
public final class Backtest {
  /** Alert volume of one day or one namespace. */
  public record Volume(String key, long findings, long events, long severe) {}

  /** The rule's volume over the range: per day (every day listed) and per namespace. */
  public record Report(
      Rule rule, LocalDate from, LocalDate to, List<Volume> byDay, List<Volume> byNamespace) {
    public long findings() {
      return byDay.stream().mapToLong(Volume::findings).sum();
    }
  }

  /**
   * Runs the rule day by day over the same day-cut tables and views detect builds, so the counts
   * are what detect would have written (threshold windows and sequences never cross midnight there
   * either).
   */
  public Report run(
      SparkSession shared, HuntlakeConfig config, Rule rule, LocalDate from, LocalDate to) {
    SparkSession spark = io.huntlake.spark.Sessions.isolated(shared);
    Detector detector = new Detector(config.detect());
    List<Volume> byDay = new ArrayList<>();
    java.util.Map<String, long[]> namespaces = new java.util.TreeMap<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      List<Dataset<Row>> cached = new ArrayList<>();
      try {
        Detector.register(
            spark, DetectJob.cachedViews(spark, DetectJob.read(spark, config, day, day), cached));
        Dataset<Row> matches =
            detector
                .matches(spark, rule)
                .withColumn("day", lit(day.toString()))
                .withColumn(
                    "severe",
                    col(io.huntlake.table.FindingsTable.SEVERITY)
                        .isin(
                            Severity.MEDIUM.label(),
                            Severity.HIGH.label(),
                            Severity.CRITICAL.label()))
                .cache();
        cached.add(matches);
        List<Row> daily = volumes(matches, col("day"));
        byDay.add(daily.isEmpty() ? new Volume(day.toString(), 0, 0, 0) : volume(daily.get(0)));
        for (Row row : volumes(matches, coalesce(col(Matches.NAMESPACE), lit("(cluster-wide)")))) {
          long[] sums = namespaces.computeIfAbsent(row.getString(0), k -> new long[3]);
          sums[0] += row.getLong(1);
          sums[1] += row.getLong(2);
          sums[2] += row.getLong(3);
        }
      } finally {
        cached.forEach(Dataset::unpersist);
      }
    }
    List<Volume> byNamespace =
        namespaces.entrySet().stream()
            .map(e -> new Volume(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
            .sorted(java.util.Comparator.comparingLong(Volume::findings).reversed())
            .toList();
    return new Report(rule, from, to, byDay, byNamespace);
  }

  /** Findings as detect would write them: one per day, entity and namespace. */
  private static List<Row> volumes(Dataset<Row> matches, org.apache.spark.sql.Column key) {
    return matches
        .withColumn("key", key)
        .groupBy("key")
        .agg(
            countDistinct(
                    col("day"), col(Matches.ENTITY_ID), coalesce(col(Matches.NAMESPACE), lit("")))
                .as("findings"),
            sum(col(Matches.EVENT_COUNT)).as("events"),
            countDistinct(
                    org.apache.spark.sql.functions.when(
                        col("severe"),
                        org.apache.spark.sql.functions.concat_ws(
                            "|",
                            col("day"),
                            col(Matches.CLUSTER),
                            col(Matches.ENTITY_ID),
                            coalesce(col(Matches.NAMESPACE), lit("")))))
                .as("severe"))
        .orderBy("key")
        .collectAsList();
  }

  private static Volume volume(Row row) {
    return new Volume(row.getString(0), row.getLong(1), row.getLong(2), row.getLong(3));
  }

  /** The report as a table. */
  public static String table(Report report) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Backtest of %s v%d (%s, %s) from %s to %s: %d findings%n",
            report.rule().id(),
            report.rule().version(),
            report.rule().severity().label(),
            report.rule().kind().label(),
            report.from(),
            report.to(),
            report.findings()));
    out.append(
        String.format(
            "%nPer day:%n  %-10s %9s %9s %9s%n", "day", "findings", "events", "not-info"));
    for (Volume v : report.byDay()) {
      out.append(
          String.format("  %-10s %9d %9d %9d%n", v.key(), v.findings(), v.events(), v.severe()));
    }
    out.append(
        String.format("%nPer namespace:%n  %-30s %9s %9s%n", "namespace", "findings", "events"));
    for (Volume v : report.byNamespace()) {
      out.append(String.format("  %-30s %9d %9d%n", v.key(), v.findings(), v.events()));
    }
    return out.toString();
  }

  /** The report as JSON. */
  public static String json(Report report) {
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode root = mapper.createObjectNode();
    root.put("rule_id", report.rule().id());
    root.put("rule_version", report.rule().version());
    root.put("from", report.from().toString());
    root.put("to", report.to().toString());
    root.put("findings", report.findings());
    var days = root.putArray("days");
    report
        .byDay()
        .forEach(
            v ->
                days.addObject()
                    .put("day", v.key())
                    .put("findings", v.findings())
                    .put("events", v.events())
                    .put("not_info", v.severe()));
    var namespaces = root.putArray("namespaces");
    report
        .byNamespace()
        .forEach(
            v ->
                namespaces
                    .addObject()
                    .put("namespace", v.key())
                    .put("findings", v.findings())
                    .put("events", v.events()));
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
