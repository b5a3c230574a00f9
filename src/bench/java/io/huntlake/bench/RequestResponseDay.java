package io.huntlake.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The benchmark's second data shape, written independently of HuntLake's own generator: one day of
 * audit events logged at RequestResponse level, whose request and response objects are what a busy
 * cluster's API server records: pods with many containers, env vars and managed fields, lists of
 * hundreds of items, config maps holding files, and now and then a Secret or an env var named like
 * a password (so the redactor has work). Objects range from a few hundred bytes to about 50 KB.
 * Deterministic for a seed; gzip files of about 64 MB of JSON lines each.
 *
 * <p>Usage: RequestResponseDay OUT_DIR MEGABYTES SEED (writes
 * OUT_DIR/audit/dt=2026-11-02/cluster=rr-1/audit-NN.log.gz)
 */
public final class RequestResponseDay {
  static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  private static final long FILE_BYTES = 64L << 20;
  private static final String[] NAMESPACES = {
    "payments", "checkout", "catalog", "search", "identity", "monitoring", "kube-system", "data"
  };
  private static final String[] USERS = {
    "system:serviceaccount:kube-system:replicaset-controller",
    "system:serviceaccount:argocd:argocd-application-controller",
    "system:kube-scheduler",
    "system:node:ip-10-0-12-34.ec2.internal",
    "alice@corp.example",
    "system:serviceaccount:monitoring:prometheus"
  };

  private final Random random;
  private long sequence;

  private RequestResponseDay(long seed) {
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]).resolve("audit/dt=" + DAY + "/cluster=rr-1");
    long total = Long.parseLong(args[1]) << 20;
    Files.createDirectories(out);
    RequestResponseDay day = new RequestResponseDay(Long.parseLong(args[2]));
    JsonFactory factory = new JsonFactory();
    long written = 0;
    int events = 0;
    for (int file = 0; written < total; file++) {
      Path path = out.resolve(String.format("audit-%02d.log.gz", file));
      try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(path), 1 << 16);
          CountingOut lines = new CountingOut(gzip)) {
        long start = lines.count;
        while (lines.count - start < FILE_BYTES && written + lines.count - start < total) {
          try (JsonGenerator json = factory.createGenerator(lines.nonClosing())) {
            day.event(json, (double) (written + lines.count - start) / total);
          }
          lines.write('\n');
          events++;
        }
        written += lines.count - start;
      }
    }
    System.out.printf("request-response day: %d events, %d MB%n", events, written >> 20);
  }

  private void event(JsonGenerator json, double progress) throws IOException {
    Instant at =
        DAY.atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis((long) (progress * 86_399_000L));
    String namespace = pick(NAMESPACES);
    int kind = random.nextInt(100);
    String verb;
    String resource;
    if (kind < 35) {
      verb = "update";
      resource = "leases";
    } else if (kind < 50) {
      verb = "list";
      resource = random.nextInt(3) == 0 ? "events" : "pods";
    } else if (kind < 65) {
      verb = random.nextBoolean() ? "update" : "patch";
      resource = "pods";
    } else if (kind < 72) {
      verb = "create";
      resource = "pods";
    } else if (kind < 85) {
      verb = "get";
      resource = "configmaps";
    } else if (kind < 97) {
      verb = "update";
      resource = "deployments";
    } else {
      verb = "get";
      resource = "secrets";
    }
    String name = resource.substring(0, resource.length() - 1) + "-" + random.nextInt(5000);
    begin(json, "Event", "audit.k8s.io/v1");
    json.writeStringField("level", "RequestResponse");
    json.writeStringField("auditID", uuid());
    json.writeStringField("stage", "ResponseComplete");
    json.writeStringField(
        "requestURI",
        "/api/v1/namespaces/" + namespace + "/" + resource + (verb.equals("list") ? "" : "/" + name));
    json.writeStringField("verb", verb);
    json.writeObjectFieldStart("user");
    json.writeStringField("username", pick(USERS));
    json.writeArrayFieldStart("groups");
    json.writeString("system:authenticated");
    json.writeEndArray();
    json.writeEndObject();
    json.writeArrayFieldStart("sourceIPs");
    json.writeString("10.0." + random.nextInt(256) + "." + random.nextInt(256));
    json.writeEndArray();
    json.writeStringField("userAgent", "kube-controller-manager/v1.30.4 (linux/amd64)");
    json.writeObjectFieldStart("objectRef");
    json.writeStringField("resource", resource);
    json.writeStringField("namespace", namespace);
    if (!verb.equals("list")) {
      json.writeStringField("name", name);
    }
    json.writeStringField("apiVersion", resource.equals("deployments") ? "v1" : "v1");
    if (resource.equals("deployments")) {
      json.writeStringField("apiGroup", "apps");
    }
    json.writeEndObject();
    json.writeObjectFieldStart("responseStatus");
    json.writeObjectFieldStart("metadata");
    json.writeEndObject();
    json.writeNumberField("code", verb.equals("create") ? 201 : 200);
    json.writeEndObject();
    switch (resource) {
      case "pods" -> {
        if (verb.equals("list")) {
          json.writeFieldName("responseObject");
          list(json, "PodList", random.nextInt(2, 12), () -> pod(json, namespace, false));
        } else {
          json.writeFieldName("requestObject");
          pod(json, namespace, false);
          json.writeFieldName("responseObject");
          pod(json, namespace, true);
        }
      }
      case "events" -> {
        json.writeFieldName("responseObject");
        list(json, "EventList", random.nextInt(10, 80), () -> k8sEvent(json, namespace));
      }
      case "leases" -> {
        json.writeFieldName("requestObject");
        lease(json, namespace, name);
        json.writeFieldName("responseObject");
        lease(json, namespace, name);
      }
      case "configmaps" -> {
        json.writeFieldName("responseObject");
        configMap(json, namespace, name);
      }
      case "deployments" -> {
        json.writeFieldName("requestObject");
        deployment(json, namespace, name);
        json.writeFieldName("responseObject");
        deployment(json, namespace, name);
      }
      default -> {
        json.writeFieldName("responseObject");
        secret(json, namespace, name);
      }
    }
    json.writeStringField("requestReceivedTimestamp", at.toString());
    json.writeStringField("stageTimestamp", at.plusMillis(random.nextInt(1, 40)).toString());
    json.writeObjectFieldStart("annotations");
    json.writeStringField("authorization.k8s.io/decision", "allow");
    json.writeStringField("authorization.k8s.io/reason", "RBAC: allowed by ClusterRoleBinding");
    json.writeEndObject();
    json.writeEndObject();
  }

  private interface Item {
    void write() throws IOException;
  }

  /** Opens an object of a kind. */
  private static void begin(JsonGenerator json, String kind, String apiVersion) throws IOException {
    json.writeStartObject();
    json.writeStringField("kind", kind);
    json.writeStringField("apiVersion", apiVersion);
  }

  private void list(JsonGenerator json, String kind, int items, Item item) throws IOException {
    begin(json, kind, "v1");
    json.writeObjectFieldStart("metadata");
    json.writeStringField("resourceVersion", Long.toString(100_000_000L + sequence++));
    json.writeEndObject();
    json.writeArrayFieldStart("items");
    for (int i = 0; i < items; i++) {
      item.write();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void metadata(JsonGenerator json, String namespace, String name, boolean stored)
      throws IOException {
    json.writeObjectFieldStart("metadata");
    json.writeStringField("name", name);
    json.writeStringField("namespace", namespace);
    if (stored) {
      json.writeStringField("uid", uuid());
      json.writeStringField("resourceVersion", Long.toString(100_000_000L + sequence++));
      json.writeStringField("creationTimestamp", "2026-10-" + (10 + random.nextInt(19)) + "T08:00:00Z");
    }
    json.writeObjectFieldStart("labels");
    json.writeStringField("app.kubernetes.io/name", name.replaceAll("-\\d+$", ""));
    json.writeStringField("app.kubernetes.io/part-of", namespace);
    json.writeStringField("pod-template-hash", Integer.toHexString(random.nextInt()));
    json.writeEndObject();
    json.writeObjectFieldStart("annotations");
    json.writeStringField("prometheus.io/scrape", "true");
    json.writeStringField("prometheus.io/port", "9090");
    json.writeEndObject();
    if (stored) {
      json.writeArrayFieldStart("managedFields");
      for (int i = 0; i < 2; i++) {
        json.writeStartObject();
        json.writeStringField("manager", i == 0 ? "kube-controller-manager" : "kubelet");
        json.writeStringField("operation", "Update");
        json.writeStringField("apiVersion", "v1");
        json.writeStringField("time", "2026-11-01T12:00:00Z");
        json.writeStringField("fieldsType", "FieldsV1");
        json.writeObjectFieldStart("fieldsV1");
        json.writeObjectFieldStart("f:metadata");
        json.writeObjectFieldStart("f:labels");
        json.writeObjectFieldStart("f:app.kubernetes.io/name");
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
        json.writeObjectFieldStart("f:spec");
        json.writeObjectFieldStart("f:containers");
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private void pod(JsonGenerator json, String namespace, boolean stored) throws IOException {
    String name = "api-" + Integer.toHexString(random.nextInt(1 << 20));
    begin(json, "Pod", "v1");
    metadata(json, namespace, name, stored);
    json.writeObjectFieldStart("spec");
    json.writeStringField("serviceAccountName", namespace + "-app");
    json.writeStringField("nodeName", "ip-10-0-" + random.nextInt(64) + "-" + random.nextInt(256));
    json.writeArrayFieldStart("containers");
    int containers = random.nextInt(1, 4);
    for (int c = 0; c < containers; c++) {
      json.writeStartObject();
      json.writeStringField("name", c == 0 ? "app" : "sidecar-" + c);
      json.writeStringField(
          "image", "registry.corp.example/" + namespace + "/app:1." + random.nextInt(90) + ".0");
      json.writeArrayFieldStart("args");
      json.writeString("--port=8080");
      json.writeString("--log-level=info");
      json.writeEndArray();
      json.writeArrayFieldStart("env");
      int vars = random.nextInt(5, 30);
      for (int v = 0; v < vars; v++) {
        json.writeStartObject();
        boolean secretLooking = random.nextInt(400) == 0;
        json.writeStringField("name", secretLooking ? "DB_PASSWORD" : "FEATURE_FLAG_" + v);
        json.writeStringField(
            "value", secretLooking ? "pw-" + Long.toHexString(random.nextLong()) : "enabled-" + v);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeObjectFieldStart("resources");
      json.writeObjectFieldStart("requests");
      json.writeStringField("cpu", (100 + random.nextInt(900)) + "m");
      json.writeStringField("memory", (128 + random.nextInt(900)) + "Mi");
      json.writeEndObject();
      json.writeEndObject();
      json.writeArrayFieldStart("volumeMounts");
      json.writeStartObject();
      json.writeStringField("name", "config");
      json.writeStringField("mountPath", "/etc/app");
      json.writeBooleanField("readOnly", true);
      json.writeEndObject();
      json.writeEndArray();
      json.writeObjectFieldStart("readinessProbe");
      json.writeObjectFieldStart("httpGet");
      json.writeStringField("path", "/healthz");
      json.writeNumberField("port", 8080);
      json.writeEndObject();
      json.writeNumberField("periodSeconds", 10);
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("tolerations");
    json.writeStartObject();
    json.writeStringField("key", "node.kubernetes.io/not-ready");
    json.writeStringField("operator", "Exists");
    json.writeStringField("effect", "NoExecute");
    json.writeNumberField("tolerationSeconds", 300);
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
    if (stored) {
      json.writeObjectFieldStart("status");
      json.writeStringField("phase", "Running");
      json.writeStringField("podIP", "10.1." + random.nextInt(256) + "." + random.nextInt(256));
      json.writeStringField("qosClass", "Burstable");
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private void k8sEvent(JsonGenerator json, String namespace) throws IOException {
    begin(json, "Event", "v1");
    metadata(json, namespace, "api." + Long.toHexString(random.nextLong()), false);
    json.writeStringField("reason", random.nextBoolean() ? "Pulled" : "Started");
    json.writeStringField(
        "message", "Successfully pulled image \"registry.corp.example/app:1.4.0\" in 812ms");
    json.writeNumberField("count", random.nextInt(1, 50));
    json.writeStringField("type", "Normal");
    json.writeEndObject();
  }

  private void configMap(JsonGenerator json, String namespace, String name) throws IOException {
    begin(json, "ConfigMap", "v1");
    metadata(json, namespace, name, true);
    json.writeObjectFieldStart("data");
    int files = random.nextInt(1, 6);
    for (int f = 0; f < files; f++) {
      StringBuilder text = new StringBuilder();
      int lines = random.nextInt(10, 300);
      for (int l = 0; l < lines; l++) {
        text.append("setting_").append(l).append(": value-").append(random.nextInt(10_000)).append('\n');
      }
      json.writeStringField("app-" + f + ".yaml", text.toString());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private void lease(JsonGenerator json, String namespace, String name) throws IOException {
    begin(json, "Lease", "coordination.k8s.io/v1");
    json.writeObjectFieldStart("metadata");
    json.writeStringField("name", name);
    json.writeStringField("namespace", namespace);
    json.writeStringField("resourceVersion", Long.toString(100_000_000L + sequence++));
    json.writeEndObject();
    json.writeObjectFieldStart("spec");
    json.writeStringField("holderIdentity", name + "_" + uuid());
    json.writeNumberField("leaseDurationSeconds", 15);
    json.writeStringField("renewTime", "2026-11-02T10:00:00.000000Z");
    json.writeEndObject();
    json.writeEndObject();
  }

  private void deployment(JsonGenerator json, String namespace, String name) throws IOException {
    begin(json, "Deployment", "apps/v1");
    metadata(json, namespace, name, true);
    json.writeObjectFieldStart("spec");
    json.writeNumberField("replicas", random.nextInt(1, 12));
    json.writeFieldName("template");
    pod(json, namespace, false);
    json.writeEndObject();
    json.writeEndObject();
  }

  private void secret(JsonGenerator json, String namespace, String name) throws IOException {
    begin(json, "Secret", "v1");
    metadata(json, namespace, name, true);
    json.writeStringField("type", "Opaque");
    json.writeObjectFieldStart("data");
    json.writeStringField("password", "c2VjcmV0LXZhbHVlLWZvci1iZW5jaG1hcms=");
    json.writeEndObject();
    json.writeEndObject();
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private String uuid() {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** Counts the bytes written through it (the container and flow generator uses it too). */
  static final class CountingOut extends OutputStream {
    final OutputStream raw;
    long count;

    CountingOut(OutputStream raw) {
      this.raw = raw;
    }

    @Override
    public void write(int b) throws IOException {
      raw.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      raw.write(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      raw.close();
    }

    /** This stream, except that closing it (as a generator does) leaves it open. */
    OutputStream nonClosing() {
      CountingOut outer = this;
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          outer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          outer.write(b, off, len);
        }
      };
    }
  }
}
