package io.huntlake.hunt;

import io.huntlake.config.BuiltInResources;
import io.huntlake.error.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The built-in hunts: every {@code src/main/resources/hunts/*.sql}, checked when loaded. */
public final class HuntCatalogue {
  static final String RESOURCE_FOLDER = "hunts";

  private final List<Hunt> hunts;

  private HuntCatalogue(List<Hunt> hunts) {
    this.hunts = List.copyOf(hunts);
  }

  public static HuntCatalogue builtIn() {
    return new HuntCatalogue(BuiltInResources.read(RESOURCE_FOLDER, HuntCatalogue::fromFolder));
  }

  public List<Hunt> hunts() {
    return hunts;
  }

  /** The hunt with this name, or an error listing the names there are. */
  public Hunt require(String name) {
    return hunts.stream()
        .filter(h -> h.name().equals(name))
        .findFirst()
        .orElseThrow(() -> Errors.unknownHunt(name, hunts.stream().map(Hunt::name).toList()));
  }

  private static List<Hunt> fromFolder(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".sql"))
          .sorted(Comparator.comparing(f -> f.getFileName().toString()))
          .map(HuntCatalogue::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the hunts in " + folder, e);
    }
  }

  private static Hunt read(Path file) {
    String fileName = file.getFileName().toString();
    String name = fileName.substring(0, fileName.length() - ".sql".length());
    try {
      return HuntFiles.parse(
          name, Files.readString(file, StandardCharsets.UTF_8), RESOURCE_FOLDER + "/" + fileName);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read hunt " + file, e);
    }
  }
}
