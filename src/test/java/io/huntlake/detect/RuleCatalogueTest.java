package io.huntlake.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.huntlake.config.ConfigLoader;
import io.huntlake.config.DetectSettings;
import io.huntlake.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every built-in rule passes its own inline tests: the matching ones and the near misses. */
// Long: starts first (Surefire orders classes by @Order).
@org.junit.jupiter.api.Order(1)
@ExtendWith(SharedSpark.class)
class RuleCatalogueTest {
  static final DetectSettings DEFAULTS =
      new ConfigLoader(Map.of(), Path.of(".")).load(Optional.empty(), List.of()).detect();

  @Test
  void theReadmeCatalogueListsEveryRuleAsItIs() throws java.io.IOException {
    String readme =
        java.nio.file.Files.readString(io.huntlake.testing.Projects.root().resolve("README.md"));
    for (Rule rule : RuleCatalogue.load(DEFAULTS).all()) {
      assertThat(readme)
          .as("README's catalogue row for %s (regenerate it from the rule files)", rule.id())
          .contains(
              "| `"
                  + rule.id()
                  + "` | "
                  + rule.severity().label()
                  + " | "
                  + rule.kind().label()
                  + " | "
                  + String.join(", ", rule.attack())
                  + " | "
                  + rule.title()
                  + " |");
    }
  }

  @TestFactory
  Stream<DynamicTest> everyRulePassesItsInlineTests(SparkSession spark) {
    RuleTestRunner runner = new RuleTestRunner(DEFAULTS);
    return RuleCatalogue.load(DEFAULTS).all().stream()
        .flatMap(
            rule ->
                rule.tests().stream()
                    .map(
                        test ->
                            dynamicTest(
                                rule.id() + " / " + test.name(),
                                () -> {
                                  RuleTestRunner.Result result = runner.run(spark, rule, test);
                                  assertThat(result.passed()).as(result.describe()).isTrue();
                                })));
  }
}
