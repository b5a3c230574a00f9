package io.huntlake.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's /usr/bin/python3, which runs the notebooks and the Airflow DAG tests (PyPI is not
 * reachable; .ci/run installs their modules with apt).
 */
public final class SystemPython {
  private SystemPython() {}

  public static final Path PYTHON = Path.of("/usr/bin/python3");

  /** Whether /usr/bin/python3 exists and imports every one of these modules. */
  public static boolean has(String... modules) throws InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      Process check =
          new ProcessBuilder(PYTHON.toString(), "-c", "import " + String.join(", ", modules))
              .redirectErrorStream(true)
              .start();
      check.getInputStream().readAllBytes();
      return check.waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
