package io.huntlake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.table.RejectsTable;
import io.huntlake.table.TableDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the demo shows a newcomer once the pipeline has run: the tables, and where to start. */
final class DemoSummary {
  private DemoSummary() {}

  static void print(
      SparkSession spark, HuntlakeConfig config, Path labels, LocalDate lastDay, PrintWriter out) {
    out.println();
    out.println("Tables (Delta, under " + config.storage().lake() + "):");
    for (TableDefinition table :
        List.of(
            AuditEventsTable.DEFINITION,
            ContainerLogsTable.DEFINITION,
            NetworkFlowsTable.DEFINITION,
            RejectsTable.DEFINITION,
            IngestLedgerTable.DEFINITION)) {
      long rows = table(spark, config, table.name()).count();
      out.printf(Locale.ROOT, "  %-15s %,12d rows  %s%n", table.name(), rows, table.description());
    }
    Dataset<Row> audit = table(spark, config, AuditEventsTable.NAME);
    audit.createOrReplaceTempView(AuditEventsTable.NAME);
    out.println();
    out.println("Busiest identities on " + lastDay + " (audit_events):");
    for (Row row :
        spark
            .sql(
                "SELECT user_name, count(*) AS requests, count(DISTINCT verb) AS verbs,"
                    + " sum(CASE WHEN response_code >= 400 THEN 1 ELSE 0 END) AS errors FROM audit_events"
                    + " WHERE event_date = DATE'"
                    + lastDay
                    + "' GROUP BY user_name ORDER BY requests DESC LIMIT 5")
            .collectAsList()) {
      out.printf(
          Locale.ROOT,
          "  %-60s %,8d requests %2d verbs %,6d errors%n",
          row.getString(0),
          row.getLong(1),
          row.getLong(2),
          row.getLong(3));
    }
    out.println();
    out.println("Ground truth: every labelled scenario's audit events are in the lake:");
    try {
      for (String line : Files.readAllLines(labels)) {
        JsonNode label = new ObjectMapper().readTree(line);
        int wanted = label.get("evidence").get("audit_ids").size();
        long found = 0;
        if (wanted > 0) {
          StringBuilder ids = new StringBuilder();
          label
              .get("evidence")
              .get("audit_ids")
              .forEach(
                  id -> ids.append(ids.length() == 0 ? "'" : ",'").append(id.asText()).append("'"));
          found =
              spark
                  .sql(
                      "SELECT count(DISTINCT audit_id) FROM audit_events WHERE audit_id IN ("
                          + ids
                          + ")")
                  .first()
                  .getLong(0);
        }
        out.printf(
            Locale.ROOT,
            "  %s %-28s %-9s %3d/%-3d audit events  %s%n",
            label.get("date").asText(),
            label.get("scenario").asText(),
            label.get("entity_type").asText(),
            found,
            wanted,
            label.get("entity_id").asText());
      }
    } catch (IOException e) {
      out.println("  (labels not readable: " + e.getMessage() + ")");
    }
    out.println();
    out.println(
        "Next: query the tables with Spark SQL (huntlake sql arrives with the hunting issue), e.g.");
    out.println(
        "  SELECT * FROM delta.`"
            + config.storage().table(AuditEventsTable.NAME)
            + "` WHERE subresource = 'exec'");
    out.println("and see the README for every table's columns.");
  }

  private static Dataset<Row> table(SparkSession spark, HuntlakeConfig config, String name) {
    return spark.read().format("delta").load(config.storage().table(name));
  }
}
