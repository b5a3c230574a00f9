package io.huntlake.testing;

import io.huntlake.config.ConfigLoader;
import io.huntlake.config.HuntlakeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/** A raw archive and lake in a temporary folder, with helpers to lay out files and audit events. */
public final class RawLogs {
  private final Path root;

  public RawLogs(Path root) {
    this.root = root;
  }

  public Path raw() {
    return root.resolve("raw");
  }

  public Path lake() {
    return root.resolve("lake");
  }

  /**
   * A config whose storage lives under this folder; extra {@code key=value} overrides apply last.
   */
  public HuntlakeConfig config(String... overrides) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "storage.raw=" + raw(),
                "storage.lake=" + lake(),
                "storage.archive=" + root.resolve("archive"),
                "storage.reports=" + root.resolve("reports")));
    all.addAll(List.of(overrides));
    return new ConfigLoader(Map.of(), root).load(Optional.empty(), all);
  }

  /** Writes {@code <raw>/<source>/dt=<date>/cluster=<cluster>/<name>}. */
  public Path write(String source, LocalDate date, String cluster, String name, byte[] content) {
    Path file =
        raw().resolve(source).resolve("dt=" + date).resolve("cluster=" + cluster).resolve(name);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  public Path write(String source, LocalDate date, String cluster, String name, String content) {
    return write(source, date, cluster, name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Copies a folder of raw logs, tree and all (a test's own variant of a generated day). */
  public static void copyTree(java.nio.file.Path from, java.nio.file.Path to)
      throws java.io.IOException {
    try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(from)) {
      for (java.nio.file.Path path : paths.toList()) {
        java.nio.file.Path target = to.resolve(from.relativize(path).toString());
        if (java.nio.file.Files.isDirectory(path)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(path, target);
        }
      }
    }
  }

  public static byte[] gzip(String content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A minimal but complete audit.k8s.io/v1 event; {@code extraFields} is spliced in as JSON. */
  public static String auditEvent(
      String auditId,
      String stage,
      Instant received,
      String verb,
      String resource,
      String extraFields) {
    return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\",\"auditID\":\""
        + auditId
        + "\",\"stage\":\""
        + stage
        + "\",\"requestURI\":\"/api/v1/namespaces/default/"
        + resource
        + "\",\"verb\":\""
        + verb
        + "\",\"user\":{\"username\":\"alice@corp.example\",\"groups\":[\"system:authenticated\"]},\"sourceIPs\":[\"10.8.0.21\"],"
        + "\"userAgent\":\"kubectl/v1.30.2\",\"objectRef\":{\"resource\":\""
        + resource
        + "\",\"namespace\":\"default\",\"apiVersion\":\"v1\"},"
        + "\"responseStatus\":{\"metadata\":{},\"code\":200},\"requestReceivedTimestamp\":\""
        + received
        + "\",\"stageTimestamp\":\""
        + received.plusMillis(5)
        + "\""
        + (extraFields == null ? "" : "," + extraFields)
        + "}";
  }

  public static String auditEvent(String auditId, Instant received) {
    return auditEvent(auditId, "ResponseComplete", received, "get", "pods", null);
  }
}
