package io.huntlake.source;

import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.EntityColumns;
import io.huntlake.table.K8sEventsTable;
import io.huntlake.table.LogVolumeDailyTable;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.table.TableDefinition;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of archived Kubernetes logs HuntLake reads, each described once: its id (used in raw
 * paths, config keys and the {@code source} columns), the formats it reads and the parser that
 * reads them, the table its rows go to, what volume measures in it and who its bytes are charged
 * to, and what delivery gaps expect of it. Ingest, inputs, volume, gaps, the config keys ({@code
 * sources.<id>.*}), the generator's manifest and the Airflow DAGs ({@code huntlake sources --format
 * json}) all iterate over {@link #values()}: adding a source is a constant here, its parser, its
 * table and its rules.
 */
public enum LogSource {
  AUDIT(
      "API-server audit events",
      List.of(
          new Format("k8s-audit-log", "audit.k8s.io Event JSON lines from the log backend"),
          new Format("k8s-audit-eventlist", "webhook EventList batches"),
          new Format("eks-cloudwatch", "EKS control-plane logs exported from CloudWatch"),
          new Format("aks-diagnostic", "AKS diagnostic records")),
      AuditParser::new,
      AuditEventsTable.DEFINITION,
      Map.of(
          LogVolumeDailyTable.NAMESPACE, AuditEventsTable.NAMESPACE,
          LogVolumeDailyTable.USER_NAME, AuditEventsTable.USER_NAME,
          LogVolumeDailyTable.VERB, AuditEventsTable.VERB,
          LogVolumeDailyTable.RESOURCE, AuditEventsTable.RESOURCE,
          LogVolumeDailyTable.USER_AGENT, AuditEventsTable.USER_AGENT),
      EntityColumns.USER,
      Freshness.HOURLY,
      // An event reaches the log once per stage; a repeat (rotated twice, delivered late into the
      // next day's folder) is the same event, whichever day's files it arrives in.
      Optional.of(
          new Dedupe(
              List.of(AuditEventsTable.AUDIT_ID, AuditEventsTable.STAGE), Optional.empty(), true)),
      true),
  CONTAINER(
      "container stdout/stderr as written by the kubelet, Docker or a log shipper",
      List.of(
          new Format("cri", "CRI lines, partial lines joined"),
          new Format("docker-json", "Docker json-file lines"),
          new Format("fluent-bit", "Fluent Bit / Fluentd records with a kubernetes block")),
      ContainerParser::new,
      ContainerLogsTable.DEFINITION,
      Map.of(
          LogVolumeDailyTable.NAMESPACE, ContainerLogsTable.NAMESPACE,
          LogVolumeDailyTable.WORKLOAD, ContainerLogsTable.WORKLOAD,
          LogVolumeDailyTable.CONTAINER, ContainerLogsTable.CONTAINER),
      EntityColumns.WORKLOAD,
      Freshness.HOURLY,
      Optional.empty(),
      true),
  FLOW(
      "network flow records",
      List.of(
          new Format("hubble", "Cilium Hubble flow JSON"),
          new Format("vpc-flow-v2", "AWS VPC Flow Logs, default fields"),
          new Format("vpc-flow-custom", "AWS VPC Flow Logs, fields named by the header line")),
      FlowParser::new,
      NetworkFlowsTable.DEFINITION,
      Map.of(
          LogVolumeDailyTable.NAMESPACE, NetworkFlowsTable.SRC_NAMESPACE,
          LogVolumeDailyTable.WORKLOAD, NetworkFlowsTable.SRC_WORKLOAD),
      EntityColumns.WORKLOAD,
      Freshness.HOURLY,
      Optional.empty(),
      true),
  EVENTS(
      "Kubernetes Event objects (kubectl get events): pulls, kills, evictions, denials",
      List.of(
          new Format(
              "k8s-event", "core/v1 Event objects as JSON lines (kubernetes-event-exporter)"),
          new Format("events-k8s-io", "events.k8s.io/v1 Event objects as JSON lines"),
          new Format("eventrouter", "eventrouter's {\"verb\", \"event\", \"old_event\"} records"),
          new Format("k8s-event-list", "lists: kubectl get events -A -o json, pretty or compact")),
      EventParser::new,
      K8sEventsTable.DEFINITION,
      Map.of(
          LogVolumeDailyTable.NAMESPACE, K8sEventsTable.NAMESPACE,
          LogVolumeDailyTable.WORKLOAD, K8sEventsTable.WORKLOAD),
      EntityColumns.WORKLOAD,
      Freshness.BURSTY,
      // Exporters write an event again each time its count goes up: the highest count read in a
      // day's files is the event's state that day.
      Optional.of(
          new Dedupe(
              List.of(K8sEventsTable.CLUSTER, K8sEventsTable.EVENT_UID),
              Optional.of(K8sEventsTable.COUNT),
              false)),
      // Added after the first three: a configuration file written before it keeps working (no
      // day fails for a missing events folder) until it turns the source on.
      false);

  /**
   * How ingest keeps one row per record that reaches it more than once.
   *
   * @param key the columns that identify a record
   * @param latestBy a numeric column: the copy with its highest value is kept (ties and no column:
   *     the first copy by file and line)
   * @param acrossDays whether a copy another ingest date already stored is a duplicate too
   */
  public record Dedupe(List<String> key, Optional<String> latestBy, boolean acrossDays)
      implements java.io.Serializable {
    public Dedupe {
      key = List.copyOf(key);
    }
  }

  /** A raw format of a source: the name {@code sources.<id>.format} forces it by. */
  public record Format(String name, String description) {}

  /** Makes the parser for one file; parsers keep per-file state. */
  @FunctionalInterface
  public interface ParserFactory {
    LineParser create(SourceFile file, ParseLimits limits);
  }

  /** What delivery gaps (and the scheduler's input check) expect of a healthy source. */
  public enum Freshness {
    /**
     * Logs flow every hour the cluster runs: an hour far below the same hour of the days before is
     * a gap, and so is an empty hour that usually has events.
     */
    HOURLY,
    /**
     * Records come in bursts when something happens (Kubernetes Events): a quiet hour is normal, so
     * only an empty hour that usually holds at least {@code gaps.min_expected_events} is a gap, and
     * no hour is called low; the scheduler's input check waits for the day folder, not for files.
     */
    BURSTY
  }

  private final String description;
  private final List<Format> formats;
  private final ParserFactory parser;
  private final TableDefinition table;
  private final Map<String, String> volumeColumns;
  private final String talker;
  private final Freshness freshness;
  private final Optional<Dedupe> dedupe;
  private final boolean enabledByDefault;

  LogSource(
      String description,
      List<Format> formats,
      ParserFactory parser,
      TableDefinition table,
      Map<String, String> volumeColumns,
      String talker,
      Freshness freshness,
      Optional<Dedupe> dedupe,
      boolean enabledByDefault) {
    this.description = description;
    this.formats = List.copyOf(formats);
    this.parser = parser;
    this.table = table;
    // In the order of log_volume_daily's talker columns, so every listing is stable.
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String column : LogVolumeDailyTable.TALKER_COLUMNS) {
      if (volumeColumns.containsKey(column)) {
        ordered.put(column, volumeColumns.get(column));
      }
    }
    this.volumeColumns = java.util.Collections.unmodifiableMap(ordered);
    this.talker = talker;
    this.freshness = freshness;
    this.dedupe = dedupe;
    this.enabledByDefault = enabledByDefault;
  }

  /** The lower-case name used in paths, config keys and tables. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public String description() {
    return description;
  }

  /** The formats it reads, each detected per line unless the config forces one. */
  public List<Format> formats() {
    return formats;
  }

  /** A parser for one file of this source. */
  public LineParser parser(SourceFile file, ParseLimits limits) {
    return parser.create(file, limits);
  }

  /** The Delta table its rows go to. */
  public TableDefinition table() {
    return table;
  }

  /**
   * The talker columns of log_volume_daily it fills, each with the column of {@link #table()} that
   * fills it; the others stay null for its rows.
   */
  public Map<String, String> volumeColumns() {
    return volumeColumns;
  }

  /** The entity type its bytes are charged to in volume scores: user or workload. */
  public String talker() {
    return talker;
  }

  public Freshness freshness() {
    return freshness;
  }

  /** How repeated records are stored once; empty when every row read is stored. */
  public Optional<Dedupe> dedupe() {
    return dedupe;
  }

  /** Whether it is read when the configuration does not say {@code sources.<id>.enabled}. */
  public boolean enabledByDefault() {
    return enabledByDefault;
  }

  public static LogSource fromId(String id) {
    return Arrays.stream(values())
        .filter(source -> source.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown log source: " + id));
  }
}
