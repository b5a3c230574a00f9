package io.huntlake.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.config.ConfigKey;
import io.huntlake.config.ConfigKeys;
import io.huntlake.detect.RuleTables;
import io.huntlake.detect.TestTables;
import io.huntlake.maintain.MaintainedTable;
import io.huntlake.source.LogSource;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One registry of tables ({@link HuntlakeTables#ALL}): every table defined is registered, and every
 * other list (retention keys, maintained tables, rule inputs, sources' tables) is what the registry
 * says, so a table cannot be registered in only some places.
 */
class TableRegistryTest {
  private static final List<TableDefinition> ALL = HuntlakeTables.ALL;

  @Test
  void everyTableDefinedInTheTablePackageIsRegisteredOnce() throws Exception {
    List<TableDefinition> defined = new ArrayList<>();
    Path folder = Path.of("src", "main", "java", "io", "huntlake", "table");
    try (Stream<Path> files = Files.list(io.huntlake.testing.Projects.root().resolve(folder))) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString().replace(".java", "");
        Class<?> type = Class.forName("io.huntlake.table." + name);
        for (Field field : type.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers())
              && Modifier.isPublic(field.getModifiers())
              && field.getType() == TableDefinition.class) {
            defined.add((TableDefinition) field.get(null));
          }
        }
      }
    }
    assertThat(ALL).containsExactlyInAnyOrderElementsOf(defined);
    assertThat(ALL.stream().map(TableDefinition::name)).doesNotHaveDuplicates();
  }

  @Test
  void retentionKeysAreTheMaintainedTablesAndNoOthers() {
    Set<String> keyed = new HashSet<>();
    for (ConfigKey key : ConfigKeys.RETENTION_KEYS) {
      keyed.add(key.name().substring(ConfigKeys.RETENTION_PREFIX.length()));
    }
    assertThat(keyed)
        .containsExactlyInAnyOrderElementsOf(
            ALL.stream().filter(TableDefinition::maintained).map(TableDefinition::name).toList());
    assertThat(MaintainedTable.ALL.stream().map(MaintainedTable::name))
        .containsExactlyElementsOf(
            ALL.stream().filter(TableDefinition::maintained).map(TableDefinition::name).toList());
    for (ConfigKey key : ConfigKeys.RETENTION_KEYS) {
      assertThat(ConfigKeys.find(key.name())).as("%s is a documented key", key.name()).isPresent();
    }
  }

  @Test
  void zOrderColumnsExistAndHaveTheStatisticsZOrderingNeeds() {
    for (TableDefinition table : ALL) {
      List<String> columns = Arrays.asList(table.schema().fieldNames());
      String stats = table.properties().get("delta.dataSkippingStatsColumns");
      for (String column : table.zOrderBy()) {
        assertThat(columns).as("%s Z-orders by a column it has", table.name()).contains(column);
        if (stats != null) {
          assertThat(Arrays.asList(stats.split(",")))
              .as("%s keeps statistics on its Z-order column %s", table.name(), column)
              .contains(column);
        }
      }
      if (!table.maintained()) {
        assertThat(table.zOrderBy()).as("%s is never compacted", table.name()).isEmpty();
      }
    }
  }

  @Test
  void ruleInputsAreTheTablesMarkedReadByRulesAndTheirTestsCanGiveRows() {
    assertThat(RuleTables.INPUTS)
        .containsExactlyElementsOf(ALL.stream().filter(t -> t.ruleView().isPresent()).toList());
    assertThat(TestTables.TABLES.keySet())
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(
                    RuleTables.INPUTS.stream(), RuleTables.REFERENCES.stream())
                .map(TableDefinition::name)
                .toList());
    assertThat(ALL).containsAll(RuleTables.REFERENCES);
    for (LogSource source : LogSource.values()) {
      assertThat(source.table().ruleView())
          .as("rules can read the %s source's table", source.id())
          .isPresent();
    }
  }

  @Test
  void everySourcesTableIsRegisteredAndHasTheColumnsIngestWrites() {
    for (LogSource source : LogSource.values()) {
      assertThat(ALL).contains(source.table());
      List<String> columns = Arrays.asList(source.table().schema().fieldNames());
      assertThat(columns)
          .as("%s has the event columns", source.table().name())
          .contains(
              EventColumns.EVENT_DATE,
              EventColumns.INGEST_DATE,
              EventColumns.EVENT_TS,
              EventColumns.CLUSTER,
              EventColumns.SOURCE_FILE,
              EventColumns.SOURCE_LINE,
              EventColumns.INGEST_RUN_ID);
      assertThat(source.table().ownerColumn()).isEqualTo(EventColumns.INGEST_DATE);
    }
  }

  @Test
  void everyTablesReadmeSectionExists() throws IOException {
    String readme = Files.readString(io.huntlake.testing.Projects.root().resolve("README.md"));
    for (TableDefinition table : ALL) {
      assertThat(readme)
          .as("README section of %s", table.name())
          .contains("\n### " + table.docsSection() + "\n");
    }
  }
}
