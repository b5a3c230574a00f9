package io.huntlake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Airflow DAG tests (airflow/tests, pytest under /usr/bin/python3) as one background process
 * per test run. Its commands are a dozen short-lived Spark JVMs: started niced when the run starts
 * (BuildGeneratedLakeEarly), they take only the CPU the test classes leave idle, mostly while the
 * classes that read the generated lake wait for it. AirflowDagsIT waits for the outcome.
 */
public final class AirflowDagTests {
  private AirflowDagTests() {}

  /** pytest's exit code and log. */
  public record Outcome(int exitCode, Path log) {}

  private static Process process;
  private static Path log;

  /** Whether /usr/bin/python3 has what the tests need (.ci/run installs it). */
  public static boolean available() throws InterruptedException {
    return SystemPython.has("pytest", "jinja2");
  }

  /** Starts the tests in the background unless they are running already. */
  public static synchronized void start() {
    if (process != null) {
      return;
    }
    Path root = Projects.root();
    Path output = root.resolve("target").resolve("airflow-tests");
    try {
      Files.createDirectories(output);
      log = output.resolve("pytest.log");
      ProcessBuilder pytest =
          new ProcessBuilder(
                  "nice",
                  "-n",
                  "10",
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
      process = pytest.start();
      Process started = process;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> started.descendants().forEach(ProcessHandle::destroy)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Airflow DAG tests", e);
    }
  }

  /** Starts the tests if nothing did, and waits for them. */
  public static Outcome await() throws InterruptedException {
    start();
    return new Outcome(process.waitFor(), log);
  }
}
