package io.huntlake.detect;

import io.huntlake.config.DetectSettings;
import io.huntlake.error.HuntlakeException;
import io.huntlake.table.FindingsTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs rules' inline tests: each test's rows become the input tables, the views are built from them
 * exactly as detect builds them from the lake, and the rule must match (or not).
 */
public final class RuleTestRunner {
  /** One test's outcome; {@code problem} says what went wrong when it did not pass. */
  public record Result(Rule rule, RuleTest test, boolean passed, long matches, String problem) {
    public String describe() {
      return rule.id() + " / " + test.name() + ": " + (passed ? "ok" : problem);
    }
  }

  private final DetectSettings settings;

  public RuleTestRunner(DetectSettings settings) {
    this.settings = settings;
  }

  public List<Result> run(SparkSession spark, List<Rule> rules) {
    List<Result> results = new ArrayList<>();
    for (Rule rule : rules) {
      for (RuleTest test : rule.tests()) {
        results.add(run(spark, rule, test));
      }
    }
    return results;
  }

  public Result run(SparkSession shared, Rule rule, RuleTest test) {
    // Each test's tables are registered under plain names, in a session of their own.
    SparkSession spark = io.huntlake.spark.Sessions.isolated(shared);
    try {
      // Only the views the rule's query names are built: analysing the others would cost most
      // of the test's time.
      Detector.register(
          spark, RuleViews.readBy(spark, TestTables.build(spark, test), rule.query()));
      Dataset<Row> found = new Detector(settingsFor(rule, test)).matches(spark, rule);
      long matches = found.count();
      boolean passed = test.expectMatch() == (matches > 0);
      String problem =
          passed
              ? null
              : test.expectMatch()
                  ? "expected a match, got none"
                  : "expected no match, got " + matches;
      if (passed && test.severity().isPresent()) {
        String highest = highest(found);
        if (!highest.equals(test.severity().get().label())) {
          passed = false;
          problem = "expected severity " + test.severity().get().label() + ", got " + highest;
        }
      }
      return new Result(rule, test, passed, matches, problem);
    } catch (HuntlakeException e) {
      return new Result(rule, test, false, 0, e.getMessage().replace('\n', ' '));
    } catch (Exception e) {
      // Spark's parse and analysis errors are checked exceptions thrown from unchecked code.
      return new Result(
          rule, test, false, 0, e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
    }
  }

  /** The settings with the test's own: global lists by name, anything else a rule parameter. */
  private DetectSettings settingsFor(Rule rule, RuleTest test) {
    if (test.params().isEmpty()) {
      return settings;
    }
    Map<String, String> ruleParams = new HashMap<>(test.params());
    List<String> registries = split(ruleParams.remove(Matches.TRUSTED_REGISTRIES));
    List<String> cidrs = split(ruleParams.remove(Matches.CLUSTER_CIDRS));
    Map<String, Map<String, String>> params = new HashMap<>(settings.params());
    params.put(rule.id(), ruleParams);
    return new DetectSettings(
        settings.rulesDirectory(),
        settings.disabledRules(),
        settings.evidenceLimit(),
        registries == null ? settings.trustedRegistries() : registries,
        cidrs == null ? settings.clusterCidrs() : cidrs,
        settings.allow(),
        settings.suppress(),
        params);
  }

  /** The severity a finding of these matches would have: the highest of theirs. */
  private static String highest(Dataset<Row> matches) {
    Severity highest = Severity.INFO;
    for (Row row : matches.select(FindingsTable.SEVERITY).distinct().collectAsList()) {
      Severity severity = Severity.parse(row.getString(0)).orElse(Severity.INFO);
      highest = severity.compareTo(highest) > 0 ? severity : highest;
    }
    return highest.label();
  }

  private static List<String> split(String list) {
    return list == null ? null : List.of(list.split(",")).stream().map(String::trim).toList();
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
