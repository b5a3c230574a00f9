package io.huntlake.detect;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.huntlake.config.Allowlist;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * The allowlist entry a match falls under, as a column: the same fields for every rule (identity,
 * namespace, image, address, user agent), global entries first, then the rule's own.
 */
final class Allowlists {
  private Allowlists() {}

  /** "detect.allow.identities: ci-*" for the first entry that applies, else null. */
  static Column suppressedBy(Allowlist global, Allowlist ruleOwn, String ruleId) {
    Column entry = lit(null).cast(DataTypes.StringType);
    // Built last-to-first so the first entry listed wins.
    List<Column[]> entries = new java.util.ArrayList<>();
    entries.addAll(entries(global, "detect.allow."));
    entries.addAll(entries(ruleOwn, "detect.suppress." + ruleId + "."));
    for (int i = entries.size() - 1; i >= 0; i--) {
      entry = when(entries.get(i)[0], entries.get(i)[1]).otherwise(entry);
    }
    return entry;
  }

  private static List<Column[]> entries(Allowlist list, String prefix) {
    List<Column[]> entries = new java.util.ArrayList<>();
    globs(entries, prefix + "identities", list.identities(), Matches.IDENTITY);
    globs(entries, prefix + "namespaces", list.namespaces(), Matches.NAMESPACE);
    globs(entries, prefix + "images", list.images(), Matches.IMAGE);
    for (String range : list.cidrs()) {
      entries.add(
          new Column[] {
            callUDF("in_cidrs", col(Matches.IP), array(lit(range))), lit(prefix + "cidrs: " + range)
          });
    }
    globs(entries, prefix + "user_agents", list.userAgents(), Matches.USER_AGENT);
    return entries;
  }

  private static void globs(
      List<Column[]> entries, String setting, List<String> patterns, String column) {
    for (String pattern : patterns) {
      entries.add(
          new Column[] {
            col(column).isNotNull().and(col(column).rlike(regex(pattern))),
            lit(setting + ": " + pattern)
          });
    }
  }

  /** A glob as an anchored regular expression: '*' matches anything, all else literally. */
  static String regex(String glob) {
    String[] parts = glob.split("\\*", -1);
    StringBuilder regex = new StringBuilder("^");
    for (int i = 0; i < parts.length; i++) {
      regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
    }
    return regex.append("$").toString();
  }
}
