package io.huntlake.detect;

import java.util.List;
import java.util.Map;

/**
 * One detection rule, as read from its YAML file. The engine runs {@link #query} over the day's
 * tables and views (see {@link RuleViews}); every row it returns is a match, which the mappings
 * below turn into a finding's entity, namespace, evidence and sentence.
 *
 * @param id stable id, lower-case words joined by '-' (also the file name)
 * @param description what a match means and how to triage it
 * @param attack MITRE ATT&amp;CK technique ids (Containers matrix)
 * @param version raised whenever the rule's logic changes; recorded in each finding
 * @param query Spark SQL over the documented tables and views; {@code ${name}} is a parameter
 * @param entityType what the finding is about: user, workload, pod, source_ip, flow_edge, cluster
 * @param entityId SQL expression over the query's columns naming the entity
 * @param namespace SQL expression for the namespace, or null for the query's namespace column
 * @param evidence SQL expression for one evidence id per row, or null for the default (audit_id,
 *     flow key or log reference, whichever the query's columns give)
 * @param detail SQL expression: the match in words, the first of which becomes the summary
 * @param params parameter defaults, by name: numbers, strings or lists of strings
 * @param tests inline tests, run by {@code huntlake rules test} and by {@code mvn verify}
 * @param origin where the rule came from, for messages
 */
public record Rule(
    String id,
    String title,
    String description,
    Severity severity,
    List<String> attack,
    int version,
    RuleKind kind,
    String query,
    String entityType,
    String entityId,
    String namespace,
    String evidence,
    String detail,
    Map<String, Object> params,
    List<RuleTest> tests,
    String origin) {

  public Rule {
    attack = List.copyOf(attack);
    params = Map.copyOf(params);
    tests = List.copyOf(tests);
  }
}
