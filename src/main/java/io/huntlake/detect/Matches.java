package io.huntlake.detect;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.huntlake.config.DetectSettings;
import io.huntlake.error.Errors;
import io.huntlake.table.K8sEventsTable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Runs one rule's query over the registered views and maps each returned row to a match: rule id,
 * cluster, entity, namespace, time, evidence ids, sentence, and the fields allowlists look at.
 *
 * <p>Where the rule's YAML does not say, the query's own columns decide, by name: {@code namespace}
 * (else {@code src_namespace}); evidence from {@code evidence_ids} (an array), else {@code
 * audit_id}, else {@code event_uid}, else the flow key of {@code src_ip … protocol}, else the log
 * reference of {@code namespace, pod, container}; {@code last_ts} and {@code event_count} for rules
 * that aggregate; {@code user_name}, {@code source_ip} (else {@code dst_ip}), {@code image}, {@code
 * user_agent} for allowlists.
 */
public final class Matches {
  /** Columns of a match. */
  public static final String RULE_ID = "rule_id";

  public static final String CLUSTER = "cluster";
  public static final String ENTITY_ID = "entity_id";
  public static final String NAMESPACE = "namespace";
  public static final String EVENT_TS = "event_ts";
  public static final String LAST_TS = "last_ts";
  public static final String EVENT_COUNT = "event_count";
  public static final String EVIDENCE = "evidence";
  public static final String DETAIL = "detail";
  public static final String IDENTITY = "identity";
  public static final String IP = "ip";
  public static final String IMAGE = "image";
  public static final String USER_AGENT = "user_agent";

  /**
   * A query's own grade of one match (info … critical), for rules whose matches are not all alike:
   * the same write is routine from a release tool's footprint and alarming without it. Null keeps
   * the rule's severity; the finding takes the highest of its matches.
   */
  public static final String MATCH_SEVERITY = "match_severity";

  private static final Pattern PARAMETER = Pattern.compile("\\$\\{([a-z][a-z0-9_]*)}");

  /** Parameters every rule may use, filled from config. */
  static final String TRUSTED_REGISTRIES = "trusted_registries";

  static final String CLUSTER_CIDRS = "cluster_cidrs";

  private Matches() {}

  /** The rule's matches (a lazy Dataset); the views must be registered in the session. */
  public static Dataset<Row> of(SparkSession spark, Rule rule, DetectSettings settings) {
    String sql = render(rule, settings, rule.query());
    Dataset<Row> rows;
    try {
      rows = spark.sql(sql);
    } catch (Exception e) {
      // Spark's ParseException and AnalysisException are checked, yet thrown from sql().
      throw Errors.ruleQueryFailed(rule.id(), rule.origin(), e);
    }
    Set<String> columns = Set.of(rows.columns());
    for (String required : List.of(CLUSTER, EVENT_TS)) {
      if (!columns.contains(required)) {
        throw Errors.invalidRule(
            rule.origin(),
            "its query returns no '" + required + "' column",
            "Select " + required + " (e.g. SELECT *) so findings can say where and when.");
      }
    }
    try {
      return rows.select(
          lit(rule.id()).as(RULE_ID),
          col(CLUSTER).cast(DataTypes.StringType).as(CLUSTER),
          coalesce(
                  expr(render(rule, settings, rule.entityId())).cast(DataTypes.StringType),
                  lit("(unknown)"))
              .as(ENTITY_ID),
          namespace(rule, settings, columns).cast(DataTypes.StringType).as(NAMESPACE),
          col(EVENT_TS).cast(DataTypes.TimestampType).as(EVENT_TS),
          (columns.contains(LAST_TS) ? col(LAST_TS) : col(EVENT_TS))
              .cast(DataTypes.TimestampType)
              .as(LAST_TS),
          (columns.contains(EVENT_COUNT) ? col(EVENT_COUNT) : lit(1L))
              .cast(DataTypes.LongType)
              .as(EVENT_COUNT),
          evidence(rule, settings, columns).as(EVIDENCE),
          expr(render(rule, settings, rule.detail())).cast(DataTypes.StringType).as(DETAIL),
          firstOf(columns, "user_name").as(IDENTITY),
          firstOf(columns, "source_ip", "dst_ip").as(IP),
          firstOf(columns, "image").as(IMAGE),
          firstOf(columns, "user_agent").as(USER_AGENT),
          matchSeverity(columns).as(MATCH_SEVERITY));
    } catch (Exception e) {
      throw Errors.ruleQueryFailed(rule.id(), rule.origin(), e);
    }
  }

  /** A rule's SQL text (query or mapping) with each ${parameter} replaced by its SQL literal. */
  static String render(Rule rule, DetectSettings settings, String text) {
    Map<String, String> overrides = settings.params().getOrDefault(rule.id(), Map.of());
    for (String name : overrides.keySet()) {
      if (!rule.params().containsKey(name)) {
        throw Errors.invalidRule(
            rule.origin(),
            "detect.params." + rule.id() + "." + name + " names no parameter of the rule",
            "Use one of its parameters: " + String.join(", ", rule.params().keySet()) + ".");
      }
    }
    Matcher matcher = PARAMETER.matcher(text);
    StringBuilder sql = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String literal;
      if (name.equals(TRUSTED_REGISTRIES)) {
        literal = list(settings.trustedRegistries());
      } else if (name.equals(CLUSTER_CIDRS)) {
        literal = list(settings.clusterCidrs());
      } else if (rule.params().containsKey(name)) {
        literal = literal(rule, name, rule.params().get(name), overrides.get(name));
      } else {
        throw Errors.invalidRule(
            rule.origin(),
            "its query uses ${" + name + "}, which is not among its params",
            "Declare it under params with a default, or use ${trusted_registries} or"
                + " ${cluster_cidrs}.");
      }
      matcher.appendReplacement(sql, Matcher.quoteReplacement(literal));
    }
    matcher.appendTail(sql);
    return sql.toString();
  }

  private static String literal(Rule rule, String name, Object fallback, String override) {
    if (fallback instanceof Number) {
      String text = override == null ? fallback.toString() : override.trim();
      try {
        return Double.toString(Double.parseDouble(text)).replaceAll("\\.0$", "");
      } catch (NumberFormatException e) {
        throw Errors.invalidRule(
            rule.origin(),
            "detect.params." + rule.id() + "." + name + " is '" + text + "', not a number",
            "Give a number, as the rule's default " + fallback + " is.");
      }
    }
    if (fallback instanceof List<?> items) {
      List<String> values =
          override == null
              ? items.stream().map(Object::toString).toList()
              : List.of(override.split(",")).stream().map(String::trim).toList();
      return list(values);
    }
    return quote(override == null ? fallback.toString() : override);
  }

  private static String list(List<String> values) {
    // array() of no strings is array<null>; cast keeps array functions typed.
    return "CAST(array("
        + String.join(", ", values.stream().map(Matches::quote).toList())
        + ") AS ARRAY<STRING>)";
  }

  private static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static Column namespace(Rule rule, DetectSettings settings, Set<String> columns) {
    if (rule.namespace() != null) {
      return expr(render(rule, settings, rule.namespace()));
    }
    return firstOf(columns, NAMESPACE, "src_namespace");
  }

  private static Column evidence(Rule rule, DetectSettings settings, Set<String> columns) {
    if (columns.contains("evidence_ids")) {
      return expr("filter(CAST(evidence_ids AS ARRAY<STRING>), x -> x IS NOT NULL)");
    }
    Column one;
    if (rule.evidence() != null) {
      one = expr(render(rule, settings, rule.evidence()));
    } else if (columns.contains("audit_id")) {
      one = col("audit_id");
    } else if (columns.contains(K8sEventsTable.EVENT_UID)) {
      one = col(K8sEventsTable.EVENT_UID);
    } else if (columns.containsAll(
        List.of("src_ip", "src_port", "dst_ip", "dst_port", "protocol"))) {
      one = expr("flow_key(event_ts, src_ip, src_port, dst_ip, dst_port, protocol)");
    } else if (columns.containsAll(List.of(NAMESPACE, "pod", "container"))) {
      one = expr("log_ref(namespace, pod, container, event_ts)");
    } else {
      return expr("CAST(array() AS ARRAY<STRING>)");
    }
    return org.apache.spark.sql.functions.filter(
        array(one.cast(DataTypes.StringType)), e -> e.isNotNull());
  }

  /** The query's match_severity when it is a severity's label, else null. */
  private static Column matchSeverity(Set<String> columns) {
    if (!columns.contains(MATCH_SEVERITY)) {
      return lit(null).cast(DataTypes.StringType);
    }
    Column label =
        org.apache.spark.sql.functions.lower(col(MATCH_SEVERITY).cast(DataTypes.StringType));
    Column[] labels =
        java.util.Arrays.stream(Severity.values()).map(s -> lit(s.label())).toArray(Column[]::new);
    return org.apache.spark.sql.functions.when(label.isin((Object[]) labels), label);
  }

  private static Column firstOf(Set<String> columns, String... names) {
    for (String name : names) {
      if (columns.contains(name)) {
        return col(name).cast(DataTypes.StringType);
      }
    }
    return lit(null).cast(DataTypes.StringType);
  }
}
