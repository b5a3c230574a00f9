package io.huntlake.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real {@code jobs/huntlake} process (its own JVM and Spark session), with its output collected
 * line by line so a test can act at a given moment: wait for a line, then kill it with SIGKILL (no
 * shutdown hooks, no cleanup: what a crashed node or an OOM killer leaves).
 */
public final class HuntlakeProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private HuntlakeProcess(Process process) {
    this.process = process;
    this.reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                  }
                }
              } catch (IOException e) {
                // the process was killed: its output simply ends
              }
            },
            "huntlake-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code jobs/huntlake ARGS} in {@code workingDirectory} with extra environment variables.
   * Small heap and the client compiler: these runs are short and the machine small.
   */
  public static HuntlakeProcess start(
      Path workingDirectory, Map<String, String> environment, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Projects.root().resolve("jobs/huntlake").toString());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
    builder.environment().remove("SPARK_HOME");
    builder.environment().put("HUNTLAKE_DRIVER_MEMORY", "2g");
    builder.environment().put("HUNTLAKE_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    builder.environment().putAll(environment);
    try {
      return new HuntlakeProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts any command (spark-submit, say) to watch like a launcher run. */
  public static HuntlakeProcess startCommand(
      Path workingDirectory, Map<String, String> environment, List<String> command) {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
    builder.environment().remove("SPARK_HOME");
    builder.environment().putAll(environment);
    try {
      return new HuntlakeProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until a line of output matches; false when the process ended or time ran out first. */
  public boolean awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    synchronized (lines) {
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (match.test(lines.get(seen))) {
            return true;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
          return false;
        }
        lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
      }
    }
  }

  /** SIGKILL, then waits for the process to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** The exit code, once the process ends within the timeout; -1 (and killed) when it did not. */
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      return -1;
    }
    reader.join(5_000);
    return process.exitValue();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Everything the process printed so far. */
  public String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** The whole command line as the system shows it to other users (ps). */
  public String commandLine() {
    return process.info().commandLine().orElse("");
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
