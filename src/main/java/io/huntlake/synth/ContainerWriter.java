package io.huntlake.synth;

import io.huntlake.synth.LineSink.FileEntry;
import io.huntlake.synth.Model.LogShipping;
import io.huntlake.synth.Model.Node;
import io.huntlake.synth.Model.Pod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one cluster-day of container log lines the way each node's runtime or shipper archives
 * them: CRI files and Docker json-file logs named like {@code
 * /var/log/containers/<pod>_<ns>_<container>-<id>.log} (lines over 16 KiB split into partial
 * records, as the runtimes do), or Fluent Bit records with a {@code kubernetes} block, one gzip
 * file per node.
 */
final class ContainerWriter {
  /** containerd and Docker split a line into records of at most this many bytes. */
  static final int RUNTIME_LINE_LIMIT = 16 * 1024;

  private static final DateTimeFormatter NANOS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private ContainerWriter() {}

  static String nanos(Instant instant) {
    return NANOS.format(instant);
  }

  static List<FileEntry> write(
      Path root, ClusterModel cluster, LocalDate date, List<LogLine> lines) {
    String directory = "container/dt=" + date + "/cluster=" + cluster.name() + "/";
    Map<String, List<LogLine>> byFile = new LinkedHashMap<>();
    lines.sort(
        Comparator.comparing(LogLine::time)
            .thenComparing(l -> l.pod().name())
            .thenComparing(LogLine::message));
    for (LogLine line : lines) {
      Pod pod = line.pod();
      Node node = pod.node();
      String file =
          node.shipping() == LogShipping.FLUENT_BIT
              ? "fluent-bit/" + node.name() + ".jsonl.gz"
              : "node="
                  + node.name()
                  + "/"
                  + pod.name()
                  + "_"
                  + pod.workload().namespace()
                  + "_"
                  + line.container()
                  + "-"
                  + pod.containerIds().getOrDefault(line.container(), "0".repeat(64))
                  + ".log";
      byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(line);
    }
    List<FileEntry> entries = new ArrayList<>();
    byFile.keySet().stream()
        .sorted()
        .forEach(
            file -> {
              List<LogLine> fileLines = byFile.get(file);
              LogShipping shipping = fileLines.get(0).pod().node().shipping();
              String format =
                  switch (shipping) {
                    case CRI -> "cri";
                    case DOCKER_JSON -> "docker-json";
                    case FLUENT_BIT -> "fluent-bit";
                  };
              try (LineSink sink =
                  new LineSink(
                      root,
                      directory + file,
                      "container",
                      format,
                      cluster.name(),
                      date.toString())) {
                for (LogLine line : fileLines) {
                  switch (shipping) {
                    case CRI -> cri(sink, line);
                    case DOCKER_JSON -> docker(sink, line);
                    case FLUENT_BIT -> sink.line(fluentBit(line), 1);
                  }
                }
                sink.close();
                entries.add(sink.entry());
              }
            });
    return entries;
  }

  /**
   * `<ts> <stream>
   *
   * <P|F><text>`; a long line becomes P records and a final F record.
   */
  private static void cri(LineSink sink, LogLine line) {
    List<String> chunks = chunks(line.message());
    String prefix = nanos(line.time()) + " " + line.stream() + " ";
    for (int i = 0; i < chunks.size(); i++) {
      boolean last = i == chunks.size() - 1;
      sink.line(prefix + (last ? "F " : "P ") + chunks.get(i), last ? 1 : 0);
    }
  }

  /** Docker's json-file driver: a newline ends a line; a split line's parts lack it. */
  private static void docker(LineSink sink, LogLine line) {
    List<String> chunks = chunks(line.message());
    for (int i = 0; i < chunks.size(); i++) {
      boolean last = i == chunks.size() - 1;
      sink.line(
          "{\"log\":"
              + AuditJson.quote(chunks.get(i) + (last ? "\n" : ""))
              + ",\"stream\":\""
              + line.stream()
              + "\",\"time\":\""
              + nanos(line.time())
              + "\"}",
          last ? 1 : 0);
    }
  }

  private static String fluentBit(LogLine line) {
    Pod pod = line.pod();
    String containerId = pod.containerIds().getOrDefault(line.container(), "0".repeat(64));
    double epoch = line.time().getEpochSecond() + line.time().getNano() / 1e9;
    return "{\"date\":"
        + String.format(java.util.Locale.ROOT, "%.6f", epoch)
        + ",\"log\":"
        + AuditJson.quote(line.message() + "\n")
        + ",\"stream\":\""
        + line.stream()
        + "\",\"time\":\""
        + nanos(line.time())
        + "\""
        + ",\"kubernetes\":{\"pod_name\":\""
        + pod.name()
        + "\",\"namespace_name\":\""
        + pod.workload().namespace()
        + "\",\"pod_id\":\""
        + pod.uid()
        + "\",\"labels\":{\"app.kubernetes.io/name\":\""
        + pod.workload().name()
        + "\"},\"host\":\""
        + pod.node().name()
        + "\",\"container_name\":\""
        + line.container()
        + "\",\"docker_id\":\""
        + containerId
        + "\",\"container_image\":"
        + AuditJson.quote(pod.workload().image())
        + "}}";
  }

  /** Splits text into pieces of at most {@link #RUNTIME_LINE_LIMIT} UTF-8 bytes. */
  static List<String> chunks(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= RUNTIME_LINE_LIMIT) {
      return List.of(text);
    }
    List<String> chunks = new ArrayList<>();
    for (int offset = 0; offset < bytes.length; offset += RUNTIME_LINE_LIMIT) {
      // Generated long lines are ASCII, so byte boundaries are character boundaries.
      chunks.add(
          new String(
              bytes,
              offset,
              Math.min(RUNTIME_LINE_LIMIT, bytes.length - offset),
              StandardCharsets.UTF_8));
    }
    return chunks;
  }
}
