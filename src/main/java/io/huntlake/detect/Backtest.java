package io.huntlake.detect;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

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

  public Report run(
      SparkSession spark, HuntlakeConfig config, Rule rule, LocalDate from, LocalDate to) {
    List<Dataset<Row>> cached = new ArrayList<>();
    try {
      Detector.register(
          spark, DetectJob.cachedViews(spark, DetectJob.read(spark, config, from, to), cached));
      Dataset<Row> matches =
          new Detector(config.detect())
              .matches(spark, rule)
              .withColumn("day", to_date(col(Matches.EVENT_TS)))
              .withColumn(
                  "severe",
                  col(io.huntlake.table.FindingsTable.SEVERITY)
                      .isin(
                          Severity.MEDIUM.label(),
                          Severity.HIGH.label(),
                          Severity.CRITICAL.label()))
              .cache();
      cached.add(matches);
      List<Volume> byDay = new ArrayList<>();
      java.util.Map<String, Volume> days = new java.util.HashMap<>();
      for (Row row : volumes(matches, col("day").cast("string"))) {
        days.put(row.getString(0), volume(row));
      }
      for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
        byDay.add(days.getOrDefault(day.toString(), new Volume(day.toString(), 0, 0, 0)));
      }
      List<Volume> byNamespace =
          volumes(matches, coalesce(col(Matches.NAMESPACE), lit("(cluster-wide)"))).stream()
              .map(Backtest::volume)
              .sorted(java.util.Comparator.comparingLong(Volume::findings).reversed())
              .toList();
      return new Report(rule, from, to, byDay, byNamespace);
    } finally {
      cached.forEach(Dataset::unpersist);
    }
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
