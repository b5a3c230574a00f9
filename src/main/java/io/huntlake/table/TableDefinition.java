package io.huntlake.table;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * One Delta table HuntLake owns: its name (also its folder under the lake), schema, partition
 * columns, the column a job replaces by, and its table properties.
 *
 * @param ownerColumn the column whose value says which job run owns a row; reruns replace by it
 * @param uniqueValueColumns columns whose values rarely repeat (ids, timestamps, JSON bodies):
 *     Parquet dictionaries are turned off for them, since building one costs write time and saves
 *     no space
 */
public record TableDefinition(
    String name,
    String description,
    StructType schema,
    List<String> partitionColumns,
    String ownerColumn,
    Map<String, String> properties,
    List<String> uniqueValueColumns) {

  /** A table whose columns all repeat enough for Parquet dictionaries to pay off. */
  public TableDefinition(
      String name,
      String description,
      StructType schema,
      List<String> partitionColumns,
      String ownerColumn,
      Map<String, String> properties) {
    this(name, description, schema, partitionColumns, ownerColumn, properties, List.of());
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
