package io.huntlake.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.huntlake.testing.AirflowDagTests;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The Airflow DAG tests (airflow/tests, pytest): they import the DAGs against a labelled stand-in
 * for Airflow and run the DAGs' rendered commands against the shaded jar `package` built. They run
 * as a background process from the start of the integration tests (AirflowDagTests); this class
 * waits for it, so it starts after the other classes that do not read the generated lake. Needs
 * Debian's python3-pytest and python3-jinja2 under /usr/bin/python3 (.ci/run installs them);
 * skipped, with a message, where they are missing.
 */
@Order(Order.DEFAULT + 1)
class AirflowDagsIT {

  @Test
  void dagTestsPass() throws Exception {
    assumeThat(AirflowDagTests.available())
        .as("pytest and jinja2 for /usr/bin/python3 (.ci/run installs python3-pytest)")
        .isTrue();
    AirflowDagTests.Outcome outcome = AirflowDagTests.await();
    String text = Files.readString(outcome.log());
    assertThat(outcome.exitCode())
        .as("airflow/tests failed (%s):%n%s", outcome.log(), tail(text))
        .isZero();
    assertThat(text).as("no DAG test may be skipped in the build").doesNotContain(" skipped");
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
  }
}
