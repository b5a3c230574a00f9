package io.huntlake.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.testing.GeneratedLake;
import io.huntlake.testing.Projects;
import io.huntlake.testing.SharedSpark;
import io.huntlake.testing.SystemPython;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Executes every notebook end to end with Jupyter, as a hunter would run it, on the generated lake
 * the unit tests built (built here when they did not run): any cell error fails the build. Needs
 * Debian's Jupyter, JPype, pandas and matplotlib under /usr/bin/python3 (.ci/run installs them);
 * skipped, with a message, where they are missing. The executed copies go to target/notebooks.
 */
@io.huntlake.testing.ReadsGeneratedLake
@ExtendWith(SharedSpark.class)
class NotebooksIT {
  private static final Path JUPYTER = Path.of("/usr/bin/jupyter");

  @Test
  void everyNotebookRunsWithoutACellErrorAndDrawsItsCharts(SparkSession spark) throws Exception {
    assumeThat(
            Files.isExecutable(JUPYTER)
                && SystemPython.has("jpype", "nbclient", "pandas", "matplotlib"))
        .as("Jupyter, JPype, pandas and matplotlib for /usr/bin/python3 (.ci/run installs them)")
        .isTrue();
    GeneratedLake lake = GeneratedLake.reuseOrBuild(spark);
    Path output = Projects.root().resolve("target").resolve("notebooks");
    Files.createDirectories(output);
    List<Path> notebooks = NotebookFilesTest.notebooks();
    // All at once: each starts its own JVM and Spark, and most of a run is that start.
    ExecutorService pool = Executors.newFixedThreadPool(notebooks.size());
    List<Future<String>> runs = new ArrayList<>();
    for (Path notebook : notebooks) {
      runs.add(pool.submit(() -> execute(notebook, lake, output)));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(20, TimeUnit.MINUTES)).isTrue();
    for (int i = 0; i < notebooks.size(); i++) {
      String log = runs.get(i).get();
      Path executed = output.resolve(notebooks.get(i).getFileName());
      assertThat(Files.exists(executed)).as(log).isTrue();
      checkExecuted(executed);
    }
  }

  private static String execute(Path notebook, GeneratedLake lake, Path output)
      throws IOException, InterruptedException {
    Path log = output.resolve(notebook.getFileName() + ".log");
    ProcessBuilder jupyter =
        new ProcessBuilder(
                JUPYTER.toString(),
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.timeout=600",
                "--output-dir",
                output.toString(),
                notebook.getFileName().toString())
            .directory(notebook.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    jupyter.environment().put("HUNTLAKE_CONFIG", lake.configFile().toString());
    // The day with every labelled scenario; tests may have written later days of some tables.
    jupyter.environment().put("HUNTLAKE_DAY", GeneratedLake.LAST.toString());
    jupyter.environment().put("HUNTLAKE_DRIVER_MEMORY", "2g");
    jupyter.environment().put("HUNTLAKE_MASTER", "local[2]");
    // Three short-lived drivers at once on two cores: the client compiler and serial GC spend
    // about a third less CPU on a run this short than the defaults.
    jupyter.environment().put("HUNTLAKE_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    int code = jupyter.start().waitFor();
    String text = Files.readString(log);
    assertThat(code).as(notebook.getFileName() + " failed:\n" + tail(text)).isZero();
    return text;
  }

  /** Every code cell ran, none raised, and the notebook drew at least one chart. */
  private static void checkExecuted(Path executed) throws IOException {
    JsonNode cells = new ObjectMapper().readTree(executed.toFile()).get("cells");
    int images = 0;
    for (JsonNode cell : cells) {
      if (!cell.get("cell_type").asText().equals("code")) {
        continue;
      }
      assertThat(cell.get("execution_count").isNull())
          .as(executed + ": a cell did not run")
          .isFalse();
      for (JsonNode output : cell.get("outputs")) {
        assertThat(output.get("output_type").asText())
            .as(executed.toString())
            .isNotEqualTo("error");
        if (output.has("data") && output.get("data").has("image/png")) {
          images++;
        }
      }
    }
    assertThat(images).as(executed + ": charts drawn").isPositive();
  }

  private static String tail(String text) {
    List<String> lines = text.lines().filter(l -> !l.contains(" WARN ")).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
