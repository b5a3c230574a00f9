package io.huntlake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on loopback: a master and workers, each its own JVM, started from
 * the project's own dependency jars ({@code target/lib}). Workers launch executors (and
 * cluster-mode drivers) from a {@code SPARK_HOME} whose {@code jars/} links those jars plus any
 * extra ones the test gives (a test-only file system, say), as a cluster's own classpath would.
 */
public final class StandaloneCluster implements AutoCloseable {
  private final Path dir;
  private final int masterPort;
  private final int webUiPort;
  private final List<Process> daemons = new ArrayList<>();
  private final List<Path> workDirs = new ArrayList<>();

  private StandaloneCluster(Path dir) {
    this.dir = dir;
    this.masterPort = freePort();
    this.webUiPort = freePort();
  }

  /**
   * Starts the master and {@code workers} workers of {@code cores} cores and {@code memory} each,
   * and waits until all have registered.
   */
  public static StandaloneCluster start(
      Path dir, int workers, int cores, String memory, List<Path> extraJars) {
    StandaloneCluster cluster = new StandaloneCluster(dir);
    try {
      cluster.sparkHome(extraJars);
      cluster.daemon(
          "master",
          List.of(
              "org.apache.spark.deploy.master.Master",
              "--host",
              "127.0.0.1",
              "--port",
              String.valueOf(cluster.masterPort),
              "--webui-port",
              String.valueOf(cluster.webUiPort)));
      cluster.awaitAliveWorkers(0);
      for (int i = 1; i <= workers; i++) {
        Path work = Files.createDirectories(dir.resolve("worker-" + i));
        cluster.workDirs.add(work);
        cluster.daemon(
            "worker-" + i,
            List.of(
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                String.valueOf(cores),
                "--memory",
                memory,
                "--webui-port",
                String.valueOf(freePort()),
                "--work-dir",
                work.toString(),
                cluster.masterUrl()));
      }
      cluster.awaitAliveWorkers(workers);
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  public Path sparkHome() {
    return dir.resolve("spark-home");
  }

  /** The worker's work folder: its executors' and drivers' folders with their stdout/stderr. */
  public List<Path> workDirs() {
    return List.copyOf(workDirs);
  }

  /** The master's view of itself ({@code /json/}): workers, applications, drivers. */
  public JsonNode state() {
    try {
      String json =
          new String(
              URI.create("http://127.0.0.1:" + webUiPort + "/json/")
                  .toURL()
                  .openStream()
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      return new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The final state (FINISHED, FAILED, ...) of each completed cluster-mode driver, by id. */
  public Map<String, String> completedDrivers() {
    Map<String, String> drivers = new TreeMap<>();
    for (JsonNode driver : state().path("completeddrivers")) {
      drivers.put(driver.path("id").asText(), driver.path("state").asText());
    }
    return drivers;
  }

  /** A cluster-mode driver's stderr, where HuntLake's own messages go. */
  public String driverStderr(String driverId) {
    for (Path work : workDirs) {
      Path stderr = work.resolve(driverId).resolve("stderr");
      if (Files.exists(stderr)) {
        return read(stderr);
      }
    }
    throw new IllegalArgumentException("no worker ran driver " + driverId);
  }

  /**
   * Per worker, how many tasks its executors of application {@code appId} finished (the executors'
   * own log lines).
   */
  public List<Integer> tasksFinishedPerWorker(String appId) {
    List<Integer> counts = new ArrayList<>();
    for (Path work : workDirs) {
      int finished = 0;
      Path app = work.resolve(appId);
      if (Files.isDirectory(app)) {
        try (Stream<Path> files = Files.walk(app)) {
          for (Path stderr : files.filter(f -> f.endsWith("stderr")).toList()) {
            finished += (int) read(stderr).lines().filter(l -> l.contains("Finished task")).count();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      counts.add(finished);
    }
    return counts;
  }

  /**
   * SIGKILLs one executor JVM of the running application {@code appId}, as a lost machine would;
   * the master then has a worker start another.
   *
   * @return whether there was one to kill
   */
  public boolean killAnExecutor(String appId) {
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              String line = p.info().commandLine().orElse("");
              return line.contains("CoarseGrainedExecutorBackend") && line.contains(appId);
            })
        .findFirst()
        .map(ProcessHandle::destroyForcibly)
        .orElse(false);
  }

  /** The ids of the applications the master has seen, oldest first. */
  public List<String> applications() {
    List<String> ids = new ArrayList<>();
    for (String kind : List.of("completedapps", "activeapps")) {
      for (JsonNode app : state().path(kind)) {
        ids.add(app.path("id").asText());
      }
    }
    return ids.stream().sorted().toList();
  }

  /** The command line of a java process on this cluster's jars (spark-submit, say). */
  public List<String> java(List<String> mainAndArgs) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(sparkHome().resolve("jars") + "/*");
    command.addAll(mainAndArgs);
    return command;
  }

  private void sparkHome(List<Path> extraJars) throws IOException {
    Path jars = Files.createDirectories(sparkHome().resolve("jars"));
    try (Stream<Path> lib = Files.list(Projects.root().resolve("target/lib"))) {
      for (Path jar : lib.filter(f -> f.toString().endsWith(".jar")).toList()) {
        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
      }
    }
    for (Path jar : extraJars) {
      Files.copy(jar, jars.resolve(jar.getFileName()));
    }
  }

  private void daemon(String name, List<String> mainAndArgs) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(java(mainAndArgs))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().put("SPARK_HOME", sparkHome().toString());
    // The workers' executor launcher looks for Spark's Scala version in a distribution's layout.
    builder.environment().put("SPARK_SCALA_VERSION", "2.12");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    daemons.add(builder.start());
  }

  private void awaitAliveWorkers(int workers) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (state().path("aliveworkers").asInt() >= workers) {
          return;
        }
      } catch (RuntimeException e) {
        last = e; // the master's web UI is not up yet
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        "the cluster did not get " + workers + " workers in 2 minutes; see " + dir, last);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      daemons.get(i).destroy(); // workers first: each stops its executors and drivers
    }
    for (Process daemon : daemons) {
      try {
        if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
          daemon.destroyForcibly();
        }
      } catch (InterruptedException e) {
        daemon.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
