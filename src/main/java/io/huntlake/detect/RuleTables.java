package io.huntlake.detect;

import io.huntlake.table.HuntlakeTables;
import io.huntlake.table.TableDefinition;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The input tables of one detect run, each already cut to the day: every registered table rules may
 * read ({@link TableDefinition#ruleView()}): the event tables, the daily feature tables and the
 * day's baselines (what was normal before it: for rules about first contact), and the day's
 * log-delivery gaps.
 *
 * @param byTable each input's rows, by table name
 */
public record RuleTables(Map<String, Dataset<Row>> byTable) {
  /** The tables rules read, in the registry's order. */
  public static final List<TableDefinition> INPUTS =
      HuntlakeTables.ALL.stream().filter(table -> table.ruleView().isPresent()).toList();

  public RuleTables {
    byTable = Map.copyOf(byTable);
    for (TableDefinition table : INPUTS) {
      if (!byTable.containsKey(table.name())) {
        throw new IllegalArgumentException("no rows given for rule input " + table.name());
      }
    }
  }

  /** The rows of one input table. */
  public Dataset<Row> of(TableDefinition table) {
    Dataset<Row> rows = byTable.get(table.name());
    if (rows == null) {
      throw new IllegalArgumentException(table.name() + " is not a rule input");
    }
    return rows;
  }
}
