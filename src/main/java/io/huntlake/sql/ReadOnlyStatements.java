package io.huntlake.sql;

import io.huntlake.error.Errors;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.command.CreateViewCommand;

/**
 * Decides whether a statement only reads, from Spark's own parse of it (never by matching words,
 * which a CTE in front of an INSERT would defeat). A statement reads when no node of its plan is a
 * command or a write, apart from the commands listed here that only look (SHOW, DESCRIBE, EXPLAIN,
 * SET) or touch nothing but the session (temporary views, the cache). Any other command, including
 * one a newer Spark or Delta adds, counts as a write, as do the few writes Spark does not parse to
 * a command (INSERT, RESTORE, CLONE).
 */
public final class ReadOnlyStatements {
  private static final Set<String> LOOKING_COMMANDS =
      Set.of(
          "ShowTables",
          "ShowTableExtended",
          "ShowViews",
          "ShowColumns",
          "ShowNamespaces",
          "ShowFunctions",
          "ShowPartitions",
          "ShowTableProperties",
          "ShowCreateTable",
          "ShowCatalogs",
          "ShowCurrentNamespace",
          "DescribeRelation",
          "DescribeColumn",
          "DescribeFunction",
          "DescribeNamespace",
          "DescribeDeltaDetailCommand",
          "DescribeDeltaHistoryCommand",
          "ExplainCommand",
          "SetCommand",
          "ResetCommand",
          "SetCatalogAndNamespace",
          "CacheTable",
          "CacheTableAsSelect",
          "UncacheTable",
          "ClearCacheCommand$",
          "RefreshTable");

  /** Writes that Spark and Delta parse to plans which are not commands. */
  private static final Set<String> WRITING_STATEMENTS =
      Set.of(
          "InsertIntoStatement", "InsertIntoDir", "RestoreTableStatement", "CloneTableStatement");

  private ReadOnlyStatements() {}

  /** Refuses the statement, naming what it would do, unless it only reads. */
  public static void requireReadOnly(SparkSession spark, String statement) {
    LogicalPlan plan;
    try {
      plan = spark.sessionState().sqlParser().parsePlan(statement);
    } catch (Exception e) { // Scala declares ParseException, a checked exception in Java
      // A statement Spark cannot parse cannot write either; running it reports the syntax error.
      return;
    }
    writingNode(plan)
        .ifPresent(
            kind -> {
              throw Errors.writeRefused(kind);
            });
  }

  /** The first node of the plan that writes or may write, by its Spark class name. */
  static Optional<String> writingNode(LogicalPlan plan) {
    Optional<String>[] found = new Optional[] {Optional.empty()};
    plan.foreach(
        node -> {
          if (found[0].isEmpty() && writes(node)) {
            found[0] = Optional.of(node.getClass().getSimpleName().replace("$", ""));
          }
          return null;
        });
    return found[0];
  }

  private static boolean writes(LogicalPlan node) {
    String name = node.getClass().getSimpleName();
    if (node instanceof CreateViewCommand view) {
      return !view.viewType().toString().contains("TempView");
    }
    if (node instanceof Command) {
      return !LOOKING_COMMANDS.contains(name);
    }
    return WRITING_STATEMENTS.contains(name) || name.endsWith("Statement");
  }
}
