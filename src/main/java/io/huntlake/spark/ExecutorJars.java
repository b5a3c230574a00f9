package io.huntlake.spark;

import io.huntlake.config.StorageSettings;
import io.huntlake.error.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jars a cluster's executors need when HuntLake's driver starts its own session on a cluster
 * (client mode: {@code jobs/huntlake --master spark://…}, a notebook). spark-submit ships its
 * application jar itself; a session built in a plain JVM ships nothing, and the executors then fail
 * every task that runs HuntLake code with ClassNotFoundException.
 *
 * <p>The executors get the shaded {@code huntlake-<version>-spark.jar} (HuntLake and Delta; Spark,
 * Scala and Hadoop are the cluster's), and, when a storage root is on s3a, the {@code hadoop-aws}
 * and AWS SDK jars HuntLake was built against, which most Spark distributions lack — the same set
 * the launcher gives spark-submit.
 */
final class ExecutorJars {
  private static final String SHADED_SUFFIX = "-spark.jar";

  private ExecutorJars() {}

  /**
   * The comma-separated jars for {@code spark.jars}, found beside the jar this class was loaded
   * from.
   *
   * @param master the cluster's master, for the message when there is no jar to ship
   */
  static String of(StorageSettings storage, String master) {
    return of(codeSource(), storage, master);
  }

  static String of(Path loadedFrom, StorageSettings storage, String master) {
    Path shaded = shadedJar(loadedFrom);
    if (shaded == null) {
      throw Errors.noJarForExecutors(master, loadedFrom.toString());
    }
    List<String> jars = new ArrayList<>(List.of(shaded.toString()));
    if (usesS3a(storage)) {
      jars.addAll(s3aJars(shaded.getParent().resolve("lib")));
    }
    return String.join(",", jars);
  }

  /** The shaded jar: the one classes were loaded from, or the one built beside the thin jar. */
  private static Path shadedJar(Path loadedFrom) {
    String name = loadedFrom.getFileName() == null ? "" : loadedFrom.getFileName().toString();
    if (!Files.isRegularFile(loadedFrom) || !name.endsWith(".jar")) {
      return null; // classes from a folder (an IDE, the tests): there is no jar to ship
    }
    if (name.endsWith(SHADED_SUFFIX)) {
      return loadedFrom;
    }
    Path sibling =
        loadedFrom.resolveSibling(
            name.substring(0, name.length() - ".jar".length()) + SHADED_SUFFIX);
    return Files.isRegularFile(sibling) ? sibling : null;
  }

  private static boolean usesS3a(StorageSettings storage) {
    return Stream.of(storage.raw(), storage.lake(), storage.archive(), storage.reports())
        .anyMatch(root -> root.startsWith("s3a://"));
  }

  private static List<String> s3aJars(Path lib) {
    if (!Files.isDirectory(lib)) {
      return List.of(); // a shaded jar on its own: the cluster brings s3a, or the user says so
    }
    try (Stream<Path> files = Files.list(lib)) {
      return files
          .filter(
              f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".jar")
                    && (name.startsWith("hadoop-aws-") || name.startsWith("aws-java-sdk-bundle-"));
              })
          .map(Path::toString)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path codeSource() {
    try {
      return Path.of(
          ExecutorJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("HuntLake's own code source is not a file path", e);
    }
  }
}
