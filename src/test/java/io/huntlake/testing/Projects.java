package io.huntlake.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the project and the shared public corpus are, as Surefire passes them in. */
public final class Projects {
  private Projects() {}

  public static Path root() {
    return Path.of(System.getProperty("huntlake.project.dir", ".")).toAbsolutePath().normalize();
  }

  /** ../shared/corpus when it exists; tests that need it skip cleanly when it does not. */
  public static Optional<Path> corpus() {
    Path corpus = Path.of(System.getProperty("huntlake.shared.dir", "../shared"), "corpus");
    return Files.isDirectory(corpus)
        ? Optional.of(corpus.toAbsolutePath().normalize())
        : Optional.empty();
  }
}
