package io.huntlake.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.error.Errors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * One line of the generator's {@code labels.jsonl}: the entity a scenario should make stand out, on
 * its day.
 *
 * @param kind attack, or capacity for a benign volume event
 * @param addressIds for a flow edge, the same edge named by addresses ({@code src_ip -> dst:port},
 *     from the label's flow keys): what HuntLake can call it when no log says which pod held the
 *     source address (VPC Flow Logs without Hubble)
 * @param evidence the scenario's audit ids, flow keys, log references and Kubernetes Event uids, as
 *     findings cite them
 */
public record LabelledEntity(
    LocalDate date,
    String scenario,
    String kind,
    String entityType,
    String entityId,
    String cluster,
    List<String> addressIds,
    List<String> evidence) {

  public LabelledEntity {
    addressIds = List.copyOf(addressIds);
    evidence = List.copyOf(evidence);
  }

  /** A flow key "TS SRC_IP:PORT > DST_IP:PORT PROTO" → the edge "SRC_IP -> DST_IP:PORT". */
  private static final java.util.regex.Pattern FLOW_KEY =
      java.util.regex.Pattern.compile("^\\S+ (\\S+):\\d+ > (\\S+:\\d+) \\S+$");

  /** Reads a labels file from a local path or object storage. */
  public static List<LabelledEntity> read(String file, Configuration hadoop) {
    Path path = new Path(file);
    List<LabelledEntity> labels = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (var in = path.getFileSystem(hadoop).open(path)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int lineNumber = 0;
      for (String line : text.split("\n")) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        labels.add(parse(json.readTree(line), file, lineNumber));
      }
    } catch (IOException e) {
      throw Errors.unreadableLabels(file, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return labels;
  }

  private static List<String> evidence(JsonNode node) {
    List<String> ids = new ArrayList<>();
    for (String kind : List.of("audit_ids", "flow_keys", "log_lines", "k8s_events")) {
      node.path("evidence").path(kind).forEach(id -> ids.add(id.asText()));
    }
    return ids;
  }

  private static List<String> addressIds(JsonNode node) {
    if (!"flow_edge".equals(node.path("entity_type").asText())) {
      return List.of();
    }
    java.util.Set<String> ids = new java.util.LinkedHashSet<>();
    for (JsonNode key : node.path("evidence").path("flow_keys")) {
      java.util.regex.Matcher m = FLOW_KEY.matcher(key.asText());
      if (m.matches()) {
        ids.add(io.huntlake.table.EvidenceKeys.flowEdge(m.group(1), m.group(2)));
      }
    }
    return List.copyOf(ids);
  }

  private static LabelledEntity parse(JsonNode node, String file, int line) {
    String[] fields = {"date", "scenario", "kind", "entity_type", "entity_id", "cluster"};
    for (String field : fields) {
      if (!node.path(field).isTextual()) {
        throw Errors.unreadableLabels(file, "line " + line + " has no text field '" + field + "'");
      }
    }
    try {
      return new LabelledEntity(
          LocalDate.parse(node.get("date").asText()),
          node.get("scenario").asText(),
          node.get("kind").asText(),
          node.get("entity_type").asText(),
          node.get("entity_id").asText(),
          node.get("cluster").asText(),
          addressIds(node),
          evidence(node));
    } catch (java.time.format.DateTimeParseException e) {
      throw Errors.unreadableLabels(file, "line " + line + ": " + e.getMessage());
    }
  }
}
