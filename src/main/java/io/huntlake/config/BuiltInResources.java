package io.huntlake.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * A folder of files shipped inside HuntLake (built-in rules, hunts), read the same way from the jar
 * and from {@code target/classes} during development.
 */
public final class BuiltInResources {
  private BuiltInResources() {}

  /** Applies {@code reader} to the resource folder while it is readable as a {@link Path}. */
  public static <T> T read(String folder, Function<Path, T> reader) {
    URL url = BuiltInResources.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IllegalStateException(
          "the built-in folder '" + folder + "' is missing from the classpath");
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return reader.apply(jar.getPath(folder));
        }
      }
      return reader.apply(Path.of(uri));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list the built-in folder " + url, e);
    }
  }
}
