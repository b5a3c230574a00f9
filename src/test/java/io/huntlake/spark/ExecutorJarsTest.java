package io.huntlake.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.huntlake.config.StorageSettings;
import io.huntlake.error.ExitCode;
import io.huntlake.error.HuntlakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which jars a client-mode session ships to a cluster's executors, found beside its own jar. */
class ExecutorJarsTest {
  private static final StorageSettings LOCAL =
      new StorageSettings("/data/raw", "/data/lake", "/data/archive", "/data/reports");
  private static final StorageSettings ON_S3A =
      new StorageSettings("s3a://logs/raw", "/data/lake", "/data/archive", "/data/reports");

  @Test
  void theLaunchersThinJarShipsTheShadedJarBesideItAndS3aJarsOnlyWhenStorageUsesS3a(
      @TempDir Path target) throws Exception {
    Path thin = touch(target.resolve("huntlake-1.2.0.jar"));
    Path shaded = touch(target.resolve("huntlake-1.2.0-spark.jar"));
    Path lib = Files.createDirectories(target.resolve("lib"));
    Path aws = touch(lib.resolve("hadoop-aws-3.3.4.jar"));
    Path sdk = touch(lib.resolve("aws-java-sdk-bundle-1.12.262.jar"));
    touch(lib.resolve("delta-spark_2.12-3.3.3.jar"));

    assertThat(ExecutorJars.of(thin, LOCAL, "spark://m:7077")).isEqualTo(shaded.toString());
    assertThat(List.of(ExecutorJars.of(thin, ON_S3A, "spark://m:7077").split(",")))
        .containsExactly(shaded.toString(), sdk.toString(), aws.toString());
  }

  @Test
  void aShadedJarShipsItself(@TempDir Path dir) throws Exception {
    Path shaded = touch(dir.resolve("huntlake-1.2.0-spark.jar"));
    assertThat(ExecutorJars.of(shaded, ON_S3A, "spark://m:7077")).isEqualTo(shaded.toString());
  }

  @Test
  void classesOutsideAJarAreAUsageErrorThatSaysHowToShipThem(@TempDir Path dir) throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path lonelyThinJar = touch(dir.resolve("huntlake-1.2.0.jar"));
    for (Path loadedFrom : List.of(classes, lonelyThinJar)) {
      HuntlakeException error =
          catchThrowableOfType(
              HuntlakeException.class, () -> ExecutorJars.of(loadedFrom, LOCAL, "spark://m:7077"));
      assertThat(error.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(error.getMessage())
          .contains("spark://m:7077")
          .contains(loadedFrom.toString())
          .contains("spark.conf.spark.jars");
    }
  }

  private static Path touch(Path file) throws Exception {
    return Files.writeString(file, "PK");
  }
}
