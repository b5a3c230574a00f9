package io.huntlake.testing;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.ingest.IngestJob;
import io.huntlake.ingest.IngestReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The public samples of ../shared/corpus ingested into a lake, as they would arrive: one archive
 * day, every file under its source. Callers skip when {@link Projects#corpus()} is empty.
 */
public record CorpusLake(
    HuntlakeConfig config, IngestReport report, Map<String, Long> linesPerFile) {
  /** The archive day the samples are filed under (their events keep their own times). */
  public static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  public static CorpusLake ingest(SparkSession spark, Path corpus, Path dir) throws IOException {
    RawLogs logs = new RawLogs(dir);
    // The samples are years old, written into one folder as a backfill of old logs would be.
    HuntlakeConfig config = logs.config("ingest.event_days_before=4000");
    Map<String, Long> linesPerFile = new HashMap<>();
    for (String source : java.util.List.of("audit", "container", "flow")) {
      try (Stream<Path> files = Files.walk(corpus.resolve(source))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String name = file.getFileName().toString();
          if (name.endsWith(".manifest.jsonl") || name.equals("README.md")) {
            continue;
          }
          byte[] bytes = Files.readAllBytes(file);
          if (name.equals("elastic_ingress_nginx_access_raw.log")) {
            bytes = asCri(bytes);
            name =
                "ingress-nginx-controller-5c8d66c76d-k7n2p_ingress-nginx_controller-"
                    + "0f".repeat(32)
                    + ".log";
          }
          logs.write(source, DAY, "corpus", name, bytes);
          linesPerFile.put(name, lines(bytes));
        }
      }
    }
    IngestReport report = new IngestJob().run(spark, config, DAY, config.enabledSources(), false);
    return new CorpusLake(config, report, linesPerFile);
  }

  /** The nginx sample is a container's payload: wrap it in CRI lines as containerd would. */
  private static byte[] asCri(byte[] payload) {
    String[] lines = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i == lines.length - 1 && lines[i].isEmpty()) {
        break;
      }
      out.append(String.format("2025-06-01T12:00:%02d.000000000Z stdout F %s%n", i % 60, lines[i]));
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long lines(byte[] bytes) {
    long newlines = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        newlines++;
      }
    }
    return bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? newlines + 1 : newlines;
  }
}
