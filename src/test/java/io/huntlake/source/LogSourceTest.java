package io.huntlake.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.config.ConfigKeys;
import io.huntlake.table.EntityColumns;
import io.huntlake.table.LogVolumeDailyTable;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each log source's descriptor is whole and consistent with its table. */
class LogSourceTest {
  @Test
  void everyDescriptorNamesColumnsItsTableHas() {
    for (LogSource source : LogSource.values()) {
      List<String> columns = Arrays.asList(source.table().schema().fieldNames());
      assertThat(source.formats()).as("%s formats", source.id()).isNotEmpty();
      assertThat(source.formats().stream().map(LogSource.Format::name)).doesNotHaveDuplicates();
      assertThat(LogVolumeDailyTable.TALKER_COLUMNS)
          .as("%s volume columns are log_volume_daily's talkers", source.id())
          .containsAll(source.volumeColumns().keySet());
      assertThat(columns).containsAll(source.volumeColumns().values());
      assertThat(source.volumeColumns()).containsKey(LogVolumeDailyTable.NAMESPACE);
      assertThat(source.talker()).isIn(EntityColumns.USER, EntityColumns.WORKLOAD);
      source
          .dedupe()
          .ifPresent(
              dedupe -> {
                assertThat(columns).containsAll(dedupe.key());
                dedupe.latestBy().ifPresent(column -> assertThat(columns).contains(column));
              });
    }
  }

  @Test
  void everySourceHasItsSettings() {
    for (LogSource source : LogSource.values()) {
      for (String key : List.of("path", "enabled", "format")) {
        assertThat(ConfigKeys.find("sources." + source.id() + "." + key)).isPresent();
      }
      assertThat(ConfigKeys.sourceFormat(source).choices())
          .containsAll(source.formats().stream().map(LogSource.Format::name).toList())
          .contains("auto");
      assertThat(LogSource.fromId(source.id())).isSameAs(source);
    }
  }
}
