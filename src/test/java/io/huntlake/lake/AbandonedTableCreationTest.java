package io.huntlake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.table.TableDefinition;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job killed while it created a table leaves the table's {@code _delta_log} folder without its
 * first commit (Delta makes the folder before it writes version 0). Delta calls such a path a Delta
 * table that does not exist; the rerun must create the table and write, not fail forever.
 */
@ExtendWith(SharedSpark.class)
class AbandonedTableCreationTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("day", DataTypes.StringType, false)
          .add("value", DataTypes.LongType, false);
  private static final TableDefinition TABLE =
      new TableDefinition(
          "abandoned",
          "a table whose first creation was killed",
          SCHEMA,
          List.of("day"),
          "value",
          TableDefinition.DEFAULT_PROPERTIES);

  @Test
  void aRerunCreatesTheTableAKilledRunLeftWithoutACommit(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path table = dir.resolve("abandoned");
    Path log = Files.createDirectories(table.resolve("_delta_log"));
    // What the killed writer may also leave: its commit's temporary file, never renamed.
    Path tmp = log.resolve(".00000000000000000000.json.0b1c.tmp");
    Files.writeString(tmp, "{\"commitInfo\":");
    // Killed a minute ago: a creation in progress would have committed long since.
    FileTime killed = FileTime.from(Instant.now().minus(Duration.ofMinutes(1)));
    Files.setLastModifiedTime(tmp, killed);
    Files.setLastModifiedTime(log, killed);

    List<Row> rows =
        List.of(RowFactory.create("2026-11-01", 1L), RowFactory.create("2026-11-01", 2L));
    LakeTables.replace(
        spark, TABLE, table.toString(), spark.createDataFrame(rows, SCHEMA), "day = '2026-11-01'");

    assertThat(spark.read().format("delta").load(table.toString()).count()).isEqualTo(2);
    assertThat(spark.read().format("delta").load(table.toString()).schema().fieldNames())
        .containsExactly("day", "value");
  }
}
