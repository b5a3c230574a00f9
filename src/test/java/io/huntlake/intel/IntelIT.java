package io.huntlake.intel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.cli.HuntlakeCli;
import io.huntlake.testing.GeneratedLake;
import io.huntlake.testing.ReadsGeneratedLake;
import io.huntlake.testing.SharedSpark;
import io.huntlake.views.SqlFunctions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A hunter's day with a new IOC list, through the command line on a copy of the generated lake: the
 * feed names the stolen-token attacker's address and the miner's pool (as a range and as the host
 * its logs print), which the generator never marked as intelligence. Loading it, detect cites the
 * labelled evidence under the intel rules; the sweep finds the past sightings; reloads keep
 * first-seen times, and a truncated or empty file changes nothing.
 */
@ReadsGeneratedLake
@ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntelIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;

  private Path config;
  private Path lakeDir;
  private JsonNode stolenToken;
  private JsonNode miner;

  record Run(int code, String out, String err) {}

  @BeforeAll
  void copyTheLake(SparkSession spark) throws IOException {
    GeneratedLake lake = GeneratedLake.get(spark);
    lakeDir = work.resolve("lake");
    GeneratedLake.copyTree(lake.dir().resolve("lake"), lakeDir);
    config = work.resolve("huntlake.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "storage:",
            "  raw: " + lake.dir().resolve("raw"),
            "  lake: " + lakeDir,
            "  archive: " + work.resolve("archive"),
            "  reports: " + work.resolve("reports"),
            ""));
    for (String line : Files.readAllLines(lake.labels())) {
      JsonNode label = JSON.readTree(line);
      switch (label.get("scenario").asText()) {
        case "stolen-serviceaccount-token" -> stolenToken = label;
        case "crypto-miner" -> miner = label;
        default -> {}
      }
    }
    assertThat(stolenToken).as("the generated lake's stolen-token scenario").isNotNull();
    assertThat(miner).as("the generated lake's crypto-miner scenario").isNotNull();
  }

  private Run huntlake(String... args) {
    CommandLine cli = HuntlakeCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config.toString()));
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private String attackerAddress(SparkSession spark) {
    List<String> ids = texts(stolenToken.at("/evidence/audit_ids"));
    List<Row> rows =
        spark
            .read()
            .format("delta")
            .load(lakeDir.resolve("audit_events").toString())
            .where(org.apache.spark.sql.functions.col("audit_id").isin(ids.toArray()))
            .select("source_ip")
            .distinct()
            .collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0).getString(0);
  }

  private String poolAddress() {
    Matcher key =
        Pattern.compile("> (\\S+):\\d+ ").matcher(miner.at("/evidence/flow_keys").get(0).asText());
    assertThat(key.find()).isTrue();
    return key.group(1);
  }

  /** The host the miner's own log lines print (its pool), however the generator spells it. */
  private String poolHost(SparkSession spark) {
    SqlFunctions.register(spark);
    List<String> refs = texts(miner.at("/evidence/log_lines"));
    for (Row row :
        spark
            .read()
            .format("delta")
            .load(lakeDir.resolve("container_logs").toString())
            .where("event_date = DATE'" + miner.get("date").asText() + "'")
            .selectExpr("log_ref(namespace, pod, container, event_ts) AS ref", "message")
            .where(org.apache.spark.sql.functions.col("ref").isin(refs.toArray()))
            .collectAsList()) {
      Matcher host = Pattern.compile("://([a-z0-9.-]+\\.[a-z]{2,})").matcher(row.getString(1));
      if (host.find()) {
        return host.group(1);
      }
    }
    throw new AssertionError("no URL in the miner's labelled log lines");
  }

  private List<JsonNode> findings(SparkSession spark, String date, String rule) {
    List<JsonNode> rows = new ArrayList<>();
    for (String json :
        spark
            .read()
            .format("delta")
            .load(lakeDir.resolve("findings").toString())
            .where("event_date = DATE'" + date + "' AND rule_id = '" + rule + "'")
            .toJSON()
            .collectAsList()) {
      try {
        rows.add(JSON.readTree(json));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    return rows;
  }

  @Test
  void aNewFeedIsMatchedByDetectAndSweptOverPastDays(SparkSession spark) throws IOException {
    String attacker = attackerAddress(spark);
    String pool = poolAddress();
    String poolRange = pool.substring(0, pool.lastIndexOf('.')) + ".0/24";
    String poolHost = poolHost(spark);
    Path feed = work.resolve("c2.csv");
    Files.writeString(
        feed,
        String.join(
            "\n",
            "# generated for this test; the header is commented as abuse.ch writes it",
            "# indicator,type,confidence,description",
            attacker.replace(".", "[.]") + ",ip,90,token replay host",
            poolRange + ",cidr,70,mining pool network",
            "192.0.2.250,ip,50,never seen here",
            "d41d8cd98f00b204e9800998ecf8427e,md5,50,a hash",
            ""));
    Path names = work.resolve("names.txt");
    Files.writeString(names, "# mining pools\n" + poolHost + "\n");

    Run load = huntlake("intel", "load", "--feed", "c2", feed.toString());
    assertThat(load.code()).as(load.err()).isZero();
    assertThat(load.out()).contains("intel feed c2: 3 entries", "3 new", "1 not usable");
    assertThat(load.out()).contains("type 'md5' is not an address");
    Run loadNames = huntlake("intel", "load", "--feed", "pools", names.toString());
    assertThat(loadNames.code()).as(loadNames.err()).isZero();

    String tokenDay = stolenToken.get("date").asText();
    String minerDay = miner.get("date").asText();
    for (String day : new java.util.TreeSet<>(List.of(tokenDay, minerDay))) {
      Run detect = huntlake("detect", "--date", day);
      assertThat(detect.code()).as(detect.err()).isZero();
    }

    List<String> tokenEvidence = texts(stolenToken.at("/evidence/audit_ids"));
    assertThat(findings(spark, tokenDay, "intel-api-call-from-listed-address"))
        .anySatisfy(
            f -> {
              assertThat(texts(f.get("evidence"))).containsAnyElementsOf(tokenEvidence);
              assertThat(f.get("severity").asText()).isEqualTo("high");
              assertThat(f.get("summary").asText()).contains(attacker, "c2", "token replay host");
            });
    assertThat(findings(spark, minerDay, "intel-egress-to-listed-destination"))
        .anySatisfy(
            f -> {
              assertThat(texts(f.get("evidence")))
                  .containsAnyElementsOf(texts(miner.at("/evidence/flow_keys")));
              assertThat(f.get("summary").asText()).contains(poolRange, "mining pool network");
            });
    assertThat(findings(spark, minerDay, "intel-log-mentions-listed-indicator"))
        .anySatisfy(
            f ->
                assertThat(texts(f.get("evidence")))
                    .containsAnyElementsOf(texts(miner.at("/evidence/log_lines"))));

    Run sweep =
        huntlake(
            "intel",
            "sweep",
            "--from",
            GeneratedLake.START.toString(),
            "--to",
            GeneratedLake.LAST.toString(),
            "--loaded-on",
            java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(),
            "--format",
            "json",
            "--limit",
            "0");
    assertThat(sweep.code()).as(sweep.err()).isZero();
    assertThat(sweep.err()).contains("4 indicators loaded on");
    List<JsonNode> sightings = new ArrayList<>();
    for (String line : sweep.out().lines().toList()) {
      sightings.add(JSON.readTree(line));
    }
    assertThat(sightings)
        .anySatisfy(
            s -> {
              assertThat(s.get("indicator").asText()).isEqualTo(attacker);
              assertThat(s.get("source").asText()).isEqualTo("audit");
              assertThat(s.get("event_date").asText()).isEqualTo(tokenDay);
              assertThat(s.get("entity").asText()).isEqualTo(stolenToken.get("entity_id").asText());
            });
    assertThat(sightings)
        .anySatisfy(
            s -> {
              assertThat(s.get("indicator").asText()).isEqualTo(poolRange);
              assertThat(s.get("source").asText()).isEqualTo("flow");
            });
    assertThat(sightings)
        .anySatisfy(
            s -> {
              assertThat(s.get("indicator").asText()).isEqualTo(poolHost);
              assertThat(s.get("source").asText()).isEqualTo("container");
            });
    assertThat(sightings)
        .noneSatisfy(s -> assertThat(s.get("indicator").asText()).isEqualTo("192.0.2.250"));
  }

  @Test
  void reloadsKeepFirstSeenAndATruncatedOrEmptyFileChangesNothing(SparkSession spark)
      throws IOException {
    Path full = work.resolve("scanners.txt");
    StringBuilder list = new StringBuilder("# scanners\n");
    for (int i = 1; i <= 10; i++) {
      list.append("203.0.113.").append(i).append('\n');
    }
    Files.writeString(full, list);
    assertThat(huntlake("intel", "load", "--feed", "scanners", full.toString()).code()).isZero();
    String path = lakeDir.resolve("threat_intel").toString();
    Row first = spark.read().format("delta").load(path).where("indicator = '203.0.113.1'").first();

    Path truncated = work.resolve("scanners-cut.txt");
    Files.writeString(truncated, "203.0.113.1\n203.0.113.2\n");
    Run refused = huntlake("intel", "load", "--feed", "scanners", truncated.toString());
    assertThat(refused.code()).isEqualTo(3);
    assertThat(refused.err()).contains("would shrink it", "from 10 entries to 2", "--allow-shrink");
    assertThat(spark.read().format("delta").load(path).where("feed = 'scanners'").count())
        .isEqualTo(10);

    Path empty = work.resolve("empty.txt");
    Files.writeString(empty, "# nothing today\nnot-an-ioc!\n");
    Run nothing = huntlake("intel", "load", "--feed", "scanners", empty.toString());
    assertThat(nothing.code()).isEqualTo(3);
    assertThat(nothing.err()).contains("No indicators in", "not an address");

    Run allowed =
        huntlake("intel", "load", "--feed", "scanners", "--allow-shrink", truncated.toString());
    assertThat(allowed.code()).as(allowed.err()).isZero();
    assertThat(allowed.out()).contains("0 new, 8 dropped");
    Row again = spark.read().format("delta").load(path).where("indicator = '203.0.113.1'").first();
    assertThat(again.getAs("first_loaded").toString())
        .isEqualTo(first.getAs("first_loaded").toString());
    assertThat(again.getAs("last_loaded").toString())
        .isNotEqualTo(first.getAs("last_loaded").toString());

    Run listed = huntlake("intel", "list", "--format", "csv");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out()).containsPattern("(?m)^scanners,2,2,0,0,0,");
  }
}
