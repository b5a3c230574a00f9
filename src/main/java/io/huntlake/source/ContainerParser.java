package io.huntlake.source;

import static io.huntlake.table.ContainerLogsTable.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.huntlake.table.ContainerLogsTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Container log lines, detected per line: CRI ({@code <ts> <stream> <P|F> <text>}, and the older
 * form without the tag), Docker json-file, and Fluent Bit records with a {@code kubernetes} block.
 * Runtime-split lines (CRI {@code P}, Docker records without a trailing newline) are joined per
 * stream into one row, cut at {@link ParseLimits#maxRecordBytes()}. Pod, namespace, container and
 * container id come from the {@code /var/log/containers} file name or the record.
 */
final class ContainerParser implements LineParser {
  static final String CRI = "cri";
  static final String DOCKER = "docker-json";
  static final String FLUENT_BIT = "fluent-bit";

  static final Pattern CRI_LINE =
      Pattern.compile("^(\\S+) (stdout|stderr) ([PF])(?: (.*))?$", Pattern.DOTALL);
  private static final Pattern CRI_UNTAGGED =
      Pattern.compile("^(\\S+) (stdout|stderr) (.*)$", Pattern.DOTALL);
  private static final Pattern FILE_NAME =
      Pattern.compile("^(.+)_([a-z0-9][-a-z0-9]*)_(.+)-([0-9a-f]{64})\\.log$");
  private static final Set<String> DOCKER_KNOWN = Set.of("log", "stream", "time");
  private static final Set<String> FLUENT_KNOWN =
      Set.of("log", "stream", "time", "date", "kubernetes", "message", "MESSAGE");
  private static final Set<String> K8S_KNOWN =
      Set.of(
          "pod_name", "namespace_name", "container_name", "docker_id", "container_image", "host");
  private static final int WIDTH = ContainerLogsTable.SCHEMA.size();

  // Column positions, looked up once (a StructType's name lookup costs a hash-map probe per call).
  private static final int AT_EVENT_DATE = SCHEMA.fieldIndex(EVENT_DATE);
  private static final int AT_INGEST_DATE = SCHEMA.fieldIndex(INGEST_DATE);
  private static final int AT_EVENT_TS = SCHEMA.fieldIndex(EVENT_TS);
  private static final int AT_CLUSTER = SCHEMA.fieldIndex(CLUSTER);
  private static final int AT_NAMESPACE = SCHEMA.fieldIndex(NAMESPACE);
  private static final int AT_POD = SCHEMA.fieldIndex(POD);
  private static final int AT_WORKLOAD = SCHEMA.fieldIndex(WORKLOAD);
  private static final int AT_CONTAINER = SCHEMA.fieldIndex(CONTAINER);
  private static final int AT_CONTAINER_ID = SCHEMA.fieldIndex(CONTAINER_ID);
  private static final int AT_NODE = SCHEMA.fieldIndex(NODE);
  private static final int AT_STREAM = SCHEMA.fieldIndex(STREAM);
  private static final int AT_LEVEL = SCHEMA.fieldIndex(LEVEL);
  private static final int AT_MESSAGE = SCHEMA.fieldIndex(MESSAGE);
  private static final int AT_BYTES = SCHEMA.fieldIndex(BYTES);
  private static final int AT_PARTS = SCHEMA.fieldIndex(PARTS);
  private static final int AT_TRUNCATED = SCHEMA.fieldIndex(TRUNCATED);
  private static final int AT_IMAGE = SCHEMA.fieldIndex(IMAGE);
  private static final int AT_EXTRA = SCHEMA.fieldIndex(EXTRA);
  private static final int AT_SOURCE_FORMAT = SCHEMA.fieldIndex(SOURCE_FORMAT);
  private static final int AT_SOURCE_FILE = SCHEMA.fieldIndex(SOURCE_FILE);
  private static final int AT_SOURCE_LINE = SCHEMA.fieldIndex(SOURCE_LINE);
  private static final int AT_INGEST_RUN_ID = SCHEMA.fieldIndex(INGEST_RUN_ID);

  private final SourceFile file;
  private final ParseLimits limits;
  private final String pod;
  private final String namespace;
  private final String container;
  private final String containerId;

  private final Workloads.Memo workloads = new Workloads.Memo();

  /** Partial records waiting for the line that completes them, per stream. */
  private final Map<String, Pending> pending = new HashMap<>();

  ContainerParser(SourceFile file, ParseLimits limits) {
    this.file = file;
    this.limits = limits;
    Matcher name = FILE_NAME.matcher(file.fileName());
    boolean named = name.matches();
    this.pod = named ? name.group(1) : null;
    this.namespace = named ? name.group(2) : null;
    this.container = named ? name.group(3) : null;
    this.containerId = named ? name.group(4) : null;
  }

  /** Who wrote a line: from the file name, or from the record itself (Fluent Bit). */
  private record Origin(
      String pod,
      String namespace,
      String container,
      String containerId,
      String image,
      String node,
      String extra) {}

  /** A line being assembled from partial records. */
  private final class Pending {
    final long firstLine;
    final Instant time;
    final String format;
    final Origin origin;
    final StringBuilder text = new StringBuilder();
    long bytes;
    int parts;
    boolean truncated;

    Pending(long firstLine, Instant time, String format, Origin origin) {
      this.firstLine = firstLine;
      this.time = time;
      this.format = format;
      this.origin = origin;
    }

    void append(String part) {
      parts++;
      bytes += part.getBytes(StandardCharsets.UTF_8).length;
      int room = limits.maxRecordBytes() - text.length();
      if (room >= part.length()) {
        text.append(part);
      } else {
        truncated = true;
        if (room > 0) {
          text.append(part, 0, room);
        }
      }
    }
  }

  @Override
  public void line(Line line, RecordSink sink) {
    String format = null;
    try {
      Lines.checkReadable(line, limits);
      String text = Utf8.decode(line);
      if (text.startsWith("{")) {
        JsonNode record = Lines.parseObject(text);
        if (record.has("kubernetes") && record.get("kubernetes").isObject()) {
          format = FLUENT_BIT;
          Lines.checkFormat(file, format);
          fluentBit(record, line, sink);
        } else if (record.has("log")) {
          format = DOCKER;
          Lines.checkFormat(file, format);
          docker(record, line, sink);
        } else {
          throw new Rejection(
              "JSON record is neither Docker json-file nor Fluent Bit (no log field)");
        }
        return;
      }
      format = CRI;
      Lines.checkFormat(file, format);
      cri(text, line, sink);
    } catch (Rejection rejection) {
      sink.reject(line.number(), rejection.getMessage(), line.text(), line.length(), format);
    }
  }

  private void cri(String text, Line line, RecordSink sink) throws Rejection {
    CriPrefix cri = CriPrefix.of(text);
    if (cri == null) {
      cri = CriPrefix.byPattern(text);
    }
    Instant time = Timestamps.rfc3339(cri.timestamp());
    if (time == null) {
      throw new Rejection("CRI timestamp '" + abbreviate(cri.timestamp()) + "' is not RFC 3339");
    }
    append(
        cri.stream(),
        time,
        CRI,
        line.number(),
        cri.message(),
        !cri.partial(),
        fromFile(null),
        sink);
  }

  private void docker(JsonNode record, Line line, RecordSink sink) throws Rejection {
    String log = Json.text(record, "log");
    String stream = Json.text(record, "stream");
    Instant time = Timestamps.rfc3339(Json.text(record, "time"));
    if (log == null) {
      throw new Rejection("Docker record's log field is not a string");
    }
    if (time == null) {
      throw new Rejection("Docker record without a valid time");
    }
    if (stream == null) {
      throw new Rejection("Docker record without a stream");
    }
    boolean complete = log.endsWith("\n");
    String extra = Json.unknownFields(record, DOCKER_KNOWN);
    String message = complete ? log.substring(0, log.length() - 1) : log;
    append(stream, time, DOCKER, line.number(), message, complete, fromFile(extra), sink);
  }

  private void fluentBit(JsonNode record, Line line, RecordSink sink) throws Rejection {
    JsonNode k8s = record.get("kubernetes");
    String log = Json.text(record, "log");
    if (log == null) {
      log = Json.text(record, "message");
    }
    if (log == null) {
      log = Json.text(record, "MESSAGE");
    }
    if (log == null) {
      throw new Rejection("Fluent Bit record without log or message");
    }
    Instant time = Timestamps.rfc3339(Json.text(record, "time"));
    if (time == null && record.has("date") && record.get("date").isNumber()) {
      time = Timestamps.epochSeconds(record.get("date").asDouble());
    }
    if (time == null) {
      throw new Rejection("Fluent Bit record without time or a numeric date");
    }
    String extra =
        Json.merge(
            Json.unknownFields(record, FLUENT_KNOWN), prefixed(Json.unknownFields(k8s, K8S_KNOWN)));
    String message = log.endsWith("\n") ? log.substring(0, log.length() - 1) : log;
    Origin origin =
        new Origin(
            Json.text(k8s, "pod_name"),
            Json.text(k8s, "namespace_name"),
            Json.text(k8s, "container_name"),
            Json.text(k8s, "docker_id"),
            Json.text(k8s, "container_image"),
            Json.text(k8s, "host"),
            extra);
    append(
        Json.text(record, "stream"), time, FLUENT_BIT, line.number(), message, true, origin, sink);
  }

  private static String prefixed(String kubernetesExtra) {
    return kubernetesExtra == null ? null : "{\"kubernetes\":" + kubernetesExtra + "}";
  }

  private Origin fromFile(String extra) {
    return new Origin(pod, namespace, container, containerId, null, file.node(), extra);
  }

  private void append(
      String stream,
      Instant time,
      String format,
      long lineNumber,
      String part,
      boolean complete,
      Origin origin,
      RecordSink sink) {
    String key = stream == null ? "" : stream;
    Pending current = pending.get(key);
    if (current == null) {
      current = new Pending(lineNumber, time, format, origin);
    } else {
      sink.joined(1);
    }
    current.append(part);
    if (!complete) {
      pending.put(key, current);
      return;
    }
    pending.remove(key);
    emit(current, stream, current.origin.extra(), sink);
  }

  private void emit(Pending line, String stream, String extra, RecordSink sink) {
    Origin origin = line.origin;
    Object[] row = new Object[WIDTH];
    row[AT_EVENT_DATE] = Timestamps.utcDay(line.time);
    row[AT_INGEST_DATE] = file.ingestDate();
    row[AT_EVENT_TS] = line.time;
    row[AT_CLUSTER] = file.cluster();
    row[AT_NAMESPACE] = origin.namespace();
    row[AT_POD] = origin.pod();
    row[AT_CONTAINER] = origin.container();
    row[AT_CONTAINER_ID] = origin.containerId();
    row[AT_NODE] = origin.node();
    row[AT_STREAM] = stream;
    String message = line.text.toString();
    if (!sink.keysOnly()) {
      // Derived columns; the survey only counts rows and their times.
      row[AT_WORKLOAD] = workloads.fromPod(origin.pod());
      row[AT_LEVEL] = LogLevels.detect(message);
    }
    row[AT_MESSAGE] = message;
    row[AT_BYTES] = line.bytes;
    row[AT_PARTS] = line.parts;
    row[AT_TRUNCATED] = line.truncated;
    row[AT_IMAGE] = origin.image();
    row[AT_EXTRA] = extra;
    row[AT_SOURCE_FORMAT] = line.format;
    row[AT_SOURCE_FILE] = file.path();
    row[AT_SOURCE_LINE] = line.firstLine;
    row[AT_INGEST_RUN_ID] = "";
    sink.row(row, line.time, line.format);
  }

  /** A CRI line's fields: its timestamp, stream, whether it is partial ({@code P}), message. */
  record CriPrefix(String timestamp, String stream, boolean partial, String message) {
    /**
     * The fields read without the regular expression, for the common shape only: {@code <non-blank>
     * <stdout|stderr> <P|F>} then the end or a space and the message. Where it answers, {@link
     * #CRI_LINE} gives the same groups (its first group cannot end anywhere but at the first
     * blank); anything else (no tag, other blanks, a line terminator after the tag) is null and
     * goes to {@link #byPattern}.
     */
    static CriPrefix of(String text) {
      int blank = 0;
      while (blank < text.length() && !isRegexBlank(text.charAt(blank))) {
        blank++;
      }
      int tag = blank + 8;
      if (blank == 0
          || tag >= text.length()
          || text.charAt(blank) != ' '
          || text.charAt(tag - 1) != ' '
          || (text.charAt(tag) != 'P' && text.charAt(tag) != 'F')) {
        return null;
      }
      String stream;
      if (text.startsWith("stdout", blank + 1)) {
        stream = "stdout";
      } else if (text.startsWith("stderr", blank + 1)) {
        stream = "stderr";
      } else {
        return null;
      }
      String message;
      if (tag + 1 == text.length()) {
        message = "";
      } else if (text.charAt(tag + 1) == ' ') {
        message = text.substring(tag + 2);
      } else {
        return null;
      }
      return new CriPrefix(text.substring(0, blank), stream, text.charAt(tag) == 'P', message);
    }

    /** The fields by the patterns: tagged lines, then the older form without the tag. */
    static CriPrefix byPattern(String text) throws Rejection {
      Matcher tagged = CRI_LINE.matcher(text);
      if (tagged.matches()) {
        String message = tagged.group(4) == null ? "" : tagged.group(4);
        return new CriPrefix(
            tagged.group(1), tagged.group(2), tagged.group(3).equals("P"), message);
      }
      Matcher untagged = CRI_UNTAGGED.matcher(text);
      if (!untagged.matches()) {
        throw new Rejection("not a CRI line (<timestamp> <stdout|stderr> <P|F> <message>)");
      }
      return new CriPrefix(untagged.group(1), untagged.group(2), false, untagged.group(3));
    }

    /** What {@code \\s} matches (so {@code \\S} does not): space, tab, newline, VT, FF, CR. */
    private static boolean isRegexBlank(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
  }

  /** A file that ends inside a split line still yields that line: the runtime wrote it. */
  @Override
  public void finish(RecordSink sink) {
    for (Map.Entry<String, Pending> open : new java.util.TreeMap<>(pending).entrySet()) {
      String extra = Json.merge(open.getValue().origin.extra(), "{\"incomplete\":true}");
      emit(open.getValue(), open.getKey().isEmpty() ? null : open.getKey(), extra, sink);
    }
    pending.clear();
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
