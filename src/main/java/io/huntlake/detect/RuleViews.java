package io.huntlake.detect;

import io.huntlake.intel.IntelFunctions;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.TableDefinition;
import io.huntlake.views.RequestViews;
import io.huntlake.views.SqlFunctions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The tables and views a rule's query can read, all cut to the day: every rule input table under
 * its view name ({@link TableDefinition#ruleView()}), and the request views parsed from the day's
 * audit events ({@link RequestViews}), and the functions that match values against the reference
 * data ({@link IntelFunctions}). Transforms only: no I/O, no actions.
 */
public final class RuleViews {
  private RuleViews() {}

  /** Every table and view by the name rule queries use (registers the SQL functions they use). */
  public static Map<String, Dataset<Row>> of(SparkSession spark, RuleTables tables) {
    return of(spark, tables, name -> true);
  }

  /** The tables and views a query names, by the names it uses (the rest are not built). */
  public static Map<String, Dataset<Row>> readBy(
      SparkSession spark, RuleTables tables, String query) {
    return of(
        spark,
        tables,
        name ->
            java.util.regex.Pattern.compile(
                    "\\b" + java.util.regex.Pattern.quote(name) + "\\b",
                    java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(query)
                .find());
  }

  private static Map<String, Dataset<Row>> of(
      SparkSession spark, RuleTables tables, java.util.function.Predicate<String> wanted) {
    Map<String, Dataset<Row>> views = new LinkedHashMap<>();
    for (TableDefinition table : RuleTables.INPUTS) {
      views.put(table.ruleView().orElseThrow(), tables.of(table));
    }
    views.putAll(RequestViews.of(spark, tables.of(AuditEventsTable.DEFINITION), wanted));
    SqlFunctions.register(spark);
    IntelFunctions.register(spark, tables.reference());
    return views;
  }
}
