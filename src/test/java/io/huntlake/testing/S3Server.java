package io.huntlake.testing;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: a real S3-compatible server (s3proxy, filesystem provider, SigV4) on a free
 * loopback port, started once per test run in its own JVM and stopped at the end. Tests take an
 * {@link S3Server.Endpoint} parameter and create the buckets they need (s3a never creates them).
 */
public final class S3Server implements ParameterResolver {
  public static final String ACCESS_KEY = "huntlake-test-access";
  public static final String SECRET_KEY = "huntlake-test-secret-do-not-print";

  /** Where the server listens, and a client for bucket management. */
  public record Endpoint(String url, AmazonS3 client) {
    public void createBucket(String bucket) {
      if (!client.doesBucketExistV2(bucket)) {
        client.createBucket(bucket);
      }
    }

    /** Config overrides that point HuntLake's s3a at this server (in-process use only). */
    public List<String> settings() {
      return List.of(
          "s3.endpoint=" + url,
          "s3.path_style_access=true",
          "s3.ssl_enabled=false",
          "s3.region=us-east-1",
          "s3.access_key=" + ACCESS_KEY,
          "s3.secret_key=" + SECRET_KEY,
          "s3.credentials_provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    }

    /**
     * The same for a command line: the keys are read from the environment ({@link #environment()}),
     * so they never appear in the process list.
     */
    public List<String> commandLineSettings() {
      return settings().stream()
          .map(
              s ->
                  s.startsWith("s3.access_key=")
                      ? "s3.access_key=${env:" + ACCESS_KEY_VARIABLE + "}"
                      : s.startsWith("s3.secret_key=")
                          ? "s3.secret_key=${env:" + SECRET_KEY_VARIABLE + "}"
                          : s)
          .toList();
    }

    /** The environment a process given {@link #commandLineSettings()} needs. */
    public java.util.Map<String, String> environment() {
      return java.util.Map.of(ACCESS_KEY_VARIABLE, ACCESS_KEY, SECRET_KEY_VARIABLE, SECRET_KEY);
    }
  }

  /** Copies a generated raw folder's sources up to {@code target} (an s3a:// URI). */
  public static void upload(org.apache.hadoop.conf.Configuration hadoop, Path raw, String target)
      throws IOException {
    org.apache.hadoop.fs.Path to = new org.apache.hadoop.fs.Path(target);
    org.apache.hadoop.fs.FileSystem fs = to.getFileSystem(hadoop);
    for (io.huntlake.source.LogSource each : io.huntlake.source.LogSource.values()) {
      String source = each.id();
      if (!java.nio.file.Files.isDirectory(raw.resolve(source))) {
        continue;
      }
      fs.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(raw.resolve(source).toUri()),
          new org.apache.hadoop.fs.Path(to, source));
    }
  }

  /** The lock of the shared session's s3a endpoint settings, for classes that change them. */
  public static final String SESSION_ENDPOINT = "huntlake.shared-session.s3a-endpoint";

  public static final String ACCESS_KEY_VARIABLE = "HUNTLAKE_TEST_S3_ACCESS_KEY";
  public static final String SECRET_KEY_VARIABLE = "HUNTLAKE_TEST_S3_SECRET_KEY";

  /**
   * A server of the test's own, to stop and start again (an outage) without disturbing the other
   * tests' server; it keeps its port and its data across restarts.
   */
  public static final class Private implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Running running;

    private Private(int port, Path dir) {
      this.port = port;
      this.dir = dir;
    }

    public static Private start() {
      try {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
          port = socket.getLocalPort();
        }
        Private server = new Private(port, Files.createTempDirectory("huntlake-s3proxy-private"));
        server.restart();
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public Endpoint endpoint() {
      return running.endpoint;
    }

    /** Stops the server at once, as an outage would. */
    public void stop() throws InterruptedException {
      running.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public void restart() {
      running = S3Server.start(port, dir);
    }

    @Override
    public void close() throws InterruptedException {
      running.close();
    }
  }

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(S3Server.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Endpoint.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", key -> start(), Running.class)
        .endpoint;
  }

  private static Running start() {
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      return start(port, Files.createTempDirectory("huntlake-s3proxy"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Running start(int port, Path dir) {
    Path jar = Path.of(System.getProperty("huntlake.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "s3proxy jar not found at "
              + jar
              + "; run the tests through Maven (mvn verify), which copies it there");
    }
    try {
      Path data = Files.createDirectories(dir.resolve("data"));
      Path properties = dir.resolve("s3proxy.properties");
      String url = "http://127.0.0.1:" + port;
      Files.writeString(
          properties,
          String.join(
              "\n",
              "s3proxy.endpoint=" + url,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + ACCESS_KEY,
              "s3proxy.credential=" + SECRET_KEY,
              "jclouds.provider=filesystem",
              "jclouds.filesystem.basedir=" + data,
              ""));
      Path logback = dir.resolve("logback.xml");
      try (var in = S3Server.class.getResourceAsStream("/s3proxy-logback.xml")) {
        Files.write(logback, in.readAllBytes());
      }
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-Dlogback.configurationFile=" + logback,
                  "-jar",
                  jar.toString(),
                  "--properties",
                  properties.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("s3proxy.log").toFile())
              .start();
      waitUntilUp(url, process, dir.resolve("s3proxy.log"));
      AmazonS3 client =
          AmazonS3ClientBuilder.standard()
              .withEndpointConfiguration(
                  new AwsClientBuilder.EndpointConfiguration(url, "us-east-1"))
              .withPathStyleAccessEnabled(true)
              .withCredentials(
                  new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
              .build();
      return new Running(process, new Endpoint(url, client));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void waitUntilUp(String url, Process process, Path log) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("s3proxy exited at start:\n" + Files.readString(log));
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) new URL(url + "/").openConnection();
        connection.setConnectTimeout(500);
        connection.getResponseCode();
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException("s3proxy did not start within 60 s:\n" + Files.readString(log));
  }

  /** Stops the server when the test run ends. */
  private record Running(Process process, Endpoint endpoint)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws InterruptedException {
      endpoint.client().shutdown();
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
