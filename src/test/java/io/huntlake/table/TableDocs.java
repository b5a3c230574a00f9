package io.huntlake.table;

import java.util.List;
import org.apache.spark.sql.types.StructField;

/**
 * The README's column table of a HuntLake table, from its schema and column comments. Run {@code
 * main} to print the tables of every definition after a schema change; TableDefinitionsTest checks
 * the README still holds each row.
 */
public final class TableDocs {
  private TableDocs() {}

  static final List<TableDefinition> ALL = HuntlakeTables.ALL;

  /** One markdown row per column: name, type, nullable, meaning. */
  static List<String> rows(TableDefinition table) {
    return java.util.Arrays.stream(table.schema().fields()).map(TableDocs::row).toList();
  }

  private static String row(StructField field) {
    return "| `"
        + field.name()
        + "` | "
        + field.dataType().simpleString().replace("|", "\\|")
        + " | "
        + (field.nullable() ? "yes" : "no")
        + " | "
        + field.getComment().getOrElse(() -> "")
        + " |";
  }

  public static void main(String[] args) {
    for (TableDefinition table : ALL) {
      if (args.length > 0 && !List.of(args).contains(table.name())) {
        continue;
      }
      System.out.println("### `" + table.name() + "`\n");
      System.out.println(table.description() + ".\n");
      System.out.println("| column | type | null | meaning |\n|---|---|---|---|");
      rows(table).forEach(System.out::println);
      System.out.println();
    }
  }
}
