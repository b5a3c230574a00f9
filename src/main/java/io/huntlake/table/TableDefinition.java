package io.huntlake.table;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * One Delta table HuntLake owns, described once: its name (also its folder under the lake), schema,
 * partition columns, the column a job replaces by, its table properties, and what the rest of
 * HuntLake does with it — how long maintain keeps it (and so whether it compacts, archives and
 * expires it), the columns compaction Z-orders by, the view name rules read it under, and the
 * README section that documents it. Every list of tables ({@link HuntlakeTables#ALL} and what
 * derives from it: retention settings, maintained tables, rule inputs, the SQL catalog) is built
 * from these fields.
 *
 * @param ownerColumn the column whose value says which job run owns a row; reruns replace by it
 * @param uniqueValueColumns columns whose values rarely repeat (ids, timestamps, JSON bodies):
 *     Parquet dictionaries are turned off for them, since building one costs write time and saves
 *     no space
 * @param retention how long maintain keeps its days hot; {@link Retention#KEPT} tables are never
 *     compacted, archived or expired
 * @param zOrderBy the columns hunters filter it by: compaction Z-orders each day's rows on them, so
 *     a query for one user or workload reads few files (each needs file statistics)
 * @param ruleView the name rule queries read it by, cut to the day; empty when rules cannot
 * @param docsSection the README heading (after {@code ### }) that documents its columns
 */
public record TableDefinition(
    String name,
    String description,
    StructType schema,
    List<String> partitionColumns,
    String ownerColumn,
    Map<String, String> properties,
    List<String> uniqueValueColumns,
    Retention retention,
    List<String> zOrderBy,
    Optional<String> ruleView,
    String docsSection) {

  public TableDefinition {
    partitionColumns = List.copyOf(partitionColumns);
    properties = Map.copyOf(properties);
    uniqueValueColumns = List.copyOf(uniqueValueColumns);
    zOrderBy = List.copyOf(zOrderBy);
    if (retention != Retention.KEPT && partitionColumns.size() != 1) {
      throw new IllegalArgumentException(name + ": a table maintain expires has one day column");
    }
  }

  /** A table kept whole, read by no rule, whose columns all repeat enough for dictionaries. */
  public TableDefinition(
      String name,
      String description,
      StructType schema,
      List<String> partitionColumns,
      String ownerColumn,
      Map<String, String> properties) {
    this(name, description, schema, partitionColumns, ownerColumn, properties, List.of());
  }

  /** A table kept whole and read by no rule. */
  public TableDefinition(
      String name,
      String description,
      StructType schema,
      List<String> partitionColumns,
      String ownerColumn,
      Map<String, String> properties,
      List<String> uniqueValueColumns) {
    this(
        name,
        description,
        schema,
        partitionColumns,
        ownerColumn,
        properties,
        uniqueValueColumns,
        Retention.KEPT,
        List.of(),
        Optional.empty(),
        "`" + name + "`");
  }

  /** How long maintain keeps a table's days hot, by what the table holds. */
  public enum Retention {
    /** Raw events and rejects: days past retention.TABLE (30) are archived, verified, deleted. */
    RAW_EVENTS,
    /** Daily summaries: kept 400 days, at least the baseline window, then archived and deleted. */
    DAILY,
    /** Results (scores, findings, volumes, gaps): kept forever unless retention.TABLE says. */
    RESULTS,
    /** Never compacted, archived or expired by maintain (the archive's own manifest). */
    KEPT
  }

  /** The same table, kept by maintain as {@code retention} says. */
  public TableDefinition retained(Retention retention) {
    return new TableDefinition(
        name,
        description,
        schema,
        partitionColumns,
        ownerColumn,
        properties,
        uniqueValueColumns,
        retention,
        zOrderBy,
        ruleView,
        docsSection);
  }

  /** The same table, Z-ordered by these columns when compacted. */
  public TableDefinition zOrderedBy(String... columns) {
    return new TableDefinition(
        name,
        description,
        schema,
        partitionColumns,
        ownerColumn,
        properties,
        uniqueValueColumns,
        retention,
        List.of(columns),
        ruleView,
        docsSection);
  }

  /** The same table, readable by rule queries under its own name. */
  public TableDefinition readByRules() {
    return new TableDefinition(
        name,
        description,
        schema,
        partitionColumns,
        ownerColumn,
        properties,
        uniqueValueColumns,
        retention,
        zOrderBy,
        Optional.of(name),
        docsSection);
  }

  /** The same table, documented under a README section shared with others. */
  public TableDefinition documentedUnder(String section) {
    return new TableDefinition(
        name,
        description,
        schema,
        partitionColumns,
        ownerColumn,
        properties,
        uniqueValueColumns,
        retention,
        zOrderBy,
        ruleView,
        section);
  }

  /** Whether maintain compacts, archives (before expiring) and expires its days. */
  public boolean maintained() {
    return retention != Retention.KEPT;
  }

  /** The day column maintain expires by: event_date, or ingest_date for rejects and the ledger. */
  public String dayColumn() {
    return partitionColumns.get(0);
  }

  /** Retention defaults for every table: 30 days of history for time travel, 7 days of files. */
  public static final Map<String, String> DEFAULT_PROPERTIES =
      Map.of(
          "delta.logRetentionDuration", "interval 30 days",
          "delta.deletedFileRetentionDuration", "interval 7 days");

  /**
   * The default properties plus file statistics on just these columns: the ones reruns replace by
   * and hunters filter on. Statistics on every column cost more write time than they save.
   */
  public static Map<String, String> propertiesWithStatsOn(String... columns) {
    Map<String, String> properties = new java.util.HashMap<>(DEFAULT_PROPERTIES);
    properties.put("delta.dataSkippingStatsColumns", String.join(",", columns));
    return Map.copyOf(properties);
  }
}
