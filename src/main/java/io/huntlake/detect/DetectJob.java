package io.huntlake.detect;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.intel.IntelLake;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.FindingsTable;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.table.TableDefinition;
import io.huntlake.views.RequestViews;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code huntlake detect}: every enabled rule over day D, replacing D's partition of {@code
 * findings}. The day's event tables and the parsed views are cached once and shared by all rules.
 */
public final class DetectJob {
  /** What a run found, by severity. */
  public record Report(LocalDate date, int rules, long findings, Map<String, Long> bySeverity) {
    public String summary() {
      StringBuilder line =
          new StringBuilder("detect " + date + ": rules=" + rules + " findings=" + findings);
      bySeverity.forEach(
          (severity, count) -> line.append(' ').append(severity).append('=').append(count));
      return line.toString();
    }
  }

  /**
   * Rules planned and run at once. Most of a rule's time is the driver planning it, so a few in
   * flight keep both the driver and the executors busy.
   */
  static final int RULE_THREADS = 4;

  public Report run(SparkSession shared, HuntlakeConfig config, LocalDate date) {
    // The day's tables are registered under plain names: in a session of their own (see Sessions).
    SparkSession spark = io.huntlake.spark.Sessions.isolated(shared);
    List<Rule> rules = RuleCatalogue.load(config.detect()).enabled(config.detect());
    List<Dataset<Row>> cached = new ArrayList<>();
    try {
      Map<String, Dataset<Row>> views = cachedViews(spark, read(spark, config, date, date), cached);
      Detector.register(spark, views);
      Detector detector = new Detector(config.detect());
      List<Dataset<Row>> matches = detector.materialize(spark, rules, RULE_THREADS);
      cached.addAll(matches);
      Dataset<Row> findings = detector.findings(spark, matches, date);
      LakeTables.replaceDay(spark, config, FindingsTable.DEFINITION, date, findings);
    } finally {
      cached.forEach(Dataset::unpersist);
    }
    Dataset<Row> written = LakeTables.readDay(spark, config, FindingsTable.DEFINITION, date);
    Map<String, Long> bySeverity = new LinkedHashMap<>();
    for (Severity severity : Severity.values()) {
      bySeverity.put(severity.label(), 0L);
    }
    long total = 0;
    for (Row row : written.groupBy(FindingsTable.SEVERITY).count().collectAsList()) {
      bySeverity.put(row.getString(0), row.getLong(1));
      total += row.getLong(1);
    }
    return new Report(date, rules.size(), total, bySeverity);
  }

  /** The input tables of a day range, each cut to it. */
  static RuleTables read(SparkSession spark, HuntlakeConfig config, LocalDate from, LocalDate to) {
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    for (TableDefinition table : RuleTables.INPUTS) {
      tables.put(table.name(), LakeTables.readDays(spark, config, table, from, to));
    }
    return new RuleTables(tables, IntelLake.reference(spark, config, from));
  }

  /**
   * The views with the ones rules read most cached: without the cache, each rule would scan and
   * parse its table again. The raw per-stage audit_events is left uncached: the built-in rules read
   * audit_requests instead.
   */
  static Map<String, Dataset<Row>> cachedViews(
      SparkSession spark, RuleTables tables, List<Dataset<Row>> cached) {
    Map<String, Dataset<Row>> views = new LinkedHashMap<>(RuleViews.of(spark, tables));
    for (String name :
        List.of(ContainerLogsTable.NAME, NetworkFlowsTable.NAME, RequestViews.AUDIT_REQUESTS)) {
      Dataset<Row> view = views.get(name).cache();
      cached.add(view);
      views.put(name, view);
    }
    // The parsed views come from the cached requests, and are cached in turn: JSON is parsed once.
    Map<String, Dataset<Row>> parsed =
        RequestViews.derived(spark, views.get(RequestViews.AUDIT_REQUESTS));
    parsed.forEach(
        (name, view) -> {
          Dataset<Row> cachedView = view.cache();
          cached.add(cachedView);
          views.put(name, cachedView);
        });
    return views;
  }
}
