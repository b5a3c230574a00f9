package io.huntlake.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * A byte search of every file under a folder, for leak tests (with {@link UncompressedParquet}).
 */
public final class LakeBytes {
  private LakeBytes() {}

  /** Every needle found anywhere in the bytes of any file under the folder, with where. */
  public static List<String> leaks(Path folder, Collection<String> needles) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String needle : needles) {
          if (bytes.contains(needle)) {
            found.add(needle + " in " + folder.relativize(file));
          }
        }
      }
    }
    return found;
  }
}
