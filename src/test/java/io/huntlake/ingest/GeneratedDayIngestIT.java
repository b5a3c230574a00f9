package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.source.LogSource;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.RejectsTable;
import io.huntlake.testing.RawLogs;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One generated day of every source, every format and every kind of cluster through ingest: each
 * table holds exactly the records the generator's manifest counts, and nothing is rejected.
 */
@ExtendWith(SharedSpark.class)
class GeneratedDayIngestIT {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 2);

  @Test
  void everySourceOfAGeneratedDayLoadsCompletely(SparkSession spark, @TempDir Path dir)
      throws Exception {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config =
        logs.config(
            java.util.Arrays.stream(LogSource.values())
                .map(source -> "sources." + source.id() + ".enabled=true")
                .toArray(String[]::new));
    SyntheticCluster.generate(
        new SyntheticCluster.Options(logs.raw(), D1, 2, 11, Scale.SMALL, true));
    IngestReport report =
        new IngestJob().run(spark, config, D2, EnumSet.allOf(LogSource.class), false);
    JsonNode totals =
        new ObjectMapper().readTree(logs.raw().resolve("manifest.json").toFile()).get("totals");
    for (LogSource source : LogSource.values()) {
      assertThat(table(spark, config, source.table().name()).count())
          .as("%s rows: the manifest's distinct records of the day", source.id())
          .isEqualTo(totals.get(source.id()).get(D2.toString()).get("events").asLong())
          .isPositive();
    }
    assertThat(table(spark, config, RejectsTable.NAME).count())
        .as("generated data is valid")
        .isZero();
    assertThat(report.sources().get(LogSource.AUDIT).redactions()).isPositive();
    assertThat(table(spark, config, AuditEventsTable.NAME).select("cluster").distinct().count())
        .isEqualTo(4);
    long extraParts =
        table(spark, config, ContainerLogsTable.NAME)
            .selectExpr("sum(parts) - count(*)")
            .first()
            .getLong(0);
    assertThat(extraParts)
        .as("joined partial records")
        .isEqualTo(report.sources().get(LogSource.CONTAINER).joinedLines());
  }

  private static Dataset<Row> table(SparkSession spark, HuntlakeConfig config, String name) {
    return spark.read().format("delta").load(config.storage().table(name));
  }
}
