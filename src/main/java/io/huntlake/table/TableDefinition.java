package io.huntlake.table;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * One Delta table HuntLake owns: its name (also its folder under the lake), schema, partition
 * columns, the column a job replaces by, and its table properties.
 *
 * @param ownerColumn the column whose value says which job run owns a row; reruns replace by it
 */
public record TableDefinition(
    String name,
    String description,
    StructType schema,
    List<String> partitionColumns,
    String ownerColumn,
    Map<String, String> properties) {

  /** Retention defaults for every table: 30 days of history for time travel, 7 days of files. */
  public static final Map<String, String> DEFAULT_PROPERTIES =
      Map.of(
          "delta.logRetentionDuration", "interval 30 days",
          "delta.deletedFileRetentionDuration", "interval 7 days",
          "delta.dataSkippingNumIndexedCols", "12");
}
