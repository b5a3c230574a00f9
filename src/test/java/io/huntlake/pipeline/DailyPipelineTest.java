package io.huntlake.pipeline;

import static io.huntlake.testing.RawLogs.auditEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.ExitCode;
import io.huntlake.error.HuntlakeException;
import io.huntlake.testing.RawLogs;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class DailyPipelineTest {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate D3 = LocalDate.of(2026, 11, 3);

  /** The pipeline's run semantics do not depend on its steps; ingest alone keeps this test fast. */
  private static final DailyPipeline INGEST = DailyPipeline.standard().only(List.of("ingest"));

  @Test
  void onlyNamedStepsRunAndAnUnknownStepIsRefused() {
    assertThat(DailyPipeline.standard().only(List.of("score", "features")).stepNames())
        .containsExactly("features", "score");
    HuntlakeException error =
        catchThrowableOfType(
            HuntlakeException.class, () -> DailyPipeline.standard().only(List.of("scores")));
    assertThat(error.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(error.getMessage()).contains("'scores' is not a pipeline step");
  }

  @Test
  void aFailedStepStopsTheRunNamingTheDayAndARerunResumes(SparkSession spark, @TempDir Path dir)
      throws Exception {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config =
        logs.config("sources.container.enabled=false", "sources.flow.enabled=false");
    logs.write(
        "audit",
        D1,
        "prod",
        "audit.log",
        auditEvent("a", Instant.parse("2026-11-01T01:00:00Z")) + "\n");
    logs.write(
        "audit",
        D3,
        "prod",
        "audit.log",
        auditEvent("c", Instant.parse("2026-11-03T01:00:00Z")) + "\n");
    List<String> log = new ArrayList<>();
    HuntlakeException error =
        catchThrowableOfType(
            HuntlakeException.class, () -> INGEST.run(spark, config, D1, D3, log::add));
    assertThat(error.exitCode()).isEqualTo(ExitCode.INPUT_NOT_READY);
    assertThat(error.getMessage())
        .startsWith("The pipeline stopped at step 'ingest' for 2026-11-02")
        .contains("No audit logs for 2026-11-02");
    assertThat(log).hasSize(1).allMatch(line -> line.startsWith("ingest 2026-11-01"));

    logs.write(
        "audit",
        D1.plusDays(1),
        "prod",
        "audit.log",
        auditEvent("b", Instant.parse("2026-11-02T01:00:00Z")) + "\n");
    INGEST.run(spark, config, D1, D3, log::add);
    assertThat(spark.read().format("delta").load(config.storage().table("audit_events")).count())
        .isEqualTo(3);
    JsonNode report =
        new ObjectMapper().readTree(dir.resolve("reports/ingest/2026-11-03.json").toFile());
    assertThat(report.get("date").asText()).isEqualTo("2026-11-03");
    assertThat(report.get("sources").get("AUDIT").get("rows").asLong()).isEqualTo(1);
  }
}
