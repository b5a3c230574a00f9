package io.huntlake.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.error.HuntlakeException;
import io.huntlake.table.EvidenceKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's contract: deterministic bytes, every line valid in its declared format, labels
 * that point at events that exist, and volumes within the bounds the README states.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyntheticClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate START = LocalDate.of(2026, 11, 1);
  private static final Pattern CRI =
      Pattern.compile("^(\\S+) (stdout|stderr) ([PF]) (.*)$", Pattern.DOTALL);
  private static final Pattern CONTAINER_FILE =
      Pattern.compile("^([a-z0-9.-]+)_([a-z0-9-]+)_([a-z0-9-]+)-([0-9a-f]{64})\\.log$");
  private static final Pattern CLOUDWATCH =
      Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z) (\\{.*})$");

  @TempDir static Path temp;
  private Path out;
  private JsonNode manifest;
  private final Set<String> auditIds = new HashSet<>();
  private final Set<String> flowKeys = new HashSet<>();
  private final Set<String> logLines = new HashSet<>();
  private final Set<String> eventUids = new HashSet<>();

  /** Scheduler bindings in the audit log and Scheduled events: cluster/namespace/pod → times. */
  private final Map<String, List<Instant>> bindings = new HashMap<>();

  private final Map<String, List<Instant>> scheduledEvents = new HashMap<>();
  private final Map<String, Integer> formats = new TreeMap<>();

  @BeforeAll
  void generateAndReadBack() throws IOException {
    out = temp.resolve("a");
    SyntheticCluster.generate(new SyntheticCluster.Options(out, START, 3, 7, Scale.SMALL, false));
    manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    for (JsonNode file : manifest.get("files")) {
      Path path = out.resolve(file.get("path").asText());
      List<String> lines = GeneratedFiles.lines(path);
      assertThat(lines).as("line count of %s", path).hasSize(file.get("lines").asInt());
      String format = file.get("format").asText();
      formats.merge(format, 1, Integer::sum);
      validate(format, file.get("cluster").asText(), path, lines);
    }
  }

  private void validate(String format, String cluster, Path path, List<String> lines)
      throws IOException {
    switch (format) {
      case "k8s-audit-log" -> {
        for (String line : lines) {
          auditEvent(cluster, JSON.readTree(line), "audit.k8s.io/v1");
        }
      }
      case "eks-cloudwatch" -> {
        for (String line : lines) {
          Matcher m = CLOUDWATCH.matcher(line);
          assertThat(m.matches()).as("CloudWatch export line %s", line).isTrue();
          auditEvent(cluster, JSON.readTree(m.group(2)), "audit.k8s.io/v1");
        }
      }
      case "aks-diagnostic" -> {
        for (String line : lines) {
          JsonNode log = JSON.readTree(line).get("properties").get("log");
          auditEvent(
              cluster, log.isTextual() ? JSON.readTree(log.asText()) : log, "audit.k8s.io/v1");
        }
      }
      case "k8s-audit-eventlist" -> {
        for (String line : lines) {
          JsonNode list = JSON.readTree(line);
          assertThat(list.get("kind").asText()).isEqualTo("EventList");
          assertThat(list.get("items")).isNotEmpty();
          list.get("items").forEach(event -> auditEvent(cluster, event, "audit.k8s.io/v1beta1"));
        }
      }
      case "k8s-event" -> {
        for (String line : lines) {
          coreEvent(cluster, JSON.readTree(line));
        }
      }
      case "eventrouter" -> {
        for (String line : lines) {
          JsonNode record = JSON.readTree(line);
          assertThat(record.get("verb").asText()).isIn("ADDED", "UPDATED");
          coreEvent(cluster, record.get("event"));
          if (record.get("verb").asText().equals("UPDATED")) {
            assertThat(record.get("old_event").get("count").asInt())
                .isEqualTo(record.get("event").get("count").asInt() - 1);
          }
        }
      }
      case "k8s-event-list" -> {
        JsonNode list = JSON.readTree(String.join("\n", lines));
        assertThat(list.get("kind").asText()).isEqualTo("List");
        list.get("items").forEach(event -> coreEvent(cluster, event));
      }
      case "events-k8s-io" -> {
        for (String line : lines) {
          JsonNode event = JSON.readTree(line);
          assertThat(event.get("apiVersion").asText()).isEqualTo("events.k8s.io/v1");
          JsonNode regarding = event.get("regarding");
          Instant time =
              Instant.parse(
                  event.has("series")
                      ? event.get("series").get("lastObservedTime").asText()
                      : event.get("eventTime").asText());
          kubernetesEvent(cluster, event, regarding, time);
        }
      }
      case "cri" -> {
        Matcher name = CONTAINER_FILE.matcher(path.getFileName().toString());
        assertThat(name.matches()).as("CRI file name %s", path.getFileName()).isTrue();
        for (String line : lines) {
          Matcher m = CRI.matcher(line);
          assertThat(m.matches()).as("CRI line in %s", path).isTrue();
          if (m.group(3).equals("F")) {
            logLines.add(
                EvidenceKeys.logLine(
                    name.group(2), name.group(1), name.group(3), Instant.parse(m.group(1))));
          }
        }
      }
      case "docker-json" -> {
        Matcher name = CONTAINER_FILE.matcher(path.getFileName().toString());
        assertThat(name.matches()).isTrue();
        for (String line : lines) {
          JsonNode record = JSON.readTree(line);
          assertThat(record.get("stream").asText()).isIn("stdout", "stderr");
          if (record.get("log").asText().endsWith("\n")) {
            logLines.add(
                EvidenceKeys.logLine(
                    name.group(2),
                    name.group(1),
                    name.group(3),
                    Instant.parse(record.get("time").asText())));
          }
        }
      }
      case "fluent-bit" -> {
        for (String line : lines) {
          JsonNode record = JSON.readTree(line);
          JsonNode k8s = record.get("kubernetes");
          assertThat(record.get("log").asText()).endsWith("\n");
          logLines.add(
              EvidenceKeys.logLine(
                  k8s.get("namespace_name").asText(),
                  k8s.get("pod_name").asText(),
                  k8s.get("container_name").asText(),
                  Instant.parse(record.get("time").asText())));
        }
      }
      case "hubble" -> {
        for (String line : lines) {
          JsonNode flow = JSON.readTree(line).get("flow");
          assertThat(flow.get("verdict").asText()).isIn("FORWARDED", "DROPPED");
          JsonNode l4 = flow.path("l4");
          if (!flow.get("is_reply").asBoolean() && !l4.isMissingNode()) {
            String protocol = l4.fieldNames().next();
            JsonNode ports = l4.get(protocol);
            flowKeys.add(
                EvidenceKeys.flowKey(
                    Instant.parse(flow.get("time").asText()),
                    flow.get("IP").get("source").asText(),
                    ports.get("source_port").asInt(),
                    flow.get("IP").get("destination").asText(),
                    ports.get("destination_port").asInt(),
                    protocol));
          }
        }
      }
      case "vpc-flow-v2", "vpc-flow-custom" -> {
        List<String> header = List.of(lines.get(0).split(" "));
        assertThat(header)
            .contains(
                "srcaddr",
                "dstaddr",
                "srcport",
                "dstport",
                "protocol",
                "bytes",
                "packets",
                "start");
        for (String line : lines.subList(1, lines.size())) {
          String[] fields = line.split(" ");
          assertThat(fields).as("fields of %s", line).hasSameSizeAs(header.toArray());
          Map<String, String> record = new HashMap<>();
          for (int i = 0; i < fields.length; i++) {
            record.put(header.get(i), fields[i]);
          }
          flowKeys.add(
              EvidenceKeys.flowKey(
                  Instant.ofEpochSecond(Long.parseLong(record.get("start"))),
                  record.get("srcaddr"),
                  Integer.parseInt(record.get("srcport")),
                  record.get("dstaddr"),
                  Integer.parseInt(record.get("dstport")),
                  record.get("protocol").equals("6") ? "TCP" : "UDP"));
        }
      }
      default -> throw new AssertionError("undeclared format " + format + " for " + path);
    }
  }

  private void coreEvent(String cluster, JsonNode event) {
    assertThat(event.get("apiVersion").asText()).isEqualTo("v1");
    assertThat(event.get("count").asInt()).isPositive();
    Instant first = Instant.parse(event.get("firstTimestamp").asText());
    Instant last = Instant.parse(event.get("lastTimestamp").asText());
    assertThat(first).isBeforeOrEqualTo(last);
    kubernetesEvent(cluster, event, event.get("involvedObject"), last);
  }

  private void kubernetesEvent(String cluster, JsonNode event, JsonNode object, Instant time) {
    assertThat(event.get("kind").asText()).isEqualTo("Event");
    assertThat(event.get("type").asText()).isIn("Normal", "Warning");
    assertThat(event.get("reason").asText()).isNotBlank();
    assertThat(object.get("kind").asText()).isNotBlank();
    eventUids.add(event.get("metadata").get("uid").asText());
    if (event.get("reason").asText().equals("Scheduled")) {
      scheduledEvents
          .computeIfAbsent(
              cluster + "/" + object.get("namespace").asText() + "/" + object.get("name").asText(),
              k -> new java.util.ArrayList<>())
          .add(time);
    }
  }

  private void auditEvent(String cluster, JsonNode event, String apiVersion) {
    assertThat(event.get("kind").asText()).isEqualTo("Event");
    assertThat(event.get("apiVersion").asText()).isEqualTo(apiVersion);
    assertThat(event.get("stage").asText()).isIn("ResponseStarted", "ResponseComplete");
    assertThat(event.get("verb").asText()).isNotBlank();
    assertThat(event.get("user").get("username").asText()).isNotBlank();
    assertThat(event.get("responseStatus").get("code").asInt()).isBetween(100, 599);
    Instant received = Instant.parse(event.get("requestReceivedTimestamp").asText());
    auditIds.add(event.get("auditID").asText());
    JsonNode ref = event.path("objectRef");
    if (event.get("verb").asText().equals("create")
        && ref.path("resource").asText().equals("pods")
        && ref.path("subresource").asText().equals("binding")) {
      bindings
          .computeIfAbsent(
              cluster + "/" + ref.get("namespace").asText() + "/" + ref.get("name").asText(),
              k -> new java.util.ArrayList<>())
          .add(received);
    }
  }

  @Test
  void sameSeedGivesByteIdenticalOutput() throws IOException {
    Path again = temp.resolve("b");
    SyntheticCluster.generate(new SyntheticCluster.Options(again, START, 3, 7, Scale.SMALL, false));
    assertThat(digests(again)).isEqualTo(digests(out));
    Path otherSeed = temp.resolve("c");
    SyntheticCluster.generate(
        new SyntheticCluster.Options(otherSeed, START, 3, 8, Scale.SMALL, false));
    assertThat(digests(otherSeed)).isNotEqualTo(digests(out));
  }

  @Test
  void writesEverySourceFormatAndCompression() {
    assertThat(formats.keySet())
        .containsExactlyInAnyOrder(
            "k8s-audit-log",
            "eks-cloudwatch",
            "aks-diagnostic",
            "k8s-audit-eventlist",
            "cri",
            "docker-json",
            "fluent-bit",
            "hubble",
            "vpc-flow-v2",
            "vpc-flow-custom",
            "k8s-event",
            "events-k8s-io",
            "eventrouter",
            "k8s-event-list");
    List<String> paths = manifest.findValuesAsText("path");
    assertThat(paths)
        .anyMatch(p -> p.endsWith(".gz"))
        .anyMatch(p -> p.endsWith(".zst"))
        .anyMatch(p -> p.endsWith("audit.log"));
    assertThat(paths)
        .allMatch(
            p ->
                p.matches("(audit|container|flow|events)/dt=2026-11-0[123]/cluster=[a-z0-9-]+/.+"));
  }

  @Test
  void criLinesLongerThanTheRuntimeBufferAreSplitIntoPartials() throws IOException {
    long partials = 0;
    try (Stream<Path> files = Files.walk(out.resolve("container"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        for (String line : GeneratedFiles.lines(file)) {
          Matcher m = CRI.matcher(line);
          if (m.matches() && m.group(3).equals("P")) {
            partials++;
            assertThat(m.group(4).length()).isEqualTo(ContainerWriter.RUNTIME_LINE_LIMIT);
          }
        }
      }
    }
    assertThat(partials).isPositive();
  }

  @Test
  void labelsPointAtEventsThatExist() throws IOException {
    List<JsonNode> labels =
        Files.readAllLines(out.resolve("labels.jsonl")).stream().map(this::parse).toList();
    assertThat(labels).hasSizeGreaterThanOrEqualTo(10);
    assertThat(labels.stream().map(l -> l.get("scenario").asText()).distinct())
        .hasSameSizeAs(labels);
    for (JsonNode label : labels) {
      assertThat(label.get("entity_type").asText()).isIn("user", "workload", "flow_edge");
      assertThat(LocalDate.parse(label.get("date").asText())).isAfter(START);
      JsonNode evidence = label.get("evidence");
      int evidenceCount =
          evidence.get("audit_ids").size()
              + evidence.get("flow_keys").size()
              + evidence.get("log_lines").size()
              + evidence.get("k8s_events").size();
      assertThat(evidenceCount).as("evidence of %s", label.get("scenario")).isPositive();
      evidence
          .get("audit_ids")
          .forEach(
              id ->
                  assertThat(auditIds)
                      .as("audit id of %s", label.get("scenario"))
                      .contains(id.asText()));
      evidence
          .get("flow_keys")
          .forEach(
              key ->
                  assertThat(flowKeys)
                      .as("flow of %s", label.get("scenario"))
                      .contains(key.asText()));
      evidence
          .get("log_lines")
          .forEach(
              key ->
                  assertThat(logLines)
                      .as("log line of %s", label.get("scenario"))
                      .contains(key.asText()));
      evidence
          .get("k8s_events")
          .forEach(
              uid ->
                  assertThat(eventUids)
                      .as("Kubernetes Event of %s", label.get("scenario"))
                      .contains(uid.asText()));
      if (label.get("kind").asText().equals("attack")) {
        assertThat(label.get("attack")).isNotEmpty();
        label.get("attack").forEach(t -> assertThat(t.asText()).matches("T\\d{4}(\\.\\d{3})?"));
      }
    }
  }

  /**
   * The Kubernetes Events tell the audit log's story: every pod the scheduler reports as Scheduled
   * was bound to its node in the audit log of the same cluster, seconds before.
   */
  @Test
  void eventsAgreeWithTheAuditLog() {
    assertThat(scheduledEvents).hasSizeGreaterThan(20);
    scheduledEvents.forEach(
        (pod, times) -> {
          List<Instant> bound = bindings.get(pod);
          assertThat(bound).as("scheduler binding of %s in the audit log", pod).isNotNull();
          for (Instant time : times) {
            assertThat(bound)
                .as("binding of %s within seconds before its Scheduled event at %s", pod, time)
                .anyMatch(b -> !b.isAfter(time.plusSeconds(1)) && b.isAfter(time.minusSeconds(5)));
          }
        });
  }

  @Test
  void secretsInAuditBodiesCarryRealisticData() throws IOException {
    long secretsWithData = 0;
    try (Stream<Path> files = Files.walk(out.resolve("audit"))) {
      for (Path file :
          files
              .filter(f -> f.toString().contains("cluster=prod-eu-1") && Files.isRegularFile(f))
              .toList()) {
        secretsWithData +=
            GeneratedFiles.lines(file).stream()
                .filter(l -> l.contains("\"kind\":\"Secret\"") && l.contains("\"data\":{"))
                .count();
      }
    }
    assertThat(secretsWithData).isPositive();
  }

  @Test
  void smallVolumesStayWithinTheStatedBounds() {
    JsonNode totals = manifest.get("totals");
    for (String day : List.of("2026-11-01", "2026-11-02", "2026-11-03")) {
      long audit = totals.get("audit").get(day).get("uncompressed_bytes").asLong();
      long all =
          audit
              + totals.get("container").get(day).get("uncompressed_bytes").asLong()
              + totals.get("flow").get(day).get("uncompressed_bytes").asLong();
      assertThat(audit).as("small audit bytes on %s", day).isBetween(1_000_000L, 8_000_000L);
      assertThat(all).as("small total bytes on %s", day).isBetween(2_000_000L, 15_000_000L);
    }
  }

  @Test
  void mediumDayIsBetweenTenAndForty() throws IOException {
    Path medium = temp.resolve("medium");
    SyntheticCluster.generate(
        new SyntheticCluster.Options(medium, START, 1, 42, Scale.MEDIUM, false));
    long bytes = 0;
    for (JsonNode file : JSON.readTree(medium.resolve("manifest.json").toFile()).get("files")) {
      bytes += file.get("uncompressed_bytes").asLong();
    }
    assertThat(bytes).as("medium bytes per day").isBetween(10_000_000L, 40_000_000L);
  }

  @Test
  void refusesToMixDataSets() {
    assertThatThrownBy(
            () ->
                SyntheticCluster.generate(
                    new SyntheticCluster.Options(out, START, 1, 7, Scale.SMALL, false)))
        .isInstanceOf(HuntlakeException.class)
        .hasMessageContaining("is not empty")
        .hasMessageContaining("--overwrite");
  }

  @Test
  void scenariosWaitForTheWarmUpAndLeaveQuietDays() {
    SyntheticCluster.Options threeWeeks =
        new SyntheticCluster.Options(temp.resolve("unused"), START, 21, 42, Scale.MEDIUM, false);
    Map<String, List<Scenarios.Scenario>> schedule = SyntheticCluster.schedule(threeWeeks);
    Set<String> days = new HashSet<>();
    schedule.keySet().forEach(key -> days.add(key.substring(key.indexOf('/') + 1)));
    assertThat(days).allMatch(d -> !LocalDate.parse(d).isBefore(START.plusDays(7)));
    assertThat(days.size()).as("days with a scenario out of 14 after warm-up").isBetween(8, 12);
    assertThat(schedule.values().stream().mapToInt(List::size).sum())
        .isEqualTo(Scenarios.ALL.size());
  }

  private JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> digests(Path root) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        try {
          digests.put(
              root.relativize(file).toString(),
              HexFormat.of()
                  .formatHex(
                      MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return digests;
  }
}
