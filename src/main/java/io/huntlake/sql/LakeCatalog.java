package io.huntlake.sql;

import io.delta.tables.DeltaTable;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.intel.IntelFunctions;
import io.huntlake.intel.IntelLake;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.HuntlakeTables;
import io.huntlake.table.TableDefinition;
import io.huntlake.views.RequestViews;
import io.huntlake.views.SqlFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;

/**
 * Makes every HuntLake table that exists under the lake queryable by its plain name, and the
 * request views rules use ({@code audit_requests}, {@code exec_sessions}, ...) over all of
 * audit_events.
 *
 * <p>Tables are registered in the session catalog as external Delta tables at their lake path, not
 * as temporary views: only catalog tables take {@code VERSION AS OF} / {@code TIMESTAMP AS OF} and
 * {@code DESCRIBE HISTORY}. Registering writes nothing to the lake. Spark's default catalog lives
 * in memory, so the registration ends with the session; with a Hive metastore configured the tables
 * would persist there, and registering again is harmless.
 */
public final class LakeCatalog {
  /** One table or view a query can name. */
  public record Entry(String name, String kind, String partitionedBy, String description) {}

  private static final Map<String, String> VIEW_DESCRIPTIONS =
      Map.of(
          RequestViews.AUDIT_REQUESTS,
          "One row per API request and day: audit_events' most complete stage of each request",
          RequestViews.EXEC_SESSIONS,
          "Exec and attach requests with pod, container, tty and the URL-decoded command",
          RequestViews.POD_SPECS,
          "One row per container of every pod or pod template written, with its security settings",
          RequestViews.RBAC_RULES,
          "One row per rule of every Role or ClusterRole created, updated or patched",
          RequestViews.RBAC_BINDINGS,
          "One row per subject of every RoleBinding or ClusterRoleBinding written",
          RequestViews.ESTATE_ADDRESSES,
          "Addresses the cluster's own nodes and control plane called the API from, per day");

  private final List<Entry> entries;

  private LakeCatalog(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Registers what the lake holds; tables not written yet are left out ({@link #missing}). */
  public static LakeCatalog register(SparkSession spark, HuntlakeConfig config) {
    SqlFunctions.register(spark);
    IntelFunctions.register(
        spark,
        IntelLake.reference(spark, config, java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
    List<Entry> entries = new ArrayList<>();
    for (TableDefinition table : HuntlakeTables.ALL) {
      String path = LakeTables.path(config, table);
      if (exists(spark, path)) {
        registerTable(spark, table.name(), path);
        entries.add(
            new Entry(
                table.name(),
                "table",
                String.join(", ", table.partitionColumns()),
                table.description()));
      }
    }
    if (entries.stream().anyMatch(e -> e.name().equals(AuditEventsTable.NAME))) {
      Dataset<Row> audit = spark.table(AuditEventsTable.NAME);
      for (Map.Entry<String, Dataset<Row>> view : RequestViews.of(spark, audit).entrySet()) {
        view.getValue().createOrReplaceTempView(view.getKey());
        entries.add(
            new Entry(
                view.getKey(),
                "view",
                AuditEventsTable.EVENT_DATE,
                VIEW_DESCRIPTIONS.get(view.getKey())));
      }
    }
    return new LakeCatalog(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  public List<String> names() {
    return entries.stream().map(Entry::name).toList();
  }

  public Optional<Entry> find(String name) {
    return entries.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The tables HuntLake defines that the lake does not hold yet (no job has written them). */
  public List<String> missing() {
    return HuntlakeTables.ALL.stream()
        .map(TableDefinition::name)
        .filter(name -> find(name).isEmpty())
        .toList();
  }

  /** The definition of a HuntLake table by name (for column meanings), if it is one. */
  public static Optional<TableDefinition> definition(String name) {
    return HuntlakeTables.ALL.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  private static java.net.URI location(SparkSession spark, TableIdentifier id) {
    try {
      CatalogTable table = spark.sessionState().catalog().getTableMetadata(id);
      return table.location();
    } catch (Exception e) { // Scala declares NoSuchTableException; it was just found to exist
      throw new IllegalStateException("table " + id + " vanished from the session catalog", e);
    }
  }

  private static java.net.URI qualified(SparkSession spark, String path) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    try {
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toUri();
    } catch (java.io.IOException e) {
      throw Errors.storageUnreadable(path, "storage.lake", e);
    }
  }

  private static boolean exists(SparkSession spark, String path) {
    try {
      return DeltaTable.isDeltaTable(spark, path);
    } catch (RuntimeException e) {
      throw Errors.storageUnreadable(path, "storage.lake", e);
    }
  }

  /**
   * Registers the table at its path, replacing a registration of the same name elsewhere (another
   * lake in the same session). Dropping an external table's registration leaves its files alone.
   */
  private static void registerTable(SparkSession spark, String name, String path) {
    TableIdentifier id = new TableIdentifier(name);
    var catalog = spark.sessionState().catalog();
    if (catalog.tableExists(id)) {
      if (location(spark, id).equals(qualified(spark, path))) {
        return;
      }
      spark.sql("DROP TABLE " + name);
    }
    spark.sql("CREATE TABLE " + name + " USING delta LOCATION " + SqlScript.stringLiteral(path));
  }
}
