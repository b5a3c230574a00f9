package io.huntlake.synth;

import io.huntlake.synth.LineSink.FileEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Generates one cluster-day: plays the day's scenarios, merges their events into the ordinary
 * traffic, and writes every source. Independent of every other cluster-day, so days can be
 * generated in parallel and still come out byte-identical.
 */
final class DayGenerator {
  /** What one cluster-day produced. */
  record Result(List<FileEntry> files, List<Label> labels) {}

  private DayGenerator() {}

  static Result generate(
      Path root, ClusterModel cluster, LocalDate date, List<Scenarios.Scenario> scenarios) {
    List<Label> labels = new ArrayList<>();
    List<ScenarioContext> played = new ArrayList<>();
    for (Scenarios.Scenario scenario : scenarios) {
      ScenarioContext context =
          new ScenarioContext(
              cluster, date, Rng.of(cluster.seed, cluster.name(), date, scenario.id()));
      labels.add(scenario.play().apply(context));
      played.add(context);
    }
    List<FileEntry> files = new ArrayList<>();
    files.addAll(writeAudit(root, cluster, date, played));
    files.addAll(writeContainers(root, cluster, date, played));
    files.addAll(writeFlows(root, cluster, date, played));
    files.addAll(writeEvents(root, cluster, date, played));
    return new Result(files, labels);
  }

  private static List<FileEntry> writeAudit(
      Path root, ClusterModel cluster, LocalDate date, List<ScenarioContext> played) {
    AuditTraffic traffic = new AuditTraffic(cluster);
    List<List<AuditEvent>> byHour = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      byHour.add(new ArrayList<>());
    }
    List<AuditEvent> discrete = traffic.dayEvents(date);
    played.forEach(context -> discrete.addAll(context.audit));
    Instant dayStart = date.atStartOfDay(ZoneOffset.UTC).toInstant();
    for (AuditEvent event : discrete) {
      long hour = Duration.between(dayStart, event.received()).toHours();
      byHour.get((int) Math.max(0, Math.min(23, hour))).add(event);
    }
    try (AuditWriter writer = new AuditWriter(root, cluster, date)) {
      for (int hour = 0; hour < 24; hour++) {
        List<AuditEvent> events = byHour.get(hour);
        traffic.backgroundHour(date, hour, events::add);
        // The log backend writes an event when its stage completes.
        events.sort(
            Comparator.comparing(AuditEvent::completed)
                .thenComparing(AuditEvent::auditId)
                .thenComparing(AuditEvent::stage));
        writer.startHour(hour);
        events.forEach(writer::write);
        byHour.set(hour, null);
      }
      writer.close();
      return writer.files();
    }
  }

  private static List<FileEntry> writeContainers(
      Path root, ClusterModel cluster, LocalDate date, List<ScenarioContext> played) {
    ContainerTraffic traffic = new ContainerTraffic(cluster);
    List<LogLine> lines = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      traffic.hour(date, hour, lines::add);
    }
    played.forEach(context -> lines.addAll(context.logs));
    return ContainerWriter.write(root, cluster, date, lines);
  }

  private static List<FileEntry> writeEvents(
      Path root, ClusterModel cluster, LocalDate date, List<ScenarioContext> played) {
    List<ClusterEvent> events = new EventTraffic(cluster).day(date);
    played.forEach(context -> events.addAll(context.events));
    return EventWriter.write(root, cluster, date, events);
  }

  private static List<FileEntry> writeFlows(
      Path root, ClusterModel cluster, LocalDate date, List<ScenarioContext> played) {
    FlowTraffic traffic = new FlowTraffic(cluster);
    List<Flow> flows = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      traffic.hour(date, hour, flows::add);
    }
    played.forEach(context -> flows.addAll(context.flows));
    return FlowWriter.write(root, cluster, date, flows);
  }
}
