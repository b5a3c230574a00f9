package io.huntlake.hunt;

import io.huntlake.error.Errors;
import io.huntlake.sql.SqlScript;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named hunting query: a {@code .sql} file under {@code src/main/resources/hunts/} whose header
 * says what it finds, which ATT&CK techniques it looks for and which parameters it takes.
 *
 * @param sql the query with {@code ${name}} placeholders (header included: it is SQL comments)
 */
public record Hunt(
    String name,
    String title,
    String purpose,
    List<String> attack,
    List<HuntParameter> parameters,
    String sql) {

  /**
   * The query with every parameter written in as a checked literal: the given values, else the
   * defaults. Refuses a missing required value and a value for a parameter the hunt does not take.
   */
  public String render(Map<String, String> values) {
    Map<String, String> literals = new LinkedHashMap<>();
    for (String given : values.keySet()) {
      if (parameters.stream().noneMatch(p -> p.name().equals(given))) {
        throw Errors.unusedParameter(
            "Hunt '" + name + "'", given, parameters.stream().map(HuntParameter::name).toList());
      }
    }
    for (HuntParameter parameter : parameters) {
      String value = values.getOrDefault(parameter.name(), parameter.defaultValue().orElse(null));
      if (value == null) {
        throw Errors.missingParameter(
            "Hunt '" + name + "'", parameter.name(), parameter.description());
      }
      literals.put(parameter.name(), parameter.literal(value));
    }
    return SqlScript.substitute("Hunt '" + name + "'", sql, literals);
  }
}
