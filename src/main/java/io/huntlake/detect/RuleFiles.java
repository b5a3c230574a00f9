package io.huntlake.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.huntlake.error.Errors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one rule from its YAML text and checks every field, so a broken rule fails when the
 * catalogue loads, naming the file and the field, never halfway through a detect run.
 */
final class RuleFiles {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");
  private static final Pattern PARAM_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  static final Set<String> ENTITY_TYPES =
      Set.of("user", "workload", "pod", "source_ip", "flow_edge", "node", "cluster");

  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "title",
          "description",
          "severity",
          "attack",
          "version",
          "kind",
          "query",
          "entity",
          "namespace",
          "evidence",
          "detail",
          "params",
          "tests");
  private static final Set<String> TEST_FIELDS = Set.of("name", "expect", "severity", "params");

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private RuleFiles() {}

  static Rule parse(String text, String origin) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (IOException e) {
      throw Errors.invalidRule(
          origin, "it is not valid YAML: " + firstLine(e.getMessage()), "Fix the YAML syntax.");
    }
    if (root == null || !root.isObject()) {
      throw Errors.invalidRule(origin, "it is not a YAML mapping", "Start from a built-in rule.");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw Errors.invalidRule(
            origin,
            "'" + name + "' is not a rule field",
            "Use only " + String.join(", ", FIELDS.stream().sorted().toList()) + ".");
      }
    }
    String id = text(root, "id", origin);
    if (!ID.matcher(id).matches()) {
      throw Errors.invalidRule(
          origin,
          "id '" + id + "' is not lower-case words joined by '-'",
          "Name it like k8s-exec-into-pod.");
    }
    Severity severity =
        Severity.parse(text(root, "severity", origin))
            .orElseThrow(
                () ->
                    Errors.invalidRule(
                        origin,
                        "severity '" + root.get("severity").asText() + "' is unknown",
                        "Use info, low, medium, high or critical."));
    RuleKind kind =
        RuleKind.parse(text(root, "kind", origin))
            .orElseThrow(
                () ->
                    Errors.invalidRule(
                        origin,
                        "kind '" + root.get("kind").asText() + "' is unknown",
                        "Use event, threshold or sequence."));
    List<String> attack = strings(root.get("attack"), "attack", origin);
    if (attack.isEmpty()) {
      throw Errors.invalidRule(
          origin, "attack lists no technique", "Give the ATT&CK technique ids, e.g. [T1609].");
    }
    for (String technique : attack) {
      if (!TECHNIQUE.matcher(technique).matches()) {
        throw Errors.invalidRule(
            origin,
            "'" + technique + "' is not an ATT&CK technique id",
            "Write technique ids as T1234 or T1234.001.");
      }
    }
    JsonNode version = root.get("version");
    if (version == null || !version.canConvertToInt() || version.asInt() < 1) {
      throw Errors.invalidRule(origin, "version is not a whole number ≥ 1", "Start at version: 1.");
    }
    JsonNode entity = root.get("entity");
    if (entity == null || !entity.isObject()) {
      throw Errors.invalidRule(
          origin,
          "entity is missing",
          "Give entity: {type: user, id: user_name} (type and a SQL expression).");
    }
    String entityType = text(entity, "type", origin + " entity");
    if (!ENTITY_TYPES.contains(entityType)) {
      throw Errors.invalidRule(
          origin,
          "entity type '" + entityType + "' is unknown",
          "Use one of " + String.join(", ", ENTITY_TYPES.stream().sorted().toList()) + ".");
    }
    Map<String, Object> params = params(root.get("params"), origin);
    List<RuleTest> tests = tests(root.get("tests"), origin);
    return new Rule(
        id,
        text(root, "title", origin),
        text(root, "description", origin).strip(),
        severity,
        attack,
        version.asInt(),
        kind,
        text(root, "query", origin).strip(),
        entityType,
        text(entity, "id", origin + " entity"),
        optionalText(root, "namespace"),
        optionalText(root, "evidence"),
        text(root, "detail", origin),
        params,
        tests,
        origin);
  }

  private static Map<String, Object> params(JsonNode node, String origin) {
    Map<String, Object> params = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return params;
    }
    if (!node.isObject()) {
      throw Errors.invalidRule(origin, "params is not a mapping", "Write params: {name: value}.");
    }
    node.fields()
        .forEachRemaining(
            field -> {
              if (!PARAM_NAME.matcher(field.getKey()).matches()) {
                throw Errors.invalidRule(
                    origin,
                    "parameter '" + field.getKey() + "' is not a snake_case name",
                    "Name parameters like min_objects.");
              }
              JsonNode value = field.getValue();
              Object parsed;
              if (value.isNumber()) {
                parsed = value.numberValue();
              } else if (value.isArray()) {
                parsed = strings(value, "params." + field.getKey(), origin);
              } else if (value.isTextual()) {
                parsed = value.asText();
              } else {
                throw Errors.invalidRule(
                    origin,
                    "parameter '" + field.getKey() + "' is neither a number, a string nor a list",
                    "Give each parameter a number, a string or a list of strings.");
              }
              params.put(field.getKey(), parsed);
            });
    return params;
  }

  private static List<RuleTest> tests(JsonNode node, String origin) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw Errors.invalidRule(
          origin,
          "it has no tests",
          "Add tests: at least one whose events must match (expect: match) and one near miss"
              + " (expect: no-match).");
    }
    List<RuleTest> tests = new ArrayList<>();
    boolean match = false;
    boolean noMatch = false;
    for (JsonNode test : node) {
      String name = test.path("name").asText("");
      String where = origin + " test '" + name + "'";
      if (name.isBlank()) {
        throw Errors.invalidRule(origin, "a test has no name", "Give every test a name.");
      }
      String expect = test.path("expect").asText("");
      if (!expect.equals("match") && !expect.equals("no-match")) {
        throw Errors.invalidRule(
            where, "expect is '" + expect + "'", "Write expect: match or expect: no-match.");
      }
      Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> fields = test.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (TEST_FIELDS.contains(field.getKey())) {
          continue;
        }
        if (!TestTables.TABLES.containsKey(field.getKey())) {
          throw Errors.invalidRule(
              where,
              "'" + field.getKey() + "' is not an input table",
              "Give rows of "
                  + String.join(", ", TestTables.TABLES.keySet().stream().sorted().toList())
                  + ".");
        }
        if (!field.getValue().isArray()) {
          throw Errors.invalidRule(
              where, field.getKey() + " is not a list of rows", "Write one mapping per row.");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode row : field.getValue()) {
          if (!row.isObject()) {
            throw Errors.invalidRule(
                where, field.getKey() + " has a row that is not a mapping", "Write column: value.");
          }
          rows.add(row(row));
        }
        tables.put(field.getKey(), rows);
      }
      Map<String, String> params = new LinkedHashMap<>();
      test.path("params")
          .fields()
          .forEachRemaining(
              p ->
                  params.put(
                      p.getKey(),
                      p.getValue().isArray()
                          ? String.join(",", strings(p.getValue(), "params." + p.getKey(), where))
                          : p.getValue().asText()));
      Optional<Severity> severity = Optional.empty();
      if (test.has("severity")) {
        String label = test.path("severity").asText("");
        severity = Severity.parse(label);
        if (severity.isEmpty() || !expect.equals("match")) {
          throw Errors.invalidRule(
              where,
              "severity is '" + label + "'" + (expect.equals("match") ? "" : " on a no-match test"),
              "On a matching test, write the severity its finding must have: info, low, medium,"
                  + " high or critical.");
        }
      }
      match |= expect.equals("match");
      noMatch |= expect.equals("no-match");
      tests.add(new RuleTest(name, expect.equals("match"), tables, params, severity));
    }
    if (!match || !noMatch) {
      throw Errors.invalidRule(
          origin,
          "its tests need at least one 'expect: match' and one 'expect: no-match'",
          "Add the missing kind: a no-match test should be a near miss, not unrelated events.");
    }
    return tests;
  }

  /** A test row: scalars as Java values, nested mappings (request_object) as JSON text. */
  private static Map<String, Object> row(JsonNode row) {
    Map<String, Object> values = new LinkedHashMap<>();
    row.fields()
        .forEachRemaining(
            field -> {
              JsonNode value = field.getValue();
              Object converted;
              if (value.isNull()) {
                converted = null;
              } else if (value.isObject()) {
                try {
                  converted = JSON.writeValueAsString(value);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                converted = items;
              } else if (value.isBoolean()) {
                converted = value.asBoolean();
              } else if (value.isNumber()) {
                converted = value.numberValue();
              } else {
                converted = value.asText();
              }
              values.put(field.getKey(), converted);
            });
    return values;
  }

  private static String text(JsonNode node, String field, String origin) {
    JsonNode value = node.get(field);
    if (value == null || !value.isValueNode() || value.asText().isBlank()) {
      throw Errors.invalidRule(origin, field + " is missing", "Give the rule a " + field + ".");
    }
    return value.asText();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  private static List<String> strings(JsonNode node, String field, String origin) {
    if (node == null || !node.isArray()) {
      throw Errors.invalidRule(origin, field + " is not a list", "Write " + field + ": [a, b].");
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isValueNode()) {
        throw Errors.invalidRule(
            origin, field + " holds something other than strings", "List plain values.");
      }
      items.add(item.asText());
    }
    return items;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
