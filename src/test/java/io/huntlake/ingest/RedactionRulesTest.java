package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.source.LogSource;
import io.huntlake.source.Redactor;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.testing.RawLogs;
import io.huntlake.testing.SharedSpark;
import io.huntlake.testing.UncompressedParquet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canary per text rule of the {@link Redactor}, planted in every place a source keeps strings
 * (audit user agent and request object, CRI, Docker and Fluent Bit container messages, a Hubble
 * flow's unmapped fields, and a rejected line): one ingest, then every byte of the lake and the run
 * report is searched for the canaries' plaintext. Parquet is written uncompressed so nothing hides
 * in a compressed page.
 */
@ExtendWith({SharedSpark.class, UncompressedParquet.class})
class RedactionRulesTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTAINER_FILE =
      "shop-7d9f8b6c5d-x2x9q_payments_shop-" + "ab".repeat(32) + ".log";

  /** A secret as a rule catches it: the text to plant and the plaintext that must not survive. */
  private record Planted(String text, String needle) {}

  /** Each text rule, with a way to plant a unique secret that only that rule recognises. */
  private static final Map<Redactor.Rule, Function<String, Planted>> PLANTERS = planters();

  private static Map<Redactor.Rule, Function<String, Planted>> planters() {
    Map<Redactor.Rule, Function<String, Planted>> planters = new LinkedHashMap<>();
    planters.put(
        Redactor.Rule.JWT,
        c -> {
          String payload =
              Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(("{\"sub\":\"" + c + "\"}").getBytes(StandardCharsets.UTF_8));
          return new Planted(
              "session eyJhbGciOiJIUzI1NiJ9." + payload + ".c2lnbmF0dXJl ok", payload);
        });
    planters.put(Redactor.Rule.BEARER, c -> new Planted("upstream said bearer " + c + " twice", c));
    planters.put(
        Redactor.Rule.AUTHORIZATION_HEADER,
        c -> new Planted("forwarding proxy-authorization=Basic " + c + " upstream", c));
    planters.put(
        Redactor.Rule.URL_PASSWORD,
        c -> new Planted("dial postgres://app:" + c + "@db.payments:5432/orders", c));
    planters.put(
        Redactor.Rule.URL_SECRET_PARAMETER,
        c -> new Planted("GET https://sso.example/cb?state=1&code=" + c + " 302", c));
    planters.put(
        Redactor.Rule.SECRET_ASSIGNMENT,
        c -> new Planted("connect db_password=" + c + " host=db", c));
    planters.put(
        Redactor.Rule.SECRET_JSON_FIELD,
        c -> new Planted("payload {\"clientSecret\":\"" + c + "\",\"n\":1}", c));
    planters.put(
        Redactor.Rule.SECRET_ENV_JSON,
        c -> new Planted("env {\"name\":\"STRIPE_KEY\",\"value\":\"" + c + "\"}", c));
    planters.put(
        Redactor.Rule.AWS_ACCESS_KEY_ID,
        c -> {
          String id = (c.toUpperCase(Locale.ROOT) + "0000000000000000").substring(0, 16);
          return new Planted("using key AKIA" + id + " for s3", id);
        });
    planters.put(
        Redactor.Rule.PRIVATE_KEY_BLOCK,
        c ->
            new Planted(
                "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE" + c + "\n-----END EC PRIVATE KEY-----",
                c));
    return planters;
  }

  @Test
  void everyTextRuleHasAPlanterAndEachPlanterIsCaughtByItsRule() {
    List<Redactor.Rule> textRules =
        Stream.of(Redactor.Rule.values()).filter(Redactor.Rule::text).toList();
    assertThat(PLANTERS.keySet()).containsExactlyInAnyOrderElementsOf(textRules);
    for (Map.Entry<Redactor.Rule, Function<String, Planted>> planter : PLANTERS.entrySet()) {
      Planted planted = planter.getValue().apply("hlCanary" + planter.getKey().ordinal() + "Qx7p");
      Redactor redactor = new Redactor();
      assertThat(redactor.string(planted.text()))
          .as("%s on %s", planter.getKey(), planted.text())
          .doesNotContain(planted.needle())
          .contains(Redactor.MARKER);
      assertThat(redactor.count()).as("%s counts what it replaced", planter.getKey()).isPositive();
    }
  }

  @Test
  void docsRedactionMdListsEveryRule() throws IOException {
    String docs =
        Files.readString(io.huntlake.testing.Projects.root().resolve("docs/redaction.md"));
    for (Redactor.Rule rule : Redactor.Rule.values()) {
      assertThat(docs).as("docs/redaction.md lists %s", rule).contains("| `" + rule.name() + "` |");
    }
  }

  @Test
  void noPlantedSecretReachesTheLakeFromAnySource(SparkSession spark, @TempDir Path dir)
      throws IOException {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config("sources.events.enabled=true");
    List<String> needles = new ArrayList<>();
    StringBuilder events = new StringBuilder();
    StringBuilder audit = new StringBuilder();
    StringBuilder cri = new StringBuilder();
    StringBuilder docker = new StringBuilder();
    StringBuilder fluent = new StringBuilder();
    StringBuilder flows = new StringBuilder();
    int n = 0;
    for (Map.Entry<Redactor.Rule, Function<String, Planted>> planter : PLANTERS.entrySet()) {
      int rule = planter.getKey().ordinal();
      Function<String, Planted> plant = c -> planter.getValue().apply(c);
      Instant at = T.plusSeconds(n++);
      // audit: the user agent, a request object's annotation, and a line cut mid-JSON (rejects)
      Planted agent = plant.apply("hlUa" + rule + "Zq8w");
      Planted annotation = plant.apply("hlObj" + rule + "Zq8w");
      Planted rejected = plant.apply("hlRej" + rule + "Zq8w");
      audit
          .append(
              RawLogs.auditEvent(
                      "ua-" + rule,
                      "ResponseComplete",
                      at,
                      "create",
                      "configmaps",
                      "\"requestObject\":{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\","
                          + "\"annotations\":{\"note\":"
                          + json(annotation.text())
                          + "}}}")
                  .replace("\"kubectl/v1.30.2\"", json(agent.text())))
          .append('\n');
      String cut =
          RawLogs.auditEvent("rej-" + rule, at)
              .replace("\"kubectl/v1.30.2\"", json(rejected.text()));
      audit.append(cut, 0, cut.length() - 3).append('\n');
      // container: CRI (one line, so the key block's newlines become spaces), Docker, Fluent Bit
      Planted criText = plant.apply("hlCri" + rule + "Zq8w");
      Planted dockerText = plant.apply("hlDock" + rule + "Zq8w");
      Planted fluentText = plant.apply("hlFlu" + rule + "Zq8w");
      cri.append(at).append(" stdout F ").append(criText.text().replace('\n', ' ')).append('\n');
      docker
          .append("{\"log\":")
          .append(json(dockerText.text() + "\n"))
          .append(",\"stream\":\"stdout\",\"time\":\"")
          .append(at)
          .append("\"}\n");
      fluent
          .append("{\"time\":\"")
          .append(at)
          .append("\",\"log\":")
          .append(json(fluentText.text()))
          .append(",\"kubernetes\":{\"namespace_name\":\"payments\",\"pod_name\":\"shop-1\",")
          .append("\"container_name\":\"shop\"}}\n");
      // flow: a Hubble flow whose unmapped field holds the text (kept in the extra column)
      Planted flowText = plant.apply("hlFlow" + rule + "Zq8w");
      flows
          .append("{\"flow\":{\"time\":\"")
          .append(at)
          .append("\",\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.1.0.5\",")
          .append("\"destination\":\"10.1.1.9\"},\"l4\":{\"TCP\":{\"source_port\":40000,")
          .append("\"destination_port\":443}},\"debug_note\":")
          .append(json(flowText.text()))
          .append("},\"node_name\":\"n1\",\"time\":\"")
          .append(at)
          .append("\"}\n");
      // events: a Kubernetes Event whose message quotes the text (a failed pull, say)
      Planted eventText = plant.apply("hlEvt" + rule + "Zq8w");
      events
          .append("{\"kind\":\"Event\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"e")
          .append(rule)
          .append("\",\"namespace\":\"payments\",\"uid\":\"uid-")
          .append(rule)
          .append("\"},\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"payments\",")
          .append("\"name\":\"shop-1\"},\"reason\":\"Failed\",\"message\":")
          .append(json(eventText.text()))
          .append(",\"lastTimestamp\":\"")
          .append(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
          .append("\",\"count\":1,\"type\":\"Warning\"}\n");
      for (Planted planted :
          List.of(
              agent, annotation, rejected, criText, dockerText, fluentText, flowText, eventText)) {
        needles.add(planted.needle());
      }
    }
    logs.write("audit", DAY, "prod", "audit.log", audit.toString());
    logs.write("container", DAY, "prod", CONTAINER_FILE, cri.toString());
    logs.write("container", DAY, "prod", "docker-" + CONTAINER_FILE, docker.toString());
    logs.write("container", DAY, "prod", "fluent.log", fluent.toString());
    logs.write("flow", DAY, "prod", "hubble.jsonl", flows.toString());
    logs.write("events", DAY, "prod", "events.jsonl", events.toString());

    IngestReport report =
        new IngestJob().run(spark, config, DAY, EnumSet.allOf(LogSource.class), false);

    int rules = PLANTERS.size();
    assertThat(report.totalRejects()).as("the cut audit lines").isEqualTo(rules);
    assertThat(report.totalRows()).as("every other line is a row").isEqualTo(6L * rules);
    assertThat(leaks(dir, needles)).isEmpty();
    assertThat(
            spark
                .read()
                .format("delta")
                .load(config.storage().table(AuditEventsTable.NAME))
                .where("audit_id = 'ua-" + Redactor.Rule.SECRET_ASSIGNMENT.ordinal() + "'")
                .select(AuditEventsTable.USER_AGENT, AuditEventsTable.REDACTIONS)
                .first()
                .toString())
        .as("the key is kept, the value replaced, the row counts it")
        .contains("db_password=" + Redactor.MARKER)
        .endsWith(",2]");
    for (LogSource source : LogSource.values()) {
      assertThat(report.sources().get(source).redactions())
          .as("the ledger counts %s redactions: %s", source, report.summary())
          .isGreaterThanOrEqualTo(rules);
    }
  }

  private static String json(String text) throws IOException {
    return JSON.writeValueAsString(text);
  }

  /** Every needle found in any file under the folder (lake, reports), raw input excepted. */
  private static List<String> leaks(Path root, List<String> needles) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.startsWith(root.resolve("raw")))
              .toList()) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String needle : needles) {
          if (bytes.contains(needle)) {
            found.add(needle + " in " + root.relativize(file));
          }
        }
      }
    }
    return found;
  }
}
