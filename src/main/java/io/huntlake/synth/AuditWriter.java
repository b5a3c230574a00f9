package io.huntlake.synth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.huntlake.synth.LineSink.FileEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one cluster-day of audit events in the archive format of its flavour:
 *
 * <ul>
 *   <li>kubeadm: the log backend's JSON lines, rotated every few hours into {@code .gz} files, the
 *       day's last part still plain;
 *   <li>EKS: CloudWatch Logs export, {@code <timestamp> <event json>} per line, gzip;
 *   <li>AKS: diagnostic-setting records, hourly {@code PT1H.json}, {@code properties.log} as an
 *       escaped string or (newer agents) an object;
 *   <li>k3s: audit webhook batches, one {@code EventList} (audit.k8s.io/v1beta1) per line, zstd.
 * </ul>
 */
final class AuditWriter implements AutoCloseable {
  private static final DateTimeFormatter ROTATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOUDWATCH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int WEBHOOK_BATCH = 400;

  private final Path root;
  private final String directory;
  private final ClusterModel cluster;
  private final LocalDate date;
  private final int rotateHours;
  private final List<FileEntry> written = new ArrayList<>();
  private final List<AuditEvent> batch = new ArrayList<>();
  private LineSink sink;

  AuditWriter(Path root, ClusterModel cluster, LocalDate date) {
    this.root = root;
    this.cluster = cluster;
    this.date = date;
    this.directory = "audit/dt=" + date + "/cluster=" + cluster.name() + "/";
    this.rotateHours = cluster.scale == Scale.LARGE ? 1 : 6;
  }

  /** Called at the start of each hour, before its events. */
  void startHour(int hour) {
    Instant hourStart = date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L);
    switch (cluster.spec.flavor()) {
      case KUBEADM -> {
        if (hour % rotateHours == 0) {
          boolean last = hour + rotateHours >= 24;
          // lumberjack names a rotated file by the time it was rotated, i.e. the end of its span.
          String name =
              last
                  ? "audit.log"
                  : "audit-"
                      + ROTATED.format(hourStart.plusSeconds(rotateHours * 3600L))
                      + ".log.gz";
          open(name, "k8s-audit-log");
        }
      }
      case EKS -> {
        if (hour % rotateHours == 0) {
          open(
              "cloudwatch/"
                  + cluster.name()
                  + "-export/kube-apiserver-audit-"
                  + Rng.of(cluster.seed, cluster.name(), "stream").hex(32)
                  + "/"
                  + String.format("%06d", hour / rotateHours)
                  + ".gz",
              "eks-cloudwatch");
        }
      }
      case AKS ->
          open(
              "insights-logs-kube-audit/y="
                  + date.getYear()
                  + "/m="
                  + String.format("%02d", date.getMonthValue())
                  + "/d="
                  + String.format("%02d", date.getDayOfMonth())
                  + "/h="
                  + String.format("%02d", hour)
                  + "/m=00/PT1H.json",
              "aks-diagnostic");
      case K3S -> {
        flushBatch();
        open(
            "webhook/batches-" + String.format("%02d", hour) + ".jsonl.zst", "k8s-audit-eventlist");
      }
    }
  }

  void write(AuditEvent event) {
    switch (cluster.spec.flavor()) {
      case KUBEADM -> sink.line(toBytes(event, false), 1);
      case EKS ->
          sink.line(CLOUDWATCH.format(event.completed()) + " " + AuditJson.toJson(event), 1);
      case AKS -> sink.line(aksRecord(event), 1);
      case K3S -> {
        batch.add(event);
        if (batch.size() >= WEBHOOK_BATCH) {
          flushBatch();
        }
      }
    }
  }

  private String aksRecord(AuditEvent event) {
    // AKS agents before 2024 wrote properties.log as an escaped string; newer ones as an object.
    boolean asObject = event.auditId().charAt(0) < '8';
    String log = AuditJson.toJson(event);
    String properties =
        "{\"log\":"
            + (asObject ? log : AuditJson.quote(log))
            + ",\"stream\":\"stdout\",\"pod\":\"kube-apiserver-6d8f7c9b5-"
            + cluster.name().substring(0, 4)
            + "x\",\"containerID\":\""
            + Rng.of(cluster.seed, cluster.name(), "apiserver").hex(64)
            + "\"}";
    return "{\"category\":\""
        + (event.verb().equals("get") || event.verb().equals("list") || event.verb().equals("watch")
            ? "kube-audit"
            : "kube-audit-admin")
        + "\",\"operationName\":\"Microsoft.ContainerService/managedClusters/diagnosticLogs/Read\",\"properties\":"
        + properties
        + ",\"resourceId\":\"/SUBSCRIPTIONS/3F2504E0-4F89-11D3-9A0C-0305E82C3301/RESOURCEGROUPS/RG-"
        + cluster.name().toUpperCase(java.util.Locale.ROOT)
        + "/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/"
        + cluster.name().toUpperCase(java.util.Locale.ROOT)
        + "\",\"time\":\""
        + AuditJson.micros(event.completed())
        + "\"}";
  }

  private void flushBatch() {
    if (batch.isEmpty()) {
      return;
    }
    ByteArrayBuilder bytes = new ByteArrayBuilder(batch.size() * 900);
    try (JsonGenerator json = AuditJson.FACTORY.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("kind", "EventList");
      json.writeStringField("apiVersion", "audit.k8s.io/v1beta1");
      json.writeObjectFieldStart("metadata");
      json.writeEndObject();
      json.writeArrayFieldStart("items");
      for (AuditEvent event : batch) {
        AuditJson.write(json, event, true);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sink.line(bytes.toByteArray(), batch.size());
    batch.clear();
  }

  private static byte[] toBytes(AuditEvent event, boolean v1beta1) {
    ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
    try (JsonGenerator json = AuditJson.FACTORY.createGenerator(bytes)) {
      AuditJson.write(json, event, v1beta1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void open(String name, String format) {
    closeSink();
    sink = new LineSink(root, directory + name, "audit", format, cluster.name(), date.toString());
  }

  private void closeSink() {
    if (sink != null) {
      sink.close();
      written.add(sink.entry());
      sink = null;
    }
  }

  List<FileEntry> files() {
    return written;
  }

  @Override
  public void close() {
    flushBatch();
    closeSink();
  }
}
