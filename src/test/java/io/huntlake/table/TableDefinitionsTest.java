package io.huntlake.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.testing.Projects;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

class TableDefinitionsTest {
  private static final List<TableDefinition> ALL = TableDocs.ALL;

  @Test
  void theReadmeDocumentsEveryTableAndColumn() throws IOException {
    String readme = Files.readString(Projects.root().resolve("README.md"));
    for (TableDefinition table : ALL) {
      java.util.regex.Matcher heading =
          java.util.regex.Pattern.compile("(?m)^### .*`" + table.name() + "`.*$").matcher(readme);
      assertThat(heading.find()).as("README has a section for %s", table.name()).isTrue();
      String section = readme.substring(heading.start());
      int next = section.indexOf("\n#", 5);
      section = next < 0 ? section : section.substring(0, next);
      for (String row : TableDocs.rows(table)) {
        assertThat(section).as("README documents %s as", table.name()).contains(row);
      }
    }
  }

  @Test
  void everyColumnSaysWhatItMeans() {
    for (TableDefinition table : ALL) {
      for (StructField field : table.schema().fields()) {
        assertThat(field.getComment().isDefined())
            .as("%s.%s has a comment", table.name(), field.name())
            .isTrue();
      }
    }
  }

  @Test
  void eventTablesShareTheColumnsIngestReliesOn() {
    for (TableDefinition table :
        List.of(
            AuditEventsTable.DEFINITION,
            ContainerLogsTable.DEFINITION,
            NetworkFlowsTable.DEFINITION)) {
      assertThat(Arrays.asList(table.schema().fieldNames()))
          .contains(
              "event_date",
              "ingest_date",
              "event_ts",
              "cluster",
              "source_file",
              "source_line",
              "ingest_run_id",
              "extra");
      assertThat(table.partitionColumns()).containsExactly("event_date");
      assertThat(table.ownerColumn()).isEqualTo("ingest_date");
      assertThat(table.properties()).containsKey("delta.dataSkippingStatsColumns");
      for (String column : table.properties().get("delta.dataSkippingStatsColumns").split(",")) {
        assertThat(table.schema().fieldNames()).contains(column);
      }
      assertThat(table.schema().fieldNames())
          .contains(table.uniqueValueColumns().toArray(new String[0]));
    }
  }
}
