package io.huntlake.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The benchmark's container and flow shapes, written independently of HuntLake's own generator.
 *
 * <p>Container logs: kubelet CRI files under {@code /var/log/containers} naming, one per container
 * (plain, as the kubelet writes the current file), lines of what services print: JSON access and
 * application logs, nginx-style access lines, Java stack traces, long lines the runtime split into
 * partial ({@code P}) records, and now and then a bearer token or a password in a URL (so the
 * redactor has work).
 *
 * <p>Flows: Cilium Hubble exporter JSON ({@code {"flow": {...}, "node_name", "time"}}), one gzip
 * file per node, with endpoints, labels, workloads, L4 ports and flags, verdicts and drop reasons.
 *
 * <p>Usage: ContainerFlowDay OUT_DIR CONTAINER_MB FLOW_MB SEED (writes
 * OUT_DIR/container/dt=2026-11-03/cluster=cf-1/node=NODE/*.log and
 * OUT_DIR/flow/dt=2026-11-03/cluster=cf-1/hubble/NODE.jsonl.gz)
 */
public final class ContainerFlowDay {
  static final LocalDate DAY = LocalDate.of(2026, 11, 3);
  private static final long CONTAINER_FILE_BYTES = 24L << 20;
  private static final long FLOW_FILE_BYTES = 48L << 20;
  private static final String[] NAMESPACES = {
    "payments", "checkout", "catalog", "search", "identity", "monitoring", "kube-system", "data"
  };
  private static final String[] APPS = {
    "api", "worker", "gateway", "frontend", "ledger", "indexer", "auth", "exporter"
  };
  private static final String[] PATHS = {
    "/api/v1/orders", "/api/v1/payments/authorize", "/healthz", "/metrics", "/api/v2/search?q=",
    "/login", "/api/v1/users/", "/static/app.js"
  };

  private final Random random;

  private ContainerFlowDay(long seed) {
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    long containerBytes = Long.parseLong(args[1]) << 20;
    long flowBytes = Long.parseLong(args[2]) << 20;
    ContainerFlowDay day = new ContainerFlowDay(Long.parseLong(args[3]));
    long lines = day.containers(out.resolve("container/dt=" + DAY + "/cluster=cf-1"), containerBytes);
    long flows = day.flows(out.resolve("flow/dt=" + DAY + "/cluster=cf-1/hubble"), flowBytes);
    System.out.printf(
        "container-flow day: %d container lines (%d MB), %d flows (%d MB)%n",
        lines, containerBytes >> 20, flows, flowBytes >> 20);
  }

  private long containers(Path folder, long total) throws IOException {
    long written = 0;
    long lines = 0;
    for (int file = 0; written < total; file++) {
      String namespace = NAMESPACES[file % NAMESPACES.length];
      String app = APPS[(file / NAMESPACES.length) % APPS.length];
      String pod = app + "-" + hex(5) + "-" + hex(5);
      Path node = folder.resolve("node=node-" + (file % 6));
      Files.createDirectories(node);
      Path path = node.resolve(pod + "_" + namespace + "_" + app + "-" + hex(64) + ".log");
      try (CountingWriter out = new CountingWriter(Files.newOutputStream(path))) {
        // The count lags by what the writer buffers (64 KB): sizes are approximate.
        while (out.count() < CONTAINER_FILE_BYTES && written + out.count() < total) {
          Instant at = at((double) (written + out.count()) / total);
          lines += containerRecord(out, at, namespace, app);
        }
      }
      written += Files.size(path);
    }
    return lines;
  }

  /** One record of a service's output: usually a line, sometimes a trace or a split long line. */
  private int containerRecord(CountingWriter out, Instant at, String namespace, String app)
      throws IOException {
    String ts = at.toString();
    int kind = random.nextInt(100);
    if (kind < 40) {
      out.line(
          ts
              + " stdout F {\"level\":\""
              + (random.nextInt(20) == 0 ? "error" : "info")
              + "\",\"ts\":\""
              + ts
              + "\",\"caller\":\"server/handler.go:"
              + random.nextInt(400)
              + "\",\"msg\":\"request served\",\"method\":\"GET\",\"path\":\""
              + PATHS[random.nextInt(PATHS.length)]
              + "\",\"status\":"
              + (random.nextInt(30) == 0 ? 500 : 200)
              + ",\"duration_ms\":"
              + random.nextInt(900)
              + ",\"trace_id\":\""
              + hex(32)
              + "\",\"namespace\":\""
              + namespace
              + "\"}");
      return 1;
    }
    if (kind < 75) {
      out.line(
          ts
              + " stdout F 10."
              + random.nextInt(256)
              + "."
              + random.nextInt(256)
              + ".7 - - ["
              + ts
              + "] \"GET "
              + PATHS[random.nextInt(PATHS.length)]
              + " HTTP/1.1\" 200 "
              + random.nextInt(90_000)
              + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64) "
              + app
              + "/1."
              + random.nextInt(9)
              + "\"");
      return 1;
    }
    if (kind < 88) {
      out.line(
          ts
              + " stderr F "
              + (random.nextInt(40) == 0
                  ? "WARN retrying upstream https://svc:hunter2pass@db."
                      + namespace
                      + ".svc:5432/app with Authorization: Bearer "
                      + "eyJhbGciOiJSUzI1NiJ9."
                      + hex(40)
                      + "."
                      + hex(30)
                  : "INFO cache refreshed in " + random.nextInt(5000) + "ms, " + random.nextInt(99) + " keys"));
      return 1;
    }
    if (kind < 96) {
      String[] trace = {
        "Exception in thread \"pool-3-thread-" + random.nextInt(16) + "\" java.lang.IllegalStateException: connection reset",
        "\tat io.example." + app + ".Client.call(Client.java:" + random.nextInt(300) + ")",
        "\tat io.example." + app + ".Service.handle(Service.java:" + random.nextInt(300) + ")",
        "\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
        "\tat java.base/java.lang.Thread.run(Thread.java:840)"
      };
      for (String line : trace) {
        out.line(ts + " stderr F " + line);
      }
      return trace.length;
    }
    // A long payload the runtime split into 16 KB partial records.
    StringBuilder body = new StringBuilder("{\"event\":\"batch\",\"items\":[");
    int items = 200 + random.nextInt(600);
    for (int i = 0; i < items; i++) {
      body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(hex(12)).append("\",\"n\":").append(i).append('}');
    }
    body.append("]}");
    int parts = 0;
    for (int from = 0; from < body.length(); from += 16_384) {
      boolean last = from + 16_384 >= body.length();
      out.line(ts + " stdout " + (last ? "F " : "P ") + body.substring(from, Math.min(body.length(), from + 16_384)));
      parts++;
    }
    return parts;
  }

  private long flows(Path folder, long total) throws IOException {
    Files.createDirectories(folder);
    JsonFactory factory = new JsonFactory();
    long written = 0;
    long flows = 0;
    for (int file = 0; written < total; file++) {
      String node = "node-" + file;
      try (OutputStream gzip =
              new GZIPOutputStream(Files.newOutputStream(folder.resolve(node + ".jsonl.gz")), 1 << 16);
          RequestResponseDay.CountingOut out = new RequestResponseDay.CountingOut(gzip)) {
        while (out.count < FLOW_FILE_BYTES && written + out.count < total) {
          try (JsonGenerator json = factory.createGenerator(out.nonClosing())) {
            flow(json, at((double) (written + out.count) / total), node);
          }
          out.write('\n');
          flows++;
        }
        written += out.count;
      }
    }
    return flows;
  }

  private void flow(JsonGenerator json, Instant at, String node) throws IOException {
    boolean tcp = random.nextInt(10) < 8;
    boolean dropped = random.nextInt(50) == 0;
    String srcNamespace = NAMESPACES[random.nextInt(NAMESPACES.length)];
    String dstNamespace = NAMESPACES[random.nextInt(NAMESPACES.length)];
    String srcApp = APPS[random.nextInt(APPS.length)];
    String dstApp = APPS[random.nextInt(APPS.length)];
    json.writeStartObject();
    json.writeObjectFieldStart("flow");
    json.writeStringField("time", at.toString());
    json.writeStringField("uuid", hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12));
    json.writeStringField("verdict", dropped ? "DROPPED" : "FORWARDED");
    if (dropped) {
      json.writeNumberField("drop_reason", 133);
      json.writeStringField("drop_reason_desc", "POLICY_DENIED");
    }
    json.writeObjectFieldStart("ethernet");
    json.writeStringField("source", mac());
    json.writeStringField("destination", mac());
    json.writeEndObject();
    json.writeObjectFieldStart("IP");
    json.writeStringField("source", "10.0." + random.nextInt(64) + "." + random.nextInt(256));
    json.writeStringField("destination", "10.0." + random.nextInt(64) + "." + random.nextInt(256));
    json.writeStringField("ipVersion", "IPv4");
    json.writeEndObject();
    json.writeObjectFieldStart("l4");
    json.writeObjectFieldStart(tcp ? "TCP" : "UDP");
    json.writeNumberField("source_port", 32768 + random.nextInt(28000));
    json.writeNumberField("destination_port", tcp ? (random.nextBoolean() ? 8080 : 443) : 53);
    if (tcp) {
      json.writeObjectFieldStart("flags");
      json.writeBooleanField(random.nextBoolean() ? "SYN" : "ACK", true);
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeEndObject();
    endpoint(json, "source", srcNamespace, srcApp);
    endpoint(json, "destination", dstNamespace, dstApp);
    json.writeStringField("Type", "L3_L4");
    json.writeStringField("node_name", node);
    json.writeObjectFieldStart("event_type");
    json.writeNumberField("type", dropped ? 1 : 4);
    json.writeEndObject();
    json.writeStringField("traffic_direction", random.nextBoolean() ? "EGRESS" : "INGRESS");
    json.writeStringField("trace_observation_point", "TO_ENDPOINT");
    json.writeBooleanField("is_reply", random.nextInt(3) == 0);
    json.writeStringField("Summary", tcp ? "TCP Flags: SYN" : "UDP");
    json.writeEndObject();
    json.writeStringField("node_name", node);
    json.writeStringField("time", at.toString());
    json.writeEndObject();
  }

  private void endpoint(JsonGenerator json, String side, String namespace, String app)
      throws IOException {
    json.writeObjectFieldStart(side);
    json.writeNumberField("ID", random.nextInt(4000));
    json.writeNumberField("identity", 10000 + random.nextInt(50000));
    json.writeStringField("namespace", namespace);
    json.writeArrayFieldStart("labels");
    json.writeString("k8s:app=" + app);
    json.writeString("k8s:io.kubernetes.pod.namespace=" + namespace);
    json.writeString("k8s:io.cilium.k8s.policy.serviceaccount=" + app);
    json.writeEndArray();
    json.writeStringField("pod_name", app + "-" + hex(5) + "-" + hex(5));
    json.writeArrayFieldStart("workloads");
    json.writeStartObject();
    json.writeStringField("name", app);
    json.writeStringField("kind", "Deployment");
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
  }

  private Instant at(double progress) {
    return DAY.atStartOfDay(ZoneOffset.UTC)
        .toInstant()
        .plusMillis((long) (progress * 86_399_000L) + random.nextInt(1000));
  }

  private String hex(int length) {
    byte[] bytes = new byte[(length + 1) / 2];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).substring(0, length);
  }

  private String mac() {
    byte[] bytes = new byte[6];
    random.nextBytes(bytes);
    return HexFormat.ofDelimiter(":").formatHex(bytes);
  }

  /** UTF-8 lines into a byte stream that counts what reached it. */
  private static final class CountingWriter implements java.io.Closeable {
    private final RequestResponseDay.CountingOut bytes;
    private final Writer text;

    CountingWriter(OutputStream raw) {
      bytes = new RequestResponseDay.CountingOut(raw);
      text = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Bytes written so far (short by what the text buffer still holds, at most 64 KB). */
    long count() {
      return bytes.count;
    }

    void line(String line) throws IOException {
      text.write(line);
      text.write('\n');
    }

    @Override
    public void close() throws IOException {
      text.flush();
      bytes.close();
    }
  }
}
