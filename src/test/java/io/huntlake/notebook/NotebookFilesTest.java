package io.huntlake.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.testing.Projects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The notebooks as committed: a header, a parameters cell, a markdown cell before every step, no
 * executed output, and no Spark or JVM handling of their own (that is huntlake_nb's job).
 * NotebooksIT executes them.
 */
class NotebookFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<Path> notebooks() throws IOException {
    try (Stream<Path> files = Files.list(Projects.root().resolve("notebooks"))) {
      return files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  @Test
  void everyNotebookHasAHeaderParametersAndAMarkdownCellBeforeEachStep() throws IOException {
    List<Path> notebooks = notebooks();
    assertThat(notebooks)
        .extracting(p -> p.getFileName().toString())
        .contains("hunting.ipynb", "baseline_explorer.ipynb", "capacity.ipynb");
    for (Path notebook : notebooks) {
      JsonNode cells = JSON.readTree(notebook.toFile()).get("cells");
      String name = notebook.getFileName().toString();
      assertThat(type(cells.get(0))).as(name + ": header").isEqualTo("markdown");
      assertThat(text(cells.get(0)))
          .as(name + ": header")
          .startsWith("# ")
          .contains("**Purpose.**", "**Data.**", "**Parameters**");
      assertThat(type(cells.get(1))).as(name + ": parameters").isEqualTo("code");
      assertThat(text(cells.get(1)))
          .as(name)
          .contains("CONFIG = os.environ.get(\"HUNTLAKE_CONFIG\"");
      List<String> steps = new ArrayList<>();
      for (int i = 2; i < cells.size(); i++) {
        JsonNode cell = cells.get(i);
        if (type(cell).equals("markdown") && text(cell).startsWith("## ")) {
          steps.add(text(cell).lines().findFirst().orElseThrow());
        }
        if (type(cell).equals("code")) {
          assertThat(cell.get("outputs")).as(name + " cell " + i + " outputs").isEmpty();
          assertThat(cell.get("execution_count").isNull()).as(name + " cell " + i).isTrue();
          assertThat(text(cell))
              .as(name + " cell " + i + ": Spark and the JVM belong in huntlake_nb")
              .doesNotContain("jpype", "SparkSession", "_jvm");
        }
      }
      assertThat(type(cells.get(2)))
          .as(name + ": the first step is introduced")
          .isEqualTo("markdown");
      assertThat(steps).as(name + " steps").hasSizeGreaterThanOrEqualTo(4);
    }
  }

  private static String type(JsonNode cell) {
    return cell.get("cell_type").asText();
  }

  private static String text(JsonNode cell) {
    JsonNode source = cell.get("source");
    if (source.isTextual()) {
      return source.asText();
    }
    StringBuilder text = new StringBuilder();
    source.forEach(line -> text.append(line.asText()));
    return text.toString();
  }
}
