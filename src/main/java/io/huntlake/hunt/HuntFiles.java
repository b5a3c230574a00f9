package io.huntlake.hunt;

import io.huntlake.error.Errors;
import io.huntlake.error.HuntlakeException;
import io.huntlake.sql.SqlScript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a hunt from its {@code .sql} file. The header is the file's leading {@code --} comment
 * lines, {@code key: value} each, a value continued on lines indented by two more spaces:
 *
 * <pre>
 * -- title: Exec and attach sessions with the decoded command
 * -- purpose: Who ran what in which container ...
 * --   (continued)
 * -- attack: T1609, T1059.004
 * -- param: day date : the last day searched
 * -- param: days int = 1 : how many days up to day
 * </pre>
 *
 * Every parameter the query uses must be declared and every declared one used, so a hunt fails when
 * the catalogue loads, not halfway through a hunt.
 */
final class HuntFiles {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");
  private static final Pattern PARAM =
      Pattern.compile("([a-z][a-z0-9_]*)\\s+([a-z]+)(?:\\s*=\\s*(\\S+))?\\s*:\\s*(.+)");
  private static final Set<String> KEYS = Set.of("title", "purpose", "attack", "param");

  private HuntFiles() {}

  static Hunt parse(String name, String text, String origin) {
    if (!NAME.matcher(name).matches()) {
      throw Errors.invalidHunt(
          origin, "'" + name + "' is not lower-case words joined by '_'", "Rename the file.");
    }
    Map<String, String> single = new LinkedHashMap<>();
    List<String> params = new ArrayList<>();
    String lastKey = null;
    for (String line : text.lines().toList()) {
      if (!line.startsWith("--")) {
        break;
      }
      String body = line.substring(2);
      if (body.startsWith("   ") && lastKey != null) {
        String continued = body.strip();
        if (lastKey.equals("param")) {
          params.set(params.size() - 1, params.get(params.size() - 1) + " " + continued);
        } else {
          single.put(lastKey, single.get(lastKey) + " " + continued);
        }
        continue;
      }
      int colon = body.indexOf(':');
      if (body.isBlank() || colon < 0) {
        lastKey = null;
        continue;
      }
      String key = body.substring(0, colon).strip();
      String value = body.substring(colon + 1).strip();
      if (!KEYS.contains(key)) {
        throw Errors.invalidHunt(
            origin,
            "'" + key + "' is not a header key",
            "Use only " + KEYS.stream().sorted().toList() + ".");
      }
      if (key.equals("param")) {
        params.add(value);
      } else {
        single.put(key, value);
      }
      lastKey = key;
    }
    for (String key : List.of("title", "purpose", "attack")) {
      if (single.getOrDefault(key, "").isBlank()) {
        throw Errors.invalidHunt(
            origin, "the header has no '" + key + "'", "Add a line '-- " + key + ": ...'.");
      }
    }
    List<HuntParameter> parameters = params.stream().map(p -> parameter(p, origin)).toList();
    checkParametersUsed(parameters, text, origin);
    return new Hunt(
        name,
        single.get("title"),
        single.get("purpose"),
        techniques(single.get("attack"), origin),
        parameters,
        text);
  }

  private static HuntParameter parameter(String declaration, String origin) {
    Matcher m = PARAM.matcher(declaration);
    if (!m.matches() || !HuntParameter.TYPES.contains(m.group(2))) {
      throw Errors.invalidHunt(
          origin,
          "'param: " + declaration + "' is not NAME TYPE [= DEFAULT] : MEANING",
          "Declare it like 'param: days int = 1 : how many days', TYPE one of "
              + HuntParameter.TYPES.stream().sorted().toList()
              + ".");
    }
    HuntParameter parameter =
        new HuntParameter(m.group(1), m.group(2), Optional.ofNullable(m.group(3)), m.group(4));
    parameter
        .defaultValue()
        .ifPresent(
            value -> {
              try {
                parameter.literal(value);
              } catch (HuntlakeException e) {
                throw Errors.invalidHunt(
                    origin,
                    "the default of '"
                        + parameter.name()
                        + "' is not a "
                        + parameter.type()
                        + ": "
                        + e.problem(),
                    "Give a default of the declared type, or none.");
              }
            });
    return parameter;
  }

  private static void checkParametersUsed(
      List<HuntParameter> parameters, String text, String origin) {
    Set<String> used = SqlScript.parameters(text);
    List<String> declared = parameters.stream().map(HuntParameter::name).toList();
    for (String name : used) {
      if (!declared.contains(name)) {
        throw Errors.invalidHunt(
            origin,
            "the query uses ${" + name + "} but the header does not declare it",
            "Add '-- param: " + name + " TYPE : MEANING'.");
      }
    }
    for (String name : declared) {
      if (!used.contains(name)) {
        throw Errors.invalidHunt(
            origin,
            "the header declares '" + name + "' but the query never uses it",
            "Use ${" + name + "} or remove the declaration.");
      }
    }
  }

  private static List<String> techniques(String attack, String origin) {
    if (attack.equals("none")) {
      return List.of();
    }
    List<String> ids = Arrays.stream(attack.split(",")).map(String::strip).toList();
    for (String id : ids) {
      if (!TECHNIQUE.matcher(id).matches()) {
        throw Errors.invalidHunt(
            origin,
            "'" + id + "' is not an ATT&CK technique id",
            "Write ids like T1609 or T1552.007, comma-separated, or 'none' for a utility query.");
      }
    }
    return ids;
  }
}
