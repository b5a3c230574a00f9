package io.huntlake.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.huntlake.testing.Projects;
import io.huntlake.testing.SystemPython;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs the Airflow DAG tests (airflow/tests, pytest): they import the DAGs against a labelled
 * stand-in for Airflow and run the DAGs' rendered commands against the shaded jar, which the build
 * makes before the unit tests. Needs Debian's python3-pytest and python3-jinja2 under
 * /usr/bin/python3 (.ci/run installs them); skipped, with a message, where they are missing.
 *
 * <p>It starts after the other classes that do not read the generated lake: its commands are
 * separate JVMs that use the core the lake's build leaves while those classes wait for it.
 */
@Order(Order.DEFAULT + 1)
class AirflowDagsTest {

  @Test
  void dagTestsPass() throws Exception {
    assumeThat(SystemPython.has("pytest", "jinja2"))
        .as("pytest and jinja2 for /usr/bin/python3 (.ci/run installs python3-pytest)")
        .isTrue();
    Path root = Projects.root();
    Path output = root.resolve("target").resolve("airflow-tests");
    Files.createDirectories(output);
    Path log = output.resolve("pytest.log");
    ProcessBuilder pytest =
        new ProcessBuilder(
                SystemPython.PYTHON.toString(),
                "-m",
                "pytest",
                "-p",
                "no:cacheprovider",
                "-rs",
                "--durations=5",
                "--junitxml=" + output.resolve("junit.xml"),
                "airflow/tests")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // The run test must not skip here: the build made the jar before the tests.
    pytest.environment().put("HUNTLAKE_AIRFLOW_REQUIRE_JAR", "1");
    pytest.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    int code = pytest.start().waitFor();
    String text = Files.readString(log);
    assertThat(code).as("airflow/tests failed (%s):%n%s", log, tail(text)).isZero();
    assertThat(text).as("no DAG test may be skipped in the build").doesNotContain(" skipped");
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
  }
}
