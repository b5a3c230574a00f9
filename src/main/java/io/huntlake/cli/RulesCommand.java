package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.detect.Rule;
import io.huntlake.detect.RuleCatalogue;
import io.huntlake.detect.RuleTestRunner;
import io.huntlake.error.Errors;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code huntlake rules list|show|test}: the rule catalogue, built-in and the user's. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "List, show or test the detection rules (built-in and detect.rules_dir).",
    subcommands = {RulesCommand.ListRules.class, RulesCommand.Show.class, RulesCommand.Test.class})
final class RulesCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "One line per rule: id, severity, kind, ATT&CK techniques, title.")
  static final class ListRules implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions;

    @Override
    public Integer call() {
      HuntlakeConfig config = configOptions.load();
      RuleCatalogue catalogue = RuleCatalogue.load(config.detect());
      List<String> enabled = catalogue.enabled(config.detect()).stream().map(Rule::id).toList();
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT, "%-42s %-8s %-9s %-28s %s%n", "id", "severity", "kind", "attack", "title");
      for (Rule rule : catalogue.all()) {
        out.printf(
            Locale.ROOT,
            "%-42s %-8s %-9s %-28s %s%s%n",
            rule.id(),
            rule.severity().label(),
            rule.kind().label(),
            String.join(",", rule.attack()),
            rule.title(),
            enabled.contains(rule.id()) ? "" : "  [disabled]");
      }
      out.printf(Locale.ROOT, "%n%d rules, %d enabled%n", catalogue.all().size(), enabled.size());
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Everything about one rule: meaning, triage, query, parameters, tests.")
  static final class Show implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions;

    @Parameters(paramLabel = "ID", description = "The rule id (see 'huntlake rules list').")
    String id;

    @Override
    public Integer call() {
      HuntlakeConfig config = configOptions.load();
      Rule rule = RuleCatalogue.load(config.detect()).require(id, null);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT, "%s (version %d, from %s)%n", rule.id(), rule.version(), rule.origin());
      out.printf(Locale.ROOT, "%s%n%n", rule.title());
      out.printf(
          Locale.ROOT,
          "severity %s, kind %s, ATT&CK %s, entity %s%n%n",
          rule.severity().label(),
          rule.kind().label(),
          String.join(", ", rule.attack()),
          rule.entityType());
      out.printf(Locale.ROOT, "%s%n%n", rule.description());
      if (!rule.params().isEmpty()) {
        out.println("Parameters (override with detect.params." + rule.id() + ".NAME):");
        rule.params().forEach((name, value) -> out.printf(Locale.ROOT, "  %s = %s%n", name, value));
        out.println();
      }
      out.printf(Locale.ROOT, "Query:%n%s%n%n", rule.query().indent(2).stripTrailing());
      out.printf(Locale.ROOT, "Entity: %s; detail: %s%n%n", rule.entityId(), rule.detail());
      out.println("Tests:");
      rule.tests()
          .forEach(
              t ->
                  out.printf(
                      Locale.ROOT,
                      "  %-9s %s%n",
                      t.expectMatch() ? "match" : "no-match",
                      t.name()));
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = {
        "Run the inline tests of every rule, or of the rules named, on a local Spark session.",
        "Exits 1 when any test fails."
      })
  static final class Test implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "Rule ids (default: all).")
    List<String> ids = new ArrayList<>();

    @Override
    public Integer call() {
      HuntlakeConfig config = configOptions.load();
      RuleCatalogue catalogue = RuleCatalogue.load(config.detect());
      List<Rule> rules =
          ids.isEmpty()
              ? catalogue.all()
              : ids.stream().map(id -> catalogue.require(id, null)).toList();
      SparkSession spark = SparkCommand.session(configOptions, config, "rules test");
      List<RuleTestRunner.Result> results = new RuleTestRunner(config.detect()).run(spark, rules);
      PrintWriter out = spec.commandLine().getOut();
      List<String> failures = new ArrayList<>();
      for (RuleTestRunner.Result result : results) {
        out.println((result.passed() ? "  ok    " : "  FAIL  ") + result.describe());
        if (!result.passed()) {
          failures.add(result.describe());
        }
      }
      out.printf(
          Locale.ROOT,
          "%n%d tests of %d rules: %d passed, %d failed%n",
          results.size(),
          rules.size(),
          results.size() - failures.size(),
          failures.size());
      out.flush();
      if (!failures.isEmpty()) {
        throw Errors.ruleTestsFailed(failures);
      }
      return 0;
    }
  }
}
