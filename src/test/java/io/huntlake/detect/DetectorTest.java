package io.huntlake.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.huntlake.config.ConfigLoader;
import io.huntlake.config.DetectSettings;
import io.huntlake.error.HuntlakeException;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Matches become findings: grouping, evidence, stable ids, allowlists and parameters. */
@ExtendWith(SharedSpark.class)
// Registers rule views in the shared session: no other class may run detect meanwhile.
@org.junit.jupiter.api.parallel.Isolated
class DetectorTest {
  private static final String RULE =
      """
      id: test-exec
      title: Exec into a pod
      severity: high
      kind: event
      attack: [T1609]
      version: 3
      description: A test rule.
      params:
        verbs: [create]
      query: |
        SELECT * FROM exec_sessions WHERE array_contains(${verbs}, verb)
      entity: {type: user, id: user_name}
      detail: concat(user_name, ' exec into ', namespace, '/', pod)
      tests:
        - {name: m, expect: match, audit_events: [{verb: create, resource: pods, subresource: exec}]}
        - {name: n, expect: no-match, audit_events: [{verb: get, resource: pods}]}
      """;

  /** Three sessions of carol (two pods, one namespace) and one of the CI runner. */
  private static final RuleTest DAY =
      new RuleTest(
          "day",
          true,
          Map.of(
              "audit_events",
              List.of(
                  exec("carol@corp.example", "web-1", "09:00:00", "10.8.1.17"),
                  exec("carol@corp.example", "web-2", "09:05:00", "10.8.1.17"),
                  exec("carol@corp.example", "web-1", "17:30:00", "10.8.1.17"),
                  exec("system:serviceaccount:ci:runner", "web-1", "12:00:00", "10.20.0.4"))),
          Map.of());

  private final List<Dataset<Row>> kept = new ArrayList<>();

  @AfterEach
  void release() {
    kept.forEach(Dataset::unpersist);
  }

  @Test
  void matchesOfOneEntityBecomeOneExplainedFinding(SparkSession spark) {
    List<Row> findings = findings(spark, settings("detect.evidence_limit=2"));

    assertThat(findings).hasSize(2);
    Row carol = byEntity(findings, "carol@corp.example");
    assertThat(carol.<Long>getAs("event_count")).isEqualTo(3);
    assertThat(carol.<Integer>getAs("rule_version")).isEqualTo(3);
    assertThat(carol.<String>getAs("severity")).isEqualTo("high");
    assertThat(carol.<String>getAs("suppressed_by")).isNull();
    assertThat(carol.getList(carol.fieldIndex("attack_techniques"))).containsExactly("T1609");
    assertThat(carol.getList(carol.fieldIndex("evidence")))
        .containsExactly("a-09:00:00", "a-09:05:00");
    assertThat(carol.<String>getAs("summary"))
        .isEqualTo("carol@corp.example exec into shop/web-1 (3 events, 09:00–17:30 UTC)");
    assertThat(carol.getAs("first_ts").toString()).contains("09:00");
    assertThat(carol.<String>getAs("finding_id")).hasSize(32);
  }

  @Test
  void findingIdsAreStableAcrossRunsAndDifferByDay(SparkSession spark) {
    DetectSettings settings = settings();
    String first = byEntity(findings(spark, settings), "carol@corp.example").getAs("finding_id");
    String again = byEntity(findings(spark, settings), "carol@corp.example").getAs("finding_id");
    Detector detector = new Detector(settings);
    register(spark);
    List<Dataset<Row>> matches = detector.materialize(spark, List.of(rule()), 1);
    kept.addAll(matches);
    String nextDay =
        byEntity(
                detector.findings(spark, matches, TestTables.DAY.plusDays(1)).collectAsList(),
                "carol@corp.example")
            .getAs("finding_id");
    assertThat(again).isEqualTo(first);
    assertThat(nextDay).isNotEqualTo(first);
  }

  @Test
  void allowlistsLowerToInfoAndSaySo(SparkSession spark) {
    List<Row> findings =
        findings(
            spark,
            settings(
                "detect.allow.identities=system:serviceaccount:ci:*",
                "detect.suppress.test-exec.cidrs=10.8.0.0/16"));

    Row ci = byEntity(findings, "system:serviceaccount:ci:runner");
    assertThat(ci.<String>getAs("severity")).isEqualTo("info");
    assertThat(ci.<String>getAs("rule_severity")).isEqualTo("high");
    assertThat(ci.<String>getAs("suppressed_by"))
        .isEqualTo("detect.allow.identities: system:serviceaccount:ci:*");
    assertThat(ci.<String>getAs("summary"))
        .endsWith("[allowlisted by detect.allow.identities: system:serviceaccount:ci:*]");
    assertThat(byEntity(findings, "carol@corp.example").<String>getAs("suppressed_by"))
        .isEqualTo("detect.suppress.test-exec.cidrs: 10.8.0.0/16");
  }

  @Test
  void parametersComeFromConfigAndUnknownOnesAreRefused(SparkSession spark) {
    assertThat(findings(spark, settings("detect.params.test-exec.verbs=get"))).isEmpty();

    HuntlakeException unknown =
        catchThrowableOfType(
            HuntlakeException.class,
            () -> findings(spark, settings("detect.params.test-exec.verb=create")));
    assertThat(unknown.getMessage()).contains("names no parameter of the rule", "verbs");

    HuntlakeException noSuchRule =
        catchThrowableOfType(
            HuntlakeException.class,
            () ->
                RuleCatalogue.of(List.of(rule()))
                    .enabled(settings("detect.disabled_rules=test-exce")));
    assertThat(noSuchRule.getMessage()).contains("There is no rule 'test-exce'", "test-exec");
  }

  @Test
  void aBrokenQueryNamesTheRule(SparkSession spark) {
    Rule broken =
        RuleFiles.parse(RULE.replace("FROM exec_sessions", "FROM exec_session"), "test.yaml");
    register(spark);
    HuntlakeException error =
        catchThrowableOfType(
            HuntlakeException.class, () -> new Detector(settings()).matches(spark, broken));
    assertThat(error.getMessage()).contains("Rule 'test-exec' (test.yaml) cannot run");
  }

  @Test
  void gradedMatchesGiveTheirFindingTheHighestGradeAndTestsCheckIt(SparkSession spark) {
    // carol's 09:00 session is graded low, her 09:05 one "loud" (not a severity: the rule's);
    // the CI runner's only session low.
    Rule graded =
        RuleFiles.parse(
            RULE.replace(
                "SELECT * FROM exec_sessions WHERE",
                "SELECT *, CASE WHEN hour(event_ts) = 12 OR minute(event_ts) = 0 THEN 'low'"
                    + " WHEN minute(event_ts) = 5 THEN 'loud' END AS match_severity"
                    + " FROM exec_sessions WHERE"),
            "graded.yaml");
    register(spark);
    Detector detector = new Detector(settings());
    List<Dataset<Row>> matches = detector.materialize(spark, List.of(graded), 1);
    kept.addAll(matches);
    List<Row> findings = detector.findings(spark, matches, TestTables.DAY).collectAsList();
    assertThat(byEntity(findings, "carol@corp.example").<String>getAs("severity"))
        .isEqualTo("high");
    Row ci = byEntity(findings, "system:serviceaccount:ci:runner");
    assertThat(ci.<String>getAs("severity")).isEqualTo("low");
    assertThat(ci.<String>getAs("rule_severity")).isEqualTo("high");

    RuleTestRunner runner = new RuleTestRunner(settings());
    RuleTest onlyCi =
        new RuleTest(
            "ci only",
            true,
            Map.of(
                "audit_events",
                List.of(exec("system:serviceaccount:ci:runner", "web-1", "12:00:00", "10.20.0.4"))),
            Map.of(),
            Optional.of(Severity.HIGH));
    RuleTestRunner.Result wrong = runner.run(spark, graded, onlyCi);
    assertThat(wrong.passed()).isFalse();
    assertThat(wrong.problem()).isEqualTo("expected severity high, got low");
    RuleTest right =
        new RuleTest("ci only", true, onlyCi.tables(), Map.of(), Optional.of(Severity.LOW));
    assertThat(runner.run(spark, graded, right).passed()).isTrue();
  }

  private List<Row> findings(SparkSession spark, DetectSettings settings) {
    register(spark);
    Detector detector = new Detector(settings);
    List<Dataset<Row>> matches = detector.materialize(spark, List.of(rule()), 1);
    kept.addAll(matches);
    return detector.findings(spark, matches, TestTables.DAY).collectAsList();
  }

  private static void register(SparkSession spark) {
    Detector.register(spark, RuleViews.of(spark, TestTables.build(spark, DAY)));
  }

  private static Rule rule() {
    return RuleFiles.parse(RULE, "test.yaml");
  }

  private static DetectSettings settings(String... overrides) {
    return new ConfigLoader(Map.of(), Path.of("."))
        .load(Optional.empty(), List.of(overrides))
        .detect();
  }

  private static Row byEntity(List<Row> findings, String entity) {
    return findings.stream()
        .filter(f -> f.<String>getAs("entity_id").equals(entity))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finding for " + entity + " in " + findings));
  }

  private static Map<String, Object> exec(String user, String pod, String time, String ip) {
    return Map.of(
        "verb",
        "create",
        "resource",
        "pods",
        "subresource",
        "exec",
        "namespace",
        "shop",
        "object_name",
        pod,
        "user_name",
        user,
        "event_ts",
        time,
        "source_ip",
        ip,
        "audit_id",
        "a-" + time,
        "request_uri",
        "/api/v1/namespaces/shop/pods/" + pod + "/exec?command=sh");
  }
}
