package io.huntlake.synth;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Ground truth for one injected scenario, written as a line of {@code labels.jsonl}.
 *
 * @param kind "attack", or "capacity" for a benign volume event
 * @param attack MITRE ATT&CK technique ids (empty for capacity events)
 * @param entityType user, workload or flow_edge: what a score or finding should name
 * @param auditIds audit IDs of the scenario's audit events
 * @param flowKeys {@link io.huntlake.table.EvidenceKeys#flowKey} of its flows
 * @param logLines {@link io.huntlake.table.EvidenceKeys#logLine} of a sample of its log lines
 * @param eventUids metadata.uid of its Kubernetes Events (k8s_events.event_uid)
 */
record Label(
    String scenario,
    String title,
    String kind,
    List<String> attack,
    String entityType,
    String entityId,
    String cluster,
    String namespace,
    LocalDate date,
    Instant start,
    Instant end,
    List<String> auditIds,
    List<String> flowKeys,
    List<String> logLines,
    List<String> eventUids,
    String description) {}
