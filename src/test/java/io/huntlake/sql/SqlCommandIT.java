package io.huntlake.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.huntlake.cli.HuntlakeCli;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.FindingsTable;
import io.huntlake.table.HuntlakeTables;
import io.huntlake.table.TableDefinition;
import io.huntlake.testing.GeneratedLake;
import io.huntlake.testing.ReadsGeneratedLake;
import io.huntlake.testing.SharedSpark;
import io.huntlake.views.RequestViews;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/** `huntlake sql` against the generated lake, through the command line as a hunter types it. */
@ReadsGeneratedLake
@ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(SharedSpark.SESSION_CATALOG)
class SqlCommandIT {
  private SparkSession spark;
  private GeneratedLake lake;
  private Map<String, Long> versionsBefore;

  record Run(int code, String out, String err) {}

  @BeforeAll
  void buildLake(SparkSession spark) {
    this.spark = spark;
    lake = GeneratedLake.get(spark);
    versionsBefore = versions();
  }

  private Run sql(String... args) {
    CommandLine cli = HuntlakeCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("sql", "--config", lake.configFile().toString()));
    all.addAll(List.of(args));
    return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  private Map<String, Long> versions() {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (TableDefinition table : HuntlakeTables.ALL) {
      String path = LakeTables.path(lake.config(), table);
      if (DeltaTable.isDeltaTable(spark, path)) {
        versions.put(table.name(), DeltaTable.forPath(spark, path).history(1).first().getLong(0));
      }
    }
    return versions;
  }

  /**
   * Commits since the class started that no pipeline step makes. Other test classes rerun steps on
   * the same lake meanwhile (WRITE, and OPTIMIZE, VACUUM or a retention DELETE from maintain), so
   * versions alone cannot show that `sql` wrote nothing; its statements would show as CREATE TABLE,
   * a DELETE of findings (kept forever, never deleted by maintain), DROP, and so on.
   */
  private List<String> foreignCommits() {
    Set<String> pipeline = Set.of("WRITE", "OPTIMIZE", "VACUUM START", "VACUUM END", "DELETE");
    List<String> foreign = new ArrayList<>();
    versionsBefore.forEach(
        (table, before) -> {
          String path = lake.config().storage().table(table);
          for (Row commit :
              DeltaTable.forPath(spark, path)
                  .history()
                  .where("version > " + before)
                  .select("version", "operation")
                  .collectAsList()) {
            String operation = commit.getString(1);
            boolean deletedFindings = table.equals("findings") && operation.equals("DELETE");
            if (!pipeline.contains(operation) || deletedFindings) {
              foreign.add(table + " v" + commit.getLong(0) + " " + operation);
            }
          }
        });
    return foreign;
  }

  @Test
  void showTablesListsEveryTableAndViewWithItsDescriptionAndWritesNothing() {
    Run run = sql("SHOW TABLES");
    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("table_name").contains("description");
    for (String table : versionsBefore.keySet()) {
      String description =
          LakeCatalog.definition(table).orElseThrow().description().substring(0, 20);
      assertThat(lines)
          .anySatisfy(l -> assertThat(l).startsWith(table + " ").contains(description));
    }
    assertThat(versionsBefore).containsKeys("audit_events", "findings", "anomaly_scores");
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).startsWith("exec_sessions ").contains("view"))
        .last()
        .isEqualTo("(" + (versionsBefore.size() + RequestViews.NAMES.size()) + " rows)");
    // Registering the lake in the session committed nothing to any table.
    assertThat(foreignCommits()).isEmpty();
  }

  @Test
  void describeGivesEachColumnsMeaning() {
    Run run = sql("--wide", "DESCRIBE findings");
    assertThat(run.code()).as(run.err()).isZero();
    String ruleId = FindingsTable.DEFINITION.schema().apply("rule_id").getComment().get();
    assertThat(run.out())
        .containsPattern("rule_id +string +(true|false) +" + java.util.regex.Pattern.quote(ruleId));
  }

  @Test
  void timeTravelReadsTheTableAsItWasAtAnEarlierVersionOrTime() {
    String path = LakeTables.path(lake.config(), FindingsTable.DEFINITION);
    List<Row> history =
        DeltaTable.forPath(spark, path)
            .history()
            .orderBy("version")
            .select("version", "timestamp")
            .collectAsList();
    assertThat(history).hasSizeGreaterThan(2);
    Row second = history.get(1);
    long rowsThen =
        spark.read().format("delta").option("versionAsOf", second.getLong(0)).load(path).count();
    long rowsNow = spark.read().format("delta").load(path).count();
    assertThat(rowsThen).isLessThan(rowsNow);

    Run byVersion =
        sql(
            "--format",
            "csv",
            "SELECT count(*) AS n FROM findings VERSION AS OF " + second.getLong(0));
    assertThat(byVersion.out()).isEqualTo("n\n" + rowsThen + "\n");
    Run byTime =
        sql(
            "--format",
            "csv",
            "SELECT count(*) AS n FROM findings TIMESTAMP AS OF '" + second.get(1) + "'");
    assertThat(byTime.out()).as(byTime.err()).isEqualTo("n\n" + rowsThen + "\n");
    // Other classes may commit to findings meanwhile (reruns of detect): every version seen
    // before must be listed, newer ones may be too.
    Run described = sql("--format", "csv", "--limit", "0", "DESCRIBE HISTORY findings");
    List<String> listed =
        described.out().lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
    assertThat(listed).containsAll(history.stream().map(r -> Long.toString(r.getLong(0))).toList());
  }

  @Test
  void refusesAWriteWithExitCodeTwoAndLeavesTheTableAlone() {
    Run run = sql("SELECT 1; DELETE FROM findings WHERE true");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("Refused a statement that would change the lake (DeleteFromTable)")
        .contains("--allow-writes");
    assertThat(foreignCommits()).isEmpty();
  }

  @Test
  void allowWritesLetsAWriteThrough(@TempDir Path scratch) {
    Path table = scratch.resolve("scratch");
    Run run =
        sql(
            "--allow-writes",
            "CREATE TABLE hunter_scratch USING delta LOCATION '"
                + table
                + "' AS SELECT user_name, count(*) AS n FROM audit_events GROUP BY user_name");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(DeltaTable.isDeltaTable(spark, table.toString())).isTrue();
    assertThat(spark.read().format("delta").load(table.toString()).count()).isPositive();
    spark.sql("DROP TABLE hunter_scratch");
  }

  @Test
  void csvAndJsonLinesCarryNullsNestedValuesAndQuotesIntact() throws Exception {
    String query =
        "SELECT 'a,\"b\"' AS text, CAST(NULL AS STRING) AS nothing, array('p', 'q') AS list,"
            + " TIMESTAMP'2026-11-01 10:00:00.5' AS at, 42L AS n";
    Run csv = sql("--format", "csv", query);
    assertThat(csv.out())
        .isEqualTo(
            "text,nothing,list,at,n\n\"a,\"\"b\"\"\",,\"[\"\"p\"\",\"\"q\"\"]\",2026-11-01 10:00:00.5,42\n");
    Run json = sql("--format", "json", query);
    JsonNode row = new ObjectMapper().readTree(json.out().strip());
    assertThat(row.get("text").asText()).isEqualTo("a,\"b\"");
    assertThat(row.get("nothing").isNull()).isTrue();
    assertThat(row.get("list").get(1).asText()).isEqualTo("q");
    assertThat(row.get("at").asText()).isEqualTo("2026-11-01T10:00:00.500Z");
    assertThat(row.get("n").asLong()).isEqualTo(42);
  }

  @Test
  void theLimitCutsTheResultAndSaysSoWhereItDoesNotSpoilAPipe() {
    Run table = sql("--limit", "3", "SELECT id FROM range(10)");
    assertThat(table.out().lines().toList())
        .containsExactly(
            "id",
            "--",
            " 0",
            " 1",
            " 2",
            "(3 rows shown; the result has more: raise --limit, or --limit 0 for all)");
    Run csv = sql("--format", "csv", "--limit", "3", "SELECT id FROM range(10)");
    assertThat(csv.out()).isEqualTo("id\n0\n1\n2\n");
    assertThat(csv.err()).contains("printed the first 3 rows; the result has more");
    Run all = sql("--format", "csv", "--limit", "0", "SELECT id FROM range(10)");
    assertThat(all.out().lines()).hasSize(11);
    assertThat(all.err()).doesNotContain("printed the first");
  }

  @Test
  void aFileTakesParametersAsLiteralsSoAHostileValueMatchesNothing(@TempDir Path dir)
      throws Exception {
    Path query = dir.resolve("by-user.sql");
    Files.writeString(
        query,
        "-- requests of one identity on one day\n"
            + "SELECT count(*) AS n FROM audit_events\n"
            + "WHERE event_date = ${day} AND user_name = ${user};\n");
    String day = GeneratedLake.LAST.toString();
    String user =
        spark
            .sql(
                "SELECT user_name FROM delta.`"
                    + LakeTables.path(lake.config(), io.huntlake.table.AuditEventsTable.DEFINITION)
                    + "` WHERE event_date = DATE'"
                    + day
                    + "' GROUP BY user_name ORDER BY count(*) DESC LIMIT 1")
            .first()
            .getString(0);
    long expected =
        spark
            .sql(
                "SELECT count(*) FROM delta.`"
                    + LakeTables.path(lake.config(), io.huntlake.table.AuditEventsTable.DEFINITION)
                    + "` WHERE event_date = DATE'"
                    + day
                    + "' AND user_name = '"
                    + user
                    + "'")
            .first()
            .getLong(0);
    java.util.function.Function<String, Run> byUser =
        name ->
            sql(
                "--format",
                "csv",
                "--file",
                query.toString(),
                "--param",
                "day=" + day,
                "--param",
                "user=" + name);
    Run run = byUser.apply(user);
    assertThat(run.out()).as(run.err()).isEqualTo("n\n" + expected + "\n");
    Run hostile = byUser.apply("x' OR '1'='1");
    assertThat(hostile.out()).isEqualTo("n\n0\n");
    Run misspelt =
        sql("--file", query.toString(), "--param", "day=" + day, "--param", "usr=" + user);
    assertThat(misspelt.code()).isEqualTo(2);
    assertThat(misspelt.err()).contains("has no parameter 'usr'");
  }

  @Test
  void aQueryThatCannotRunSaysWhyAndWhereToLook() {
    Run run = sql("SELECT no_such_column FROM findings");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("The query on the command line cannot run")
        .contains("no_such_column")
        .contains("SHOW TABLES");
  }

  @Test
  void theInteractiveShellRunsMultiLineStatementsAndKeepsGoingAfterAnError() {
    SqlSession session = SqlSession.open(spark, lake.config(), false);
    Deque<String> typed =
        new ArrayDeque<>(
            List.of(
                "\\tables",
                "SELECT count(*) AS n",
                "  FROM findings",
                "  ;",
                "SELEC oops;",
                "DROP TABLE findings;",
                "\\describe anomaly_scores",
                "\\d no_such_table",
                "SELECT 'still here' AS status;",
                "\\q",
                "SELECT 'never run';"));
    List<String> prompts = new ArrayList<>();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int failed =
        new SqlShell(
                session,
                new ResultWriter.Options(OutputFormat.TABLE, 0, 1000),
                () -> 100,
                prompt -> {
                  prompts.add(prompt);
                  return typed.poll();
                },
                new PrintWriter(out),
                new PrintWriter(err))
            .run();
    assertThat(failed).as("the typo, the DROP and the unknown table").isEqualTo(3);
    long findings = spark.table("findings").count();
    assertThat(out.toString())
        .contains("exec_sessions")
        .containsPattern("(?m)^ *" + findings + "$")
        .contains("reasons")
        .contains("still here")
        .doesNotContain("never run");
    assertThat(err.toString())
        .contains("SEL")
        .contains("Refused a statement that would change the lake (DropTable)")
        .contains("There is no table or view 'no_such_table'");
    assertThat(prompts.subList(0, 4))
        .containsExactly(
            SqlShell.PROMPT, SqlShell.PROMPT, SqlShell.CONTINUATION, SqlShell.CONTINUATION);
    assertThat(typed).containsExactly("SELECT 'never run';");
    assertThat(foreignCommits()).isEmpty();
  }
}
