package io.huntlake.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.huntlake.cli.HuntlakeCli;
import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.spark.SparkSessionFactory;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.testing.FaultyFileSystem;
import io.huntlake.testing.HuntlakeProcess;
import io.huntlake.testing.LakeContents;
import io.huntlake.testing.Projects;
import io.huntlake.testing.RawLogs;
import io.huntlake.testing.S3Server;
import io.huntlake.testing.SharedSpark;
import io.huntlake.testing.StandaloneCluster;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same jar on a real Spark cluster: a standalone master and two workers, each its own JVM, with
 * the raw logs and the lakes on an S3-compatible server. The daily pipeline runs in client mode
 * through {@code jobs/huntlake --master spark://…} and in cluster deploy mode through spark-submit
 * (the driver on a worker), and every table must equal, by content, what a local run of the same
 * day wrote. Executors on both workers must have run the tasks, and an executor killed mid-run must
 * cost retries of its tasks, not the run. A raw file that fails mid-read inside an executor must
 * end the job with HuntLake's message: exit 1 in client mode, the driver FAILED in cluster mode
 * (whose spark-submit exits 0: the README says so).
 */
// Long: starts first (testing/LakeReadersLast).
@org.junit.jupiter.api.Order(1)
// The reference run points the shared session's s3a at this test's own server.
@org.junit.jupiter.api.parallel.ResourceLock(S3Server.SESSION_ENDPOINT)
@ExtendWith(SharedSpark.class)
class StandaloneClusterIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  private static final String BUCKET = "cluster";
  private static final String STEPS = "ingest,features,baseline,score,gaps,detect,volume";

  /** Two executors of one core, one per worker; a cluster-mode driver takes a third core. */
  private static final List<String> EXECUTORS =
      List.of(
          "spark.conf.spark.executor.cores=1",
          "spark.conf.spark.cores.max=2",
          "spark.conf.spark.executor.memory=1g");

  @TempDir static Path dir;
  private static Path raw;
  private static Path faultyJar;
  private static StandaloneCluster cluster;

  @BeforeAll
  static void startTheCluster() throws Exception {
    raw = dir.resolve("raw");
    SyntheticCluster.generate(new SyntheticCluster.Options(raw, DAY, 1, 19, Scale.SMALL, true));
    faultyJar = faultyFileSystemJar(dir.resolve("faulty-fs.jar"));
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2, 2, "3g", List.of(faultyJar));
  }

  @AfterAll
  static void stopTheCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theDailyPipelineInBothDeployModesWritesWhatALocalRunWrites(SparkSession shared)
      throws Exception {
    try (S3Server.Private s3 = S3Server.Private.start()) {
      s3.endpoint().createBucket(BUCKET);
      List<String> inProcess = new ArrayList<>(s3.endpoint().settings());
      inProcess.addAll(storage("local"));
      inProcess.add("sources.events.enabled=true");
      HuntlakeConfig config = new ConfigLoader(Map.of(), dir).load(Optional.empty(), inProcess);
      S3Server.upload(SparkSessionFactory.hadoopConfiguration(config), raw, config.storage().raw());
      // The local reference, in this JVM (which also points the session's s3a at the server).
      executeHere(List.of("run", "--steps", STEPS, "--date", DAY.toString()), inProcess);

      // Client mode: the launcher's own JVM is the driver, the executors are the workers'.
      List<String> before = cluster.applications();
      try (HuntlakeProcess client =
          HuntlakeProcess.start(
              dir,
              s3.endpoint().environment(),
              withSettings(
                  List.of(
                      "run",
                      "--master",
                      cluster.masterUrl(),
                      "--steps",
                      STEPS,
                      "--date",
                      DAY.toString()),
                  commandLine(s3, "client")))) {
        // An executor lost as detect starts (its cached views and kept rule matches with it)
        // costs a retry of its tasks, not the run.
        assertThat(
                client.awaitLine(
                    l -> l.strip().startsWith("gaps " + DAY + ":"), Duration.ofMinutes(10)))
            .as(client.output())
            .isTrue();
        List<String> running = new ArrayList<>(cluster.applications());
        running.removeAll(before);
        assertThat(running).as("one application for the whole run").hasSize(1);
        assertThat(cluster.killAnExecutor(running.get(0))).as("an executor to kill").isTrue();
        assertThat(client.waitFor(Duration.ofMinutes(15))).as(client.output()).isZero();
      }
      List<String> apps = new ArrayList<>(cluster.applications());
      apps.removeAll(before);
      assertThat(cluster.tasksFinishedPerWorker(apps.get(0)))
          .as("tasks finished by the executors of each worker")
          .allSatisfy(tasks -> assertThat(tasks).isPositive());

      // Cluster deploy mode: spark-submit hands the driver to a worker and waits for it.
      try (HuntlakeProcess submit =
          HuntlakeProcess.startCommand(
              dir,
              s3.endpoint().environment(),
              sparkSubmitCluster(
                  withSettings(
                      List.of("run", "--steps", STEPS, "--date", DAY.toString()),
                      commandLine(s3, "cluster"))))) {
        assertThat(submit.waitFor(Duration.ofMinutes(15))).as(submit.output()).isZero();
      }
      assertThat(cluster.completedDrivers().values())
          .as("the cluster-mode driver's final state")
          .containsExactly("FINISHED");

      Map<String, List<String>> local = LakeContents.of(shared, lake("local"));
      assertThat(local.keySet())
          .contains("audit_events", "k8s_events", "anomaly_scores", "findings", "log_volume_daily");
      assertThat(local.get("findings")).as("the day's attacks were found").isNotEmpty();
      for (String mode : List.of("client", "cluster")) {
        Map<String, List<String>> onCluster = LakeContents.of(shared, lake(mode));
        assertThat(onCluster.keySet()).as(mode).isEqualTo(local.keySet());
        for (String table : local.keySet()) {
          assertThat(onCluster.get(table))
              .as("%s in %s mode", table, mode)
              .containsExactlyElementsOf(local.get(table));
        }
      }
    }
  }

  @Test
  void aFileThatFailsInsideAnExecutorEndsTheJobWithHuntlakesMessage() throws Exception {
    Path poisoned = dir.resolve("poisoned-raw");
    RawLogs.copyTree(raw, poisoned);
    // A container log that breaks off after its first bytes, as a dropped connection does.
    Path container;
    try (Stream<Path> files = Files.walk(poisoned.resolve("container"))) {
      container = files.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    Files.move(container, container.resolveSibling("pod-fail-read-" + container.getFileName()));
    List<String> settings =
        new ArrayList<>(
            List.of(
                "storage.raw=" + FaultyFileSystem.path(poisoned),
                "storage.lake=" + dir.resolve("poisoned/lake"),
                "storage.archive=" + dir.resolve("poisoned/archive"),
                "storage.reports=" + dir.resolve("poisoned/reports"),
                "spark.conf.spark.hadoop.fs.faulty.impl=" + FaultyFileSystem.class.getName(),
                "spark.conf.spark.hadoop.fs.faulty.impl.disable.cache=true"));
    settings.addAll(EXECUTORS);
    List<String> ingest = List.of("ingest", "--date", DAY.toString());

    // Client mode: the launcher's driver (given the test file system) exits with HuntLake's code.
    try (HuntlakeProcess client =
        HuntlakeProcess.start(
            dir,
            Map.of("HUNTLAKE_CLASSPATH", faultyJar.toString()),
            withSettings(concat(ingest, List.of("--master", cluster.masterUrl())), settings))) {
      assertThat(client.waitFor(Duration.ofMinutes(10))).as(client.output()).isEqualTo(1);
      assertThat(client.output())
          .contains("huntlake: Cannot read raw file")
          .contains("fail-read")
          .contains("committed nothing");
    }

    // Cluster mode: the driver fails on its worker with the same message; spark-submit says 0.
    int driversBefore = cluster.completedDrivers().size();
    try (HuntlakeProcess submit =
        HuntlakeProcess.startCommand(
            dir, Map.of(), sparkSubmitCluster(withSettings(ingest, settings)))) {
      assertThat(submit.waitFor(Duration.ofMinutes(10))).as(submit.output()).isZero();
    }
    Map<String, String> drivers = cluster.completedDrivers();
    assertThat(drivers).hasSize(driversBefore + 1);
    String driver = drivers.keySet().stream().sorted().toList().get(drivers.size() - 1);
    assertThat(drivers.get(driver)).isEqualTo("FAILED");
    assertThat(cluster.driverStderr(driver))
        .contains("huntlake: Cannot read raw file")
        .contains("fail-read");
    assertThat(dir.resolve("poisoned/lake/audit_events/_delta_log"))
        .as("nothing was committed")
        .doesNotExist();
  }

  /** spark-submit of the shaded jar in cluster deploy mode, as an Airflow runner would. */
  private static List<String> sparkSubmitCluster(List<String> huntlakeArgs) throws Exception {
    String jvmOptions =
        Files.readAllLines(Projects.root().resolve("jobs/jvm.properties")).stream()
            .filter(l -> l.startsWith("huntlake.jvm.options="))
            .map(l -> l.substring("huntlake.jvm.options=".length()))
            .findFirst()
            .orElseThrow();
    Path shaded;
    try (Stream<Path> jars = Files.list(Projects.root().resolve("target"))) {
      shaded = jars.filter(j -> j.toString().endsWith("-spark.jar")).findFirst().orElseThrow();
    }
    List<String> submit =
        new ArrayList<>(
            List.of(
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                cluster.masterUrl(),
                "--deploy-mode",
                "cluster",
                "--conf",
                "spark.standalone.submit.waitAppCompletion=true",
                "--driver-memory",
                "1g",
                "--driver-java-options",
                jvmOptions,
                "--class",
                HuntlakeCli.class.getName(),
                shaded.toString()));
    submit.addAll(huntlakeArgs);
    return cluster.java(submit);
  }

  private static void executeHere(List<String> args, List<String> settings) {
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = HuntlakeCli.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    int code = cli.execute(withSettings(args, settings).toArray(new String[0]));
    assertThat(code).as("%s\n%s", args, err).isZero();
  }

  private static List<String> commandLine(S3Server.Private s3, String mode) {
    List<String> settings = new ArrayList<>(s3.endpoint().commandLineSettings());
    settings.addAll(storage(mode));
    settings.add("sources.events.enabled=true");
    settings.addAll(EXECUTORS);
    return settings;
  }

  private static List<String> storage(String mode) {
    String root = "s3a://" + BUCKET + "/" + mode;
    return List.of(
        "storage.raw=s3a://" + BUCKET + "/raw",
        "storage.lake=" + lake(mode),
        "storage.archive=" + root + "/archive",
        "storage.reports=" + root + "/reports");
  }

  private static String lake(String mode) {
    return "s3a://" + BUCKET + "/" + mode + "/lake";
  }

  private static List<String> withSettings(List<String> args, List<String> settings) {
    List<String> all = new ArrayList<>(args);
    for (String setting : settings) {
      all.add("--set");
      all.add(setting);
    }
    return all;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The test-only file system as a jar, for the cluster's classpath and the client's. */
  private static Path faultyFileSystemJar(Path jar) throws Exception {
    Path classes = Projects.root().resolve("target/test-classes");
    String folder = FaultyFileSystem.class.getPackageName().replace('.', '/');
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out);
        Stream<Path> files = Files.list(classes.resolve(folder))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("FaultyFileSystem")).toList()) {
        jarOut.putNextEntry(new JarEntry(folder + "/" + file.getFileName()));
        jarOut.write(Files.readAllBytes(file));
        jarOut.closeEntry();
      }
    }
    return jar;
  }
}
