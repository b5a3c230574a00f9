package io.huntlake.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.cli.HuntlakeCli;
import io.huntlake.testing.GeneratedLake;
import io.huntlake.testing.ReadsGeneratedLake;
import io.huntlake.testing.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/**
 * Each built-in hunt, run through `huntlake hunt run` on the generated lake, finds the labelled
 * scenario it is meant for: the generator's labels say which entity, day and evidence to expect.
 */
@ReadsGeneratedLake
@ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(SharedSpark.SESSION_CATALOG)
class HuntsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GeneratedLake lake;
  private final List<JsonNode> labels = new ArrayList<>();

  record Run(int code, List<JsonNode> rows, String out, String err) {}

  @BeforeAll
  void buildLake(SparkSession spark) throws IOException {
    lake = GeneratedLake.get(spark);
    for (String line : Files.readAllLines(lake.labels())) {
      labels.add(JSON.readTree(line));
    }
  }

  private JsonNode label(String scenario) {
    return labels.stream()
        .filter(l -> l.get("scenario").asText().equals(scenario))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the generated lake has no " + scenario));
  }

  private Run hunt(String... args) {
    CommandLine cli = HuntlakeCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("hunt"));
    all.addAll(List.of(args));
    if (args[0].equals("run")) {
      all.addAll(
          List.of("--config", lake.configFile().toString(), "--format", "json", "--limit", "0"));
    }
    int code = cli.execute(all.toArray(String[]::new));
    List<JsonNode> rows = new ArrayList<>();
    if (code == 0 && args[0].equals("run")) {
      for (String line : out.toString().lines().toList()) {
        try {
          rows.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new AssertionError("not a JSON line: " + line, e);
        }
      }
    }
    return new Run(code, rows, out.toString(), err.toString());
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  @Test
  void execSessionsShowTheReverseShellCommandDecoded() {
    JsonNode label = label("exec-reverse-shell");
    Run run = hunt("run", "exec_sessions", "--param", "day=" + label.get("date").asText());
    assertThat(run.code()).as(run.err()).isZero();
    List<String> evidence = texts(label.at("/evidence/audit_ids"));
    assertThat(run.rows())
        .filteredOn(r -> evidence.contains(r.get("audit_id").asText()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("user_name").asText()).isEqualTo(label.get("entity_id").asText());
              assertThat(r.get("namespace").asText()).isEqualTo(label.get("namespace").asText());
              assertThat(r.get("command").asText()).startsWith("bash -c").contains("/dev/tcp/");
            });
    Run onlyOthers =
        hunt(
            "run",
            "exec_sessions",
            "--param",
            "day=" + label.get("date").asText(),
            "--param",
            "user=nobody%");
    assertThat(onlyOthers.rows()).isEmpty();
  }

  @Test
  void secretAccessPutsTheEnumeratingIdentityFirst() {
    JsonNode label = label("secret-enumeration");
    Run run = hunt("run", "secret_access", "--param", "day=" + label.get("date").asText());
    assertThat(run.code()).as(run.err()).isZero();
    java.util.Map<String, Integer> secretsByUser = new java.util.HashMap<>();
    run.rows()
        .forEach(
            r ->
                secretsByUser.merge(
                    r.get("user_name").asText(), r.get("secrets").asInt(), Integer::sum));
    String most =
        secretsByUser.entrySet().stream()
            .max(java.util.Map.Entry.comparingByValue())
            .orElseThrow()
            .getKey();
    assertThat(most).isEqualTo(label.get("entity_id").asText());
    assertThat(secretsByUser.get(most)).isGreaterThan(3);
    assertThat(secretsByUser.keySet()).noneMatch(u -> u.startsWith("system:kube-"));
  }

  @Test
  void rbacChangesShowWhoBoundClusterAdminToWhom() {
    JsonNode label = label("cluster-admin-binding");
    Run run =
        hunt(
            "run",
            "rbac_changes",
            "--param",
            "day=" + label.get("date").asText(),
            "--param",
            "days=1");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.rows())
        .anySatisfy(
            r -> {
              assertThat(r.get("user_name").asText()).isEqualTo(label.get("entity_id").asText());
              assertThat(r.get("change").asText()).startsWith("ClusterRole/cluster-admin -> ");
            });
    List<String> times = run.rows().stream().map(r -> r.get("event_ts").asText()).toList();
    assertThat(times).isSorted();
  }

  @Test
  void aStolenServiceAccountTokenShowsAsUseFromAPublicAddressAndANewClient() {
    JsonNode label = label("stolen-serviceaccount-token");
    String day = label.get("date").asText();
    String account = label.get("entity_id").asText();
    Run sources = hunt("run", "service_account_sources", "--param", "day=" + day);
    assertThat(sources.code()).as(sources.err()).isZero();
    JsonNode first = sources.rows().get(0);
    assertThat(first.get("user_name").asText()).isEqualTo(account);
    assertThat(first.get("private_address").asBoolean()).isFalse();
    assertThat(first.get("from_pod").asBoolean()).isFalse();

    Run firstSeen = hunt("run", "first_seen_user_agents", "--param", "day=" + day);
    assertThat(firstSeen.code()).as(firstSeen.err()).isZero();
    assertThat(firstSeen.rows())
        .filteredOn(r -> r.get("user_name").asText().equals(account))
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(texts(r.get("source_ips"))).contains(first.get("source_ip").asText()));
    // The account's own client, used every day, is not new.
    assertThat(firstSeen.rows())
        .noneMatch(r -> r.get("user_agent").asText().startsWith("kube-probe"));
  }

  @Test
  void externalEgressPutsTheExfiltrationDestinationFirst() {
    JsonNode label = label("data-exfiltration");
    String flowKey = label.at("/evidence/flow_keys/0").asText();
    String destination = flowKey.split(" > ")[1].split(":")[0];
    Run run = hunt("run", "external_egress", "--param", "day=" + label.get("date").asText());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.rows().get(0).get("dst_ip").asText()).isEqualTo(destination);
    assertThat(run.rows())
        .allSatisfy(r -> assertThat(r.get("dst_ip").asText()).doesNotStartWith("10."));
    Run large =
        hunt(
            "run",
            "external_egress",
            "--param",
            "day=" + label.get("date").asText(),
            "--param",
            "min_bytes=" + run.rows().get(0).get("bytes").asLong());
    assertThat(large.rows()).hasSize(1);
  }

  @Test
  void theIpResolverNamesThePodBehindAnAddressAtThatMoment() {
    JsonNode label = label("exec-reverse-shell");
    String flowKey = label.at("/evidence/flow_keys/0").asText();
    String[] parts = flowKey.split(" ");
    String at = parts[0];
    String ip = parts[1].substring(0, parts[1].lastIndexOf(':'));
    Run run = hunt("run", "ip_owner_at", "--param", "ip=" + ip, "--param", "at=" + at);
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode owner = run.rows().get(0);
    assertThat(owner.get("namespace").asText()).isEqualTo(label.get("namespace").asText());
    assertThat(owner.get("pod").asText()).isNotBlank();
    assertThat(texts(owner.get("evidence"))).contains("flow");
    assertThat(owner.get("seconds_from_at").asLong()).isLessThan(60);
  }

  @Test
  void theEntityTimelineJoinsAuditFindingsAndScoresInTimeOrder() {
    JsonNode label = label("exec-reverse-shell");
    Run run =
        hunt(
            "run",
            "entity_timeline",
            "--param",
            "entity=" + label.get("entity_id").asText(),
            "--param",
            "day=" + label.get("date").asText());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.rows())
        .extracting(r -> r.get("source").asText())
        .contains("audit", "finding", "score");
    assertThat(run.rows())
        .anySatisfy(r -> assertThat(r.get("action").asText()).contains("k8s-exec"));
    assertThat(run.rows().stream().map(r -> r.get("event_ts").asText()).toList()).isSorted();
  }

  @Test
  void listShowAndMistakesAnswerAsAHunterNeeds() {
    Run list = hunt("list");
    assertThat(list.code()).isZero();
    for (Hunt hunt : HuntCatalogue.builtIn().hunts()) {
      assertThat(list.out()).contains(hunt.name()).contains(hunt.title());
    }
    Run show = hunt("show", "ip_owner_at");
    assertThat(show.out()).contains("at timestamp").contains("FROM network_flows");
    Run badDate = hunt("run", "exec_sessions", "--param", "day=last-tuesday");
    assertThat(badDate.code()).isEqualTo(2);
    assertThat(badDate.err()).contains("'day' = 'last-tuesday' is not a valid date");
    Run unknown = hunt("run", "exec_session");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("There is no hunt 'exec_session'");
  }
}
