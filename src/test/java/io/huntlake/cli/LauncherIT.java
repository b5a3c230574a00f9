package io.huntlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.testing.Projects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/huntlake in a real process, after `package` built the jars it runs. */
class LauncherIT {
  private record Result(int exitCode, String out, String err) {}

  private static Result launch(Path workingDirectory, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(List.of(Projects.root().resolve("jobs/huntlake").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    builder.environment().remove("SPARK_HOME");
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void helpAndVersionRunWithoutBuilding(@TempDir Path dir) throws Exception {
    Result help = launch(dir, "--help");
    assertThat(help.exitCode()).as(help.err()).isZero();
    assertThat(help.out()).contains("Usage: huntlake").contains("generate").contains("demo");
    assertThat(help.err()).doesNotContain("building the jar");
    Result version = launch(dir, "--version");
    assertThat(version.out()).contains("Spark 3.5.6").contains("Delta Lake 3.3.3");
  }

  @Test
  void generateFromAnotherDirectoryAndFailCleanly(@TempDir Path dir) throws Exception {
    Result generated = launch(dir, "generate", "--out", "g", "--days", "2", "--seed", "7");
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    assertThat(dir.resolve("g/labels.jsonl")).exists();
    Result refused = launch(dir, "generate", "--out", "g", "--days", "2");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("is not empty").doesNotContain("Exception");
    Result badSubmit = launch(dir, "--spark-submit", "--help");
    assertThat(badSubmit.exitCode()).isEqualTo(2);
    assertThat(badSubmit.err()).contains("SPARK_HOME");
  }
}
