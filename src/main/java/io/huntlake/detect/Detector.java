package io.huntlake.detect;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.huntlake.config.DetectSettings;
import io.huntlake.table.FindingsTable;
import io.huntlake.views.SqlFunctions;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs rules over one day's tables and turns their matches into findings: one per rule, entity,
 * namespace and allowlist entry, with the first and last time, the number of events, capped
 * evidence and a one-line summary. All rules read the same registered views, so a table is scanned
 * once per run however many rules use it (the job caches them).
 */
public final class Detector {
  private final DetectSettings settings;

  public Detector(DetectSettings settings) {
    this.settings = settings;
  }

  /** Registers the day's tables and views under the names rule queries use. */
  public static void register(SparkSession spark, Map<String, Dataset<Row>> views) {
    SqlFunctions.register(spark);
    views.forEach((name, view) -> view.createOrReplaceTempView(name));
  }

  /** One rule's matches with its metadata and allowlist verdict; views must be registered. */
  public Dataset<Row> matches(SparkSession spark, Rule rule) {
    Column suppressedBy =
        Allowlists.suppressedBy(settings.allow(), settings.suppressionsOf(rule.id()), rule.id());
    return Matches.of(spark, rule, settings)
        .withColumn(FindingsTable.RULE_VERSION, lit(rule.version()))
        .withColumn(FindingsTable.TITLE, lit(rule.title()))
        .withColumn(FindingsTable.RULE_SEVERITY, lit(rule.severity().label()))
        .withColumn(
            FindingsTable.ATTACK_TECHNIQUES,
            array(rule.attack().stream().map(t -> lit(t)).toArray(Column[]::new)))
        .withColumn(FindingsTable.ENTITY_TYPE, lit(rule.entityType()))
        .withColumn(FindingsTable.SUPPRESSED_BY, suppressedBy)
        .withColumn(
            FindingsTable.SEVERITY,
            when(col(FindingsTable.SUPPRESSED_BY).isNotNull(), lit(Severity.INFO.label()))
                .otherwise(
                    org.apache.spark.sql.functions.coalesce(
                        col(Matches.MATCH_SEVERITY), col(FindingsTable.RULE_SEVERITY))));
  }

  /**
   * The day's findings, in the findings table's columns, from rules' matches (see {@link
   * #materialize}).
   */
  public Dataset<Row> findings(SparkSession spark, List<Dataset<Row>> matches, LocalDate day) {
    if (matches.isEmpty()) {
      return spark.createDataFrame(List.of(), FindingsTable.SCHEMA);
    }
    // One RDD union, not a chain of Dataset unions: each unionByName re-analyses the growing plan,
    // which costs seconds with sixty rules.
    org.apache.spark.api.java.JavaSparkContext context =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
    @SuppressWarnings("unchecked")
    org.apache.spark.api.java.JavaRDD<Row>[] parts =
        matches.stream().map(m -> m.javaRDD()).toArray(org.apache.spark.api.java.JavaRDD[]::new);
    Dataset<Row> all =
        spark.createDataFrame(context.union(parts), nullable(matches.get(0).schema()));
    return group(all, day, settings.evidenceLimit());
  }

  /**
   * Runs each rule as its own small job, a few at a time, and keeps its matches. One plan with
   * every rule in it costs more to optimise than all the rules cost to run; matches are few, so
   * keeping them is cheap. The caller unpersists the returned Datasets.
   *
   * <p>Each rule's matches are kept in one partition (a rule's plan has as many shuffle partitions
   * as the session gives it: sixty rules times a cluster's 200 made a stage of thousands of tiny
   * tasks) and persisted, not checkpointed locally: a persisted block that is lost with its
   * executor is computed again from its plan, where a local checkpoint's loss fails the job.
   */
  public List<Dataset<Row>> materialize(SparkSession spark, List<Rule> rules, int threads) {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<java.util.concurrent.Future<Dataset<Row>>> running = new java.util.ArrayList<>();
      for (Rule rule : rules) {
        running.add(
            pool.submit(
                () -> {
                  Dataset<Row> kept =
                      matches(spark, rule)
                          .select(MATCH_COLUMNS)
                          .coalesce(1)
                          .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
                  kept.count(); // computes it now, in this rule's own job
                  return kept;
                }));
      }
      List<Dataset<Row>> done = new java.util.ArrayList<>();
      for (java.util.concurrent.Future<Dataset<Row>> future : running) {
        done.add(future.get());
      }
      return done;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running rules", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The columns of a match with its rule's metadata, in one order for every rule. */
  private static final Column[] MATCH_COLUMNS =
      java.util.stream.Stream.of(
              Matches.RULE_ID,
              Matches.CLUSTER,
              Matches.ENTITY_ID,
              Matches.NAMESPACE,
              Matches.EVENT_TS,
              Matches.LAST_TS,
              Matches.EVENT_COUNT,
              Matches.EVIDENCE,
              Matches.DETAIL,
              FindingsTable.RULE_VERSION,
              FindingsTable.TITLE,
              FindingsTable.RULE_SEVERITY,
              FindingsTable.ATTACK_TECHNIQUES,
              FindingsTable.ENTITY_TYPE,
              FindingsTable.SUPPRESSED_BY,
              FindingsTable.SEVERITY)
          .map(org.apache.spark.sql.functions::col)
          .toArray(Column[]::new);

  private static org.apache.spark.sql.types.StructType nullable(
      org.apache.spark.sql.types.StructType schema) {
    return new org.apache.spark.sql.types.StructType(
        java.util.Arrays.stream(schema.fields())
            .map(f -> f.copy(f.name(), f.dataType(), true, f.metadata()))
            .toArray(org.apache.spark.sql.types.StructField[]::new));
  }

  /** The highest severity among a group's matches. */
  private static Column highest(Column severity) {
    Column labels =
        array(
            java.util.Arrays.stream(Severity.values())
                .map(s -> lit(s.label()))
                .toArray(Column[]::new));
    return org.apache.spark.sql.functions.element_at(
        labels, max(org.apache.spark.sql.functions.array_position(labels, severity)).cast("int"));
  }

  /** Matches → findings. Deterministic, so a rerun writes the same rows. */
  static Dataset<Row> group(Dataset<Row> matches, LocalDate day, int evidenceLimit) {
    Column firstMatch = struct(col(Matches.EVENT_TS), col(Matches.DETAIL), col(Matches.EVIDENCE));
    Dataset<Row> grouped =
        matches
            .groupBy(
                col(Matches.RULE_ID),
                col(Matches.CLUSTER),
                col(Matches.ENTITY_ID),
                col(Matches.NAMESPACE),
                col(FindingsTable.SUPPRESSED_BY))
            .agg(
                first(col(FindingsTable.RULE_VERSION)).as(FindingsTable.RULE_VERSION),
                first(col(FindingsTable.TITLE)).as(FindingsTable.TITLE),
                highest(col(FindingsTable.SEVERITY)).as(FindingsTable.SEVERITY),
                first(col(FindingsTable.RULE_SEVERITY)).as(FindingsTable.RULE_SEVERITY),
                first(col(FindingsTable.ATTACK_TECHNIQUES)).as(FindingsTable.ATTACK_TECHNIQUES),
                first(col(FindingsTable.ENTITY_TYPE)).as(FindingsTable.ENTITY_TYPE),
                min(col(Matches.EVENT_TS)).as(FindingsTable.FIRST_TS),
                max(col(Matches.LAST_TS)).as(FindingsTable.LAST_TS),
                sum(col(Matches.EVENT_COUNT)).as(FindingsTable.EVENT_COUNT),
                sort_array(collect_list(firstMatch)).as("in_order"));
    Column evidence =
        expr(
            "slice(array_distinct(flatten(transform(in_order, m -> m.evidence))), 1, "
                + evidenceLimit
                + ")");
    Column firstDetail = expr("in_order[0].detail");
    Column span =
        when(
                col(FindingsTable.EVENT_COUNT).gt(1),
                format_string(
                    " (%d events, %s–%s UTC)",
                    col(FindingsTable.EVENT_COUNT),
                    date_format(col(FindingsTable.FIRST_TS), "HH:mm"),
                    date_format(col(FindingsTable.LAST_TS), "HH:mm")))
            .otherwise(lit(""));
    Column allowlisted =
        when(
                col(FindingsTable.SUPPRESSED_BY).isNotNull(),
                concat(lit(" [allowlisted by "), col(FindingsTable.SUPPRESSED_BY), lit("]")))
            .otherwise(lit(""));
    Column id =
        substring(
            sha2(
                concat_ws(
                    "|",
                    lit(day.toString()),
                    col(Matches.RULE_ID),
                    col(Matches.CLUSTER),
                    col(Matches.ENTITY_ID),
                    coalesce(col(Matches.NAMESPACE), lit("")),
                    coalesce(col(FindingsTable.SUPPRESSED_BY), lit(""))),
                256),
            1,
            32);
    return grouped
        .withColumn(FindingsTable.EVENT_DATE, lit(day))
        .withColumn(FindingsTable.FINDING_ID, id)
        .withColumn(FindingsTable.EVIDENCE, evidence)
        .withColumn(
            FindingsTable.SUMMARY,
            concat(coalesce(firstDetail, col(FindingsTable.TITLE)), span, allowlisted))
        .select(
            Arrays.stream(FindingsTable.SCHEMA.fieldNames())
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
  }
}
