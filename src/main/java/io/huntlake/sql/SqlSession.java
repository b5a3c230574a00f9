package io.huntlake.sql;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.error.HuntlakeException;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Runs hunters' SQL against the lake: every table by its plain name, read-only unless writes were
 * allowed, with HuntLake's own answers to SHOW TABLES and DESCRIBE (one-line descriptions and each
 * column's meaning). The shell, the {@code sql} and {@code hunt} commands and the notebooks all go
 * through this class.
 */
public final class SqlSession {
  private static final Pattern SHOW_TABLES = Pattern.compile("(?i)\\s*SHOW\\s+TABLES\\s*");
  private static final Pattern DESCRIBE =
      Pattern.compile(
          "(?i)\\s*(?:DESCRIBE|DESC)(?:\\s+TABLE)?\\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\\s*");

  static final StructType TABLES_SCHEMA =
      new StructType()
          .add("table_name", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("partitioned_by", DataTypes.StringType, true)
          .add("description", DataTypes.StringType, true);
  static final StructType COLUMNS_SCHEMA =
      new StructType()
          .add("column_name", DataTypes.StringType, false)
          .add("data_type", DataTypes.StringType, false)
          .add("nullable", DataTypes.BooleanType, false)
          .add("meaning", DataTypes.StringType, true);

  private final SparkSession spark;
  private final LakeCatalog catalog;
  private final boolean allowWrites;

  private SqlSession(SparkSession spark, LakeCatalog catalog, boolean allowWrites) {
    this.spark = spark;
    this.catalog = catalog;
    this.allowWrites = allowWrites;
  }

  /** Registers the lake's tables in the session and returns a session that queries them. */
  public static SqlSession open(SparkSession spark, HuntlakeConfig config, boolean allowWrites) {
    return new SqlSession(spark, LakeCatalog.register(spark, config), allowWrites);
  }

  public SparkSession spark() {
    return spark;
  }

  public LakeCatalog catalog() {
    return catalog;
  }

  /**
   * The rows of one statement (lazily: nothing runs until they are read, except commands). Refuses
   * a statement that writes unless writes are allowed.
   *
   * @param origin how errors name the statement: "on the command line", "in q.sql", ...
   */
  public Dataset<Row> execute(String statement, String origin) {
    if (SHOW_TABLES.matcher(statement).matches()) {
      return tables();
    }
    var describe = DESCRIBE.matcher(statement);
    if (describe.matches() && catalog.find(describe.group(1)).isPresent()) {
      return describe(describe.group(1));
    }
    if (!allowWrites) {
      ReadOnlyStatements.requireReadOnly(spark, statement);
    }
    try {
      return spark.sql(statement);
    } catch (HuntlakeException e) {
      throw e;
    } catch (Exception e) { // Spark's ParseException and AnalysisException are checked in Java
      throw Errors.queryFailed(origin, e);
    }
  }

  /** The tables and views queries can name, one line each. */
  public Dataset<Row> tables() {
    List<Row> rows = new ArrayList<>();
    for (LakeCatalog.Entry entry : catalog.entries()) {
      rows.add(
          RowFactory.create(
              entry.name(), entry.kind(), entry.partitionedBy(), entry.description()));
    }
    return spark.createDataFrame(rows, TABLES_SCHEMA);
  }

  /** A table's or view's columns, with each HuntLake column's meaning from its schema. */
  public Dataset<Row> describe(String name) {
    LakeCatalog.Entry entry =
        catalog.find(name).orElseThrow(() -> Errors.unknownTable(name, catalog.names()));
    StructType schema = spark.table(entry.name()).schema();
    Optional<StructType> documented =
        LakeCatalog.definition(entry.name())
            .or(
                () ->
                    entry.kind().equals("view")
                        ? Optional.of(AuditEventsTable.DEFINITION)
                        : Optional.empty())
            .map(TableDefinition::schema);
    List<Row> rows = new ArrayList<>();
    for (StructField field : schema.fields()) {
      String meaning =
          documented
              .filter(d -> List.of(d.fieldNames()).contains(field.name()))
              .map(d -> d.apply(field.name()).getComment().getOrElse(() -> ""))
              .filter(comment -> !comment.isEmpty())
              .orElse(null);
      rows.add(
          RowFactory.create(
              field.name(), field.dataType().simpleString(), field.nullable(), meaning));
    }
    return spark.createDataFrame(rows, COLUMNS_SCHEMA);
  }
}
