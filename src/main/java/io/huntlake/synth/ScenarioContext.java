package io.huntlake.synth;

import io.huntlake.synth.Model.Pod;
import io.huntlake.table.EvidenceKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a scenario puts its events for one cluster and day. Everything added here is merged with
 * that day's ordinary traffic and recorded as the scenario's evidence.
 */
final class ScenarioContext {
  /** At most this many log-line references per label; the volume is in the files. */
  private static final int MAX_LOG_EVIDENCE = 50;

  final ClusterModel cluster;
  final LocalDate date;
  final Rng rng;
  final List<AuditEvent> audit = new ArrayList<>();
  final List<LogLine> logs = new ArrayList<>();
  final List<Flow> flows = new ArrayList<>();
  final List<ClusterEvent> events = new ArrayList<>();
  private final List<String> eventUids = new ArrayList<>();
  private final List<String> auditIds = new ArrayList<>();
  private final List<String> flowKeys = new ArrayList<>();
  private final List<String> logLines = new ArrayList<>();
  private Instant first;
  private Instant last;

  ScenarioContext(ClusterModel cluster, LocalDate date, Rng rng) {
    this.cluster = cluster;
    this.date = date;
    this.rng = rng;
  }

  void audit(AuditEvent event) {
    audit.add(event);
    auditIds.add(event.auditId());
    seen(event.received());
  }

  void flow(Flow flow) {
    flows.add(flow);
    flowKeys.add(flow.key());
    seen(flow.time());
  }

  void log(LogLine line) {
    logs.add(line);
    if (logLines.size() < MAX_LOG_EVIDENCE) {
      Pod pod = line.pod();
      logLines.add(
          EvidenceKeys.logLine(
              pod.workload().namespace(), pod.name(), line.container(), line.time()));
    }
    seen(line.time());
  }

  void event(ClusterEvent event) {
    events.add(event);
    eventUids.add(event.uid());
    seen(event.first());
    seen(event.last());
  }

  private void seen(Instant at) {
    first = first == null || at.isBefore(first) ? at : first;
    last = last == null || at.isAfter(last) ? at : last;
  }

  Label label(
      String scenario,
      String title,
      String kind,
      List<String> attack,
      String entityType,
      String entityId,
      String namespace,
      String description) {
    return new Label(
        scenario,
        title,
        kind,
        attack,
        entityType,
        entityId,
        cluster.name(),
        namespace,
        date,
        first,
        last,
        List.copyOf(auditIds),
        List.copyOf(flowKeys),
        List.copyOf(logLines),
        List.copyOf(eventUids),
        description);
  }
}
