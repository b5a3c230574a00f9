package io.huntlake.sql;

import io.huntlake.error.Errors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL text as statements: split at semicolons outside quotes and comments, with {@code ${name}}
 * parameters replaced by SQL literals. A parameter always becomes a complete, escaped literal,
 * never raw text, so a value cannot change the query's shape: write {@code WHERE user_name =
 * ${user}}, not {@code '${user}'}.
 */
public final class SqlScript {
  private static final Pattern PARAMETER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private SqlScript() {}

  /** The statements of a script, trimmed, without empty ones; comments stay where they are. */
  public static List<String> statements(String script) {
    return split(script).statements();
  }

  /**
   * Whether the text's last statement is closed by a semicolon outside quotes and comments: the
   * interactive shell runs what it has read once this holds.
   */
  public static boolean complete(String text) {
    Split split = split(text);
    return split.terminated() && !split.statements().isEmpty();
  }

  private record Split(List<String> statements, boolean terminated) {}

  private static Split split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean terminated = false;
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      int end = i + 1;
      if (c == '\'' || c == '"' || c == '`') {
        end = closingQuote(script, i);
      } else if (script.startsWith("--", i)) {
        end = script.indexOf('\n', i);
        end = end < 0 ? script.length() : end;
      } else if (script.startsWith("/*", i)) {
        end = script.indexOf("*/", i + 2);
        end = end < 0 ? script.length() : end + 2;
      } else if (c == ';') {
        add(statements, current);
        current.setLength(0);
        terminated = true;
        i++;
        continue;
      }
      String part = script.substring(i, end);
      current.append(part);
      if (!part.isBlank() && !part.startsWith("--") && !part.startsWith("/*")) {
        terminated = false;
      }
      if ((part.startsWith("/*") && !part.endsWith("*/")) || unclosedQuote(part)) {
        terminated = false;
      }
      i = end;
    }
    add(statements, current);
    return new Split(statements, terminated);
  }

  private static boolean unclosedQuote(String part) {
    char first = part.charAt(0);
    return (first == '\'' || first == '"' || first == '`')
        && (part.length() == 1 || part.charAt(part.length() - 1) != first);
  }

  /** The names of the {@code ${name}} parameters the text uses, in order of first use. */
  public static Set<String> parameters(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PARAMETER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * Replaces every {@code ${name}} with its literal; refuses a parameter without a value and a
   * value no parameter uses (a misspelt --param would otherwise be ignored silently).
   */
  public static String substitute(String origin, String text, Map<String, String> literals) {
    Set<String> used = parameters(text);
    for (String name : literals.keySet()) {
      if (!used.contains(name)) {
        throw Errors.unusedParameter(origin, name, List.copyOf(used));
      }
    }
    Matcher m = PARAMETER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String literal = literals.get(m.group(1));
      if (literal == null) {
        throw Errors.missingParameter(origin, m.group(1), null);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(literal));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A string literal Spark SQL reads back as exactly {@code value} (it honours backslashes). */
  public static String stringLiteral(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static int closingQuote(String script, int open) {
    char quote = script.charAt(open);
    int i = open + 1;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
        continue;
      }
      if (c == quote) {
        return i + 1;
      }
      i++;
    }
    return script.length();
  }

  private static void add(List<String> statements, StringBuilder text) {
    String statement = text.toString().strip();
    if (!statement.isEmpty() && !onlyComments(statement)) {
      statements.add(statement);
    }
  }

  private static boolean onlyComments(String statement) {
    return statement
        .replaceAll("(?s)/\\*.*?\\*/", "")
        .lines()
        .map(String::strip)
        .allMatch(l -> l.isEmpty() || l.startsWith("--"));
  }
}
