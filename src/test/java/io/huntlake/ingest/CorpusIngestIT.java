package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.table.RejectsTable;
import io.huntlake.testing.CorpusLake;
import io.huntlake.testing.Projects;
import io.huntlake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public samples in ../shared/corpus, written by others: every line becomes a row or a reject
 * with a reason, the ledger matches the files line for line, and the corpus's own validity labels
 * agree with what was rejected. Skips when ../shared is absent.
 */
@ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusIngestIT {
  @TempDir static Path dir;
  private Path corpus;
  private HuntlakeConfig config;
  private IngestReport report;
  private final Map<String, Long> linesPerFile = new HashMap<>();

  @BeforeAll
  void ingestTheCorpus(SparkSession spark) throws IOException {
    assumeTrue(Projects.corpus().isPresent(), "../shared/corpus is absent");
    corpus = Projects.corpus().get();
    CorpusLake lake = CorpusLake.ingest(spark, corpus, dir);
    config = lake.config();
    report = lake.report();
    linesPerFile.putAll(lake.linesPerFile());
  }

  private Dataset<Row> table(SparkSession spark, String name) {
    return spark.read().format("delta").load(config.storage().table(name));
  }

  private Set<Long> rejectedLines(SparkSession spark, String fileName) {
    return table(spark, RejectsTable.NAME)
        .where("source_file LIKE '%/" + fileName + "'")
        .select(RejectsTable.LINE_NUMBER)
        .collectAsList()
        .stream()
        .map(r -> r.getLong(0))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void theLedgerCountsEveryLineOfEveryFile(SparkSession spark) {
    Map<String, Long> ledger = new HashMap<>();
    for (Row row : table(spark, IngestLedgerTable.NAME).collectAsList()) {
      String path = row.getAs(IngestLedgerTable.SOURCE_FILE);
      ledger.put(path.substring(path.lastIndexOf('/') + 1), row.getAs(IngestLedgerTable.LINES));
    }
    assertThat(ledger).isEqualTo(linesPerFile);
    assertThat(report.fileErrors()).isEmpty();
  }

  @Test
  void everyRejectHasAReasonAndTheRawLine(SparkSession spark) {
    Dataset<Row> rejects = table(spark, RejectsTable.NAME);
    assertThat(rejects.where("reason IS NULL OR reason = ''").count()).isZero();
    assertThat(rejects.where("raw IS NULL").count()).isZero();
  }

  @Test
  void containerRecordsAgreeWithTheSourcesValidityLabels(SparkSession spark) throws IOException {
    Set<Long> invalid = new TreeSet<>();
    for (String line :
        Files.readAllLines(
            corpus.resolve("container/beats_container_reader_edge_cases.manifest.jsonl"))) {
      JsonNode entry = new ObjectMapper().readTree(line);
      if (entry.get("validity").asText().equals("invalid")) {
        invalid.add(entry.get("line").asLong());
      }
    }
    assertThat(rejectedLines(spark, "beats_container_reader_edge_cases.log")).isEqualTo(invalid);
    assertThat(rejectedLines(spark, "cri_format_lines.log")).isEmpty();
    assertThat(
            table(spark, "container_logs")
                .where("source_file LIKE '%ingress-nginx-controller%'")
                .count())
        .isEqualTo(24);
  }

  @Test
  void auditSamplesLoadAndTheMalformedOnesAreRejected(SparkSession spark) throws IOException {
    assertThat(rejectedLines(spark, "falco_fal_01_003_malformed.jsonl")).containsExactly(1L);
    assertThat(rejectedLines(spark, "elastic_integrations_k8s_audit_mixed.jsonl"))
        .containsExactly(3L);
    assertThat(rejectedLines(spark, "falco_k8s_audit_trace_files.jsonl")).isEmpty();
    assertThat(rejectedLines(spark, "audit2rbac_demo.jsonl")).isEmpty();
    List<String> labelled =
        Files.readAllLines(corpus.resolve("labels/falco_k8s_audit_trace_files.labels.jsonl"))
            .stream()
            .map(
                line -> {
                  try {
                    return new ObjectMapper().readTree(line).get("auditID").asText();
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .distinct()
            .toList();
    Set<String> stored =
        table(spark, AuditEventsTable.NAME)
            .select(AuditEventsTable.AUDIT_ID)
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    assertThat(stored).containsAll(labelled);
    assertThat(table(spark, AuditEventsTable.NAME).where("impersonated_user = 'bob'").count())
        .isPositive();
  }

  @Test
  void flowSamplesLoadByTheirHeaders(SparkSession spark) {
    assertThat(table(spark, NetworkFlowsTable.NAME).where("flow_source = 'hubble'").count())
        .isEqualTo(1849);
    assertThat(table(spark, NetworkFlowsTable.NAME).where("dns_query IS NOT NULL").count())
        .isPositive();
    assertThat(rejectedLines(spark, "elastic_vpc_flow_v8_ecs_fields.log")).containsExactly(1L);
    assertThat(
            table(spark, NetworkFlowsTable.NAME)
                .where("source_file LIKE '%aws_vpc_flow_v5_docs.log'")
                .select("tcp_flags", "direction")
                .first()
                .toString())
        .isEqualTo("[FIN,SYN,ACK,INGRESS]");
  }
}
