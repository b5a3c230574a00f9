package io.huntlake.synth;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huntlake.error.Errors;
import io.huntlake.synth.LineSink.FileEntry;
import io.huntlake.synth.Model.ClusterSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The synthetic estate generator behind {@code huntlake generate}: four clusters (kubeadm, EKS,
 * AKS, k3s) whose raw logs are written in the formats and layout ingest reads ({@code
 * <out>/<source>/dt=<date>/cluster=<name>/...}), with labelled attack scenarios, {@code
 * labels.jsonl} and {@code manifest.json}. Deterministic: the same options give the same bytes.
 * Cluster-days are generated in parallel on all cores.
 */
public final class SyntheticCluster {
  /** What to generate. */
  public record Options(
      Path out, LocalDate start, int days, long seed, Scale scale, boolean overwrite) {
    public Options {
      if (days < 1) {
        throw Errors.badArgument("--days", days + " is less than 1", "Generate at least one day.");
      }
    }
  }

  /** What was generated, for the command's summary. */
  public record Summary(
      Path out, int files, Map<String, long[]> perSource, int labels, List<String> scenarios) {}

  /** Days before the first scenario, so that baselines have history to compare against. */
  static int warmupDays(int days) {
    return days >= 10 ? 7 : days / 2;
  }

  private SyntheticCluster() {}

  public static Summary generate(Options options) {
    prepare(options);
    List<ClusterModel> clusters =
        Catalogue.CLUSTERS.stream()
            .map(
                spec ->
                    ClusterModel.build(
                        spec, options.scale(), options.seed(), options.start(), options.days()))
            .toList();
    Map<String, List<Scenarios.Scenario>> schedule = schedule(options);
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<DayGenerator.Result>> results = new ArrayList<>();
    try {
      for (int day = 0; day < options.days(); day++) {
        LocalDate date = options.start().plusDays(day);
        for (ClusterModel cluster : clusters) {
          List<Scenarios.Scenario> today =
              schedule.getOrDefault(cluster.name() + "/" + date, List.of());
          results.add(
              pool.submit(() -> DayGenerator.generate(options.out(), cluster, date, today)));
        }
      }
      List<FileEntry> files = new ArrayList<>();
      List<Label> labels = new ArrayList<>();
      for (Future<DayGenerator.Result> result : results) {
        DayGenerator.Result done = result.get();
        files.addAll(done.files());
        labels.addAll(done.labels());
      }
      files.sort(Comparator.comparing(FileEntry::path));
      labels.sort(Comparator.comparing(Label::date).thenComparing(Label::scenario));
      writeLabels(options.out(), labels);
      writeManifest(options, files, labels);
      return summary(options.out(), files, labels);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("generation interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Assigns each scenario a day after the warm-up, spread so that some days stay quiet; which
   * scenario lands on which day depends on the seed.
   */
  static Map<String, List<Scenarios.Scenario>> schedule(Options options) {
    int warmup = warmupDays(options.days());
    int eligible = options.days() - warmup;
    List<Scenarios.Scenario> order = new ArrayList<>(Scenarios.ALL);
    Rng rng = Rng.of(options.seed(), "scenario-order");
    for (int i = order.size() - 1; i > 0; i--) {
      java.util.Collections.swap(order, i, rng.nextInt(i + 1));
    }
    Map<String, List<Scenarios.Scenario>> schedule = new TreeMap<>();
    for (int i = 0; i < order.size(); i++) {
      int day = warmup + (int) ((long) i * eligible / order.size());
      Scenarios.Scenario scenario = order.get(i);
      schedule
          .computeIfAbsent(
              scenario.cluster() + "/" + options.start().plusDays(day), k -> new ArrayList<>())
          .add(scenario);
    }
    return schedule;
  }

  private static void prepare(Options options) {
    Path out = options.out();
    try {
      if (Files.isDirectory(out)) {
        boolean empty;
        try (Stream<Path> entries = Files.list(out)) {
          empty = entries.findAny().isEmpty();
        }
        if (!empty) {
          if (!options.overwrite()) {
            throw Errors.outputDirectoryNotEmpty(out);
          }
          deleteTree(out);
        }
      }
      Files.createDirectories(out);
    } catch (IOException e) {
      throw Errors.cannotWrite(out, e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(root)) {
          Files.delete(path);
        }
      }
    }
  }

  private static void writeLabels(Path out, List<Label> labels) {
    StringBuilder text = new StringBuilder();
    try {
      for (Label label : labels) {
        text.append(AuditJson.MAPPER.writeValueAsString(labelJson(label))).append('\n');
      }
      Files.writeString(out.resolve("labels.jsonl"), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.cannotWrite(out.resolve("labels.jsonl"), e);
    }
  }

  private static ObjectNode labelJson(Label label) {
    ObjectNode node = AuditJson.MAPPER.createObjectNode();
    node.put("scenario", label.scenario());
    node.put("title", label.title());
    node.put("kind", label.kind());
    label.attack().forEach(node.putArray("attack")::add);
    if (label.attack().isEmpty()) {
      node.putArray("attack");
    }
    node.put("entity_type", label.entityType());
    node.put("entity_id", label.entityId());
    node.put("cluster", label.cluster());
    node.put("namespace", label.namespace());
    node.put("date", label.date().toString());
    node.put("start", label.start().toString());
    node.put("end", label.end().toString());
    ObjectNode evidence = node.putObject("evidence");
    ArrayNode audit = evidence.putArray("audit_ids");
    label.auditIds().forEach(audit::add);
    ArrayNode flows = evidence.putArray("flow_keys");
    label.flowKeys().forEach(flows::add);
    ArrayNode logs = evidence.putArray("log_lines");
    label.logLines().forEach(logs::add);
    ArrayNode events = evidence.putArray("k8s_events");
    label.eventUids().forEach(events::add);
    node.put("description", label.description());
    return node;
  }

  private static void writeManifest(Options options, List<FileEntry> files, List<Label> labels) {
    ObjectNode manifest = AuditJson.MAPPER.createObjectNode();
    manifest.put("generator", "huntlake generate");
    manifest.put("seed", options.seed());
    manifest.put("scale", options.scale().id());
    manifest.put("start", options.start().toString());
    manifest.put("days", options.days());
    ArrayNode clusters = manifest.putArray("clusters");
    for (ClusterSpec spec : Catalogue.CLUSTERS) {
      clusters
          .addObject()
          .put("name", spec.name())
          .put("flavor", spec.flavor().name().toLowerCase(java.util.Locale.ROOT));
    }
    manifest.put("labels", labels.size());
    ObjectNode totals = manifest.putObject("totals");
    Map<String, Map<String, long[]>> bySourceDay = new TreeMap<>();
    for (FileEntry file : files) {
      long[] sums =
          bySourceDay
              .computeIfAbsent(file.source(), s -> new TreeMap<>())
              .computeIfAbsent(file.date(), d -> new long[4]);
      sums[0]++;
      sums[1] += file.lines();
      sums[2] += file.events();
      sums[3] += file.uncompressedBytes();
    }
    bySourceDay.forEach(
        (source, days) -> {
          ObjectNode perDay = totals.putObject(source);
          days.forEach(
              (day, sums) ->
                  perDay
                      .putObject(day)
                      .put("files", sums[0])
                      .put("lines", sums[1])
                      .put("events", sums[2])
                      .put("uncompressed_bytes", sums[3]));
        });
    ArrayNode list = manifest.putArray("files");
    for (FileEntry file : files) {
      list.addObject()
          .put("path", file.path())
          .put("source", file.source())
          .put("format", file.format())
          .put("cluster", file.cluster())
          .put("date", file.date())
          .put("lines", file.lines())
          .put("events", file.events())
          .put("uncompressed_bytes", file.uncompressedBytes())
          .put("stored_bytes", file.storedBytes());
    }
    try {
      Files.writeString(
          options.out().resolve("manifest.json"),
          AuditJson.MAPPER
                  .copy()
                  .enable(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(manifest)
              + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Summary summary(Path out, List<FileEntry> files, List<Label> labels) {
    Map<String, long[]> perSource = new TreeMap<>();
    for (FileEntry file : files) {
      long[] sums = perSource.computeIfAbsent(file.source(), s -> new long[4]);
      sums[0]++;
      sums[1] += file.events();
      sums[2] += file.uncompressedBytes();
      sums[3] += file.storedBytes();
    }
    return new Summary(
        out,
        files.size(),
        perSource,
        labels.size(),
        labels.stream()
            .map(
                l ->
                    l.date()
                        + " "
                        + l.cluster()
                        + " "
                        + l.scenario()
                        + " -> "
                        + l.entityType()
                        + " "
                        + l.entityId())
            .toList());
  }
}
