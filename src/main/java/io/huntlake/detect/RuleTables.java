package io.huntlake.detect;

import io.huntlake.intel.IntelReference;
import io.huntlake.table.AddressRangesTable;
import io.huntlake.table.HuntlakeTables;
import io.huntlake.table.TableDefinition;
import io.huntlake.table.ThreatIntelTable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The input tables of one detect run, each already cut to the day: every registered table rules may
 * read ({@link TableDefinition#ruleView()}): the event tables, the daily feature tables and the
 * day's baselines (what was normal before it: for rules about first contact), and the day's
 * log-delivery gaps; and the reference data rules match values against (threat intelligence and
 * cloud ranges, through the intel_match_* and cloud_range functions).
 *
 * @param byTable each input's rows, by table name
 * @param reference the indicators in force on the day and the cloud providers' ranges
 */
public record RuleTables(Map<String, Dataset<Row>> byTable, IntelReference reference) {
  /** The tables rules read, in the registry's order. */
  public static final List<TableDefinition> INPUTS =
      HuntlakeTables.ALL.stream().filter(table -> table.ruleView().isPresent()).toList();

  /**
   * The reference tables rules match values against through functions (intel_match_*, cloud_range),
   * never as views: read whole, not by day, into {@link #reference}.
   */
  public static final List<TableDefinition> REFERENCES =
      List.of(ThreatIntelTable.DEFINITION, AddressRangesTable.DEFINITION);

  /** The inputs, with no threat intelligence or cloud ranges loaded. */
  public RuleTables(Map<String, Dataset<Row>> byTable) {
    this(byTable, IntelReference.EMPTY);
  }

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
