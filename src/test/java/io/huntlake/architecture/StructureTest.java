package io.huntlake.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.testing.Projects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of the source layout that keep adding a source or a table cheap: code reads the set of
 * sources from their descriptor instead of naming them, and the derived views live where both the
 * rule engine and the SQL entry points reach them.
 */
class StructureTest {
  private static final Path MAIN = Path.of("src", "main", "java", "io", "huntlake");

  /** Where naming one source is the point, and why. */
  private static final Map<String, String> NAMES_A_SOURCE =
      Map.of(
          "source/LogSource.java", "the descriptors themselves",
          "gaps/GapsJob.java", "its summary counts the audit hours the audit-gap rule reads");

  @Test
  void noCodeSwitchesOverTheSourcesOrNamesOneOutsideTheDescriptor() {
    Pattern named =
        Pattern.compile(
            "LogSource\\.(AUDIT|CONTAINER|FLOW|EVENTS)\\b|case (AUDIT|CONTAINER|FLOW|EVENTS)\\b");
    for (Path file : javaFiles(MAIN)) {
      String relative = root().resolve(MAIN).relativize(file).toString();
      if (NAMES_A_SOURCE.containsKey(relative)) {
        continue;
      }
      assertThat(named.matcher(read(file)).find())
          .as("%s names a log source: iterate LogSource.values() and ask the descriptor", relative)
          .isFalse();
    }
  }

  @Test
  void theSharedViewsDependOnNeitherTheRuleEngineNorTheSqlCommand() {
    for (Path file : javaFiles(MAIN.resolve("views"))) {
      assertThat(read(file))
          .doesNotContain("import io.huntlake.detect.")
          .doesNotContain("import io.huntlake.sql.");
    }
    for (Path file : javaFiles(MAIN.resolve("sql"))) {
      assertThat(read(file))
          .as("%s: sql reads the shared views from io.huntlake.views, not from detect", file)
          .doesNotContain("import io.huntlake.detect.");
    }
  }

  @Test
  void tableDefinitionsAndSourceParsersDependOnNoConfigOrJob() {
    for (String pkg : List.of("table", "source")) {
      for (Path file : javaFiles(MAIN.resolve(pkg))) {
        String text = read(file);
        for (String above : List.of("config", "ingest", "lake", "detect", "cli", "volume")) {
          assertThat(text)
              .as("%s must not depend on io.huntlake.%s", file.getFileName(), above)
              .doesNotContain("import io.huntlake." + above + ".");
        }
      }
    }
  }

  private static Path root() {
    return Projects.root();
  }

  private static List<Path> javaFiles(Path folder) {
    try (Stream<Path> files = Files.walk(root().resolve(folder))) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
