package io.huntlake.detect;

import java.util.List;
import java.util.Map;

/**
 * An inline test of a rule: rows of the input tables, and whether the rule must match them.
 *
 * @param tables table name (audit_events, container_logs, network_flows, *_activity_daily) → rows,
 *     each a map of column → value; columns left out take the defaults of {@link TestTables}
 * @param params settings for this test only: the rule's parameters, trusted_registries or
 *     cluster_cidrs (lists comma-separated), as detect.params and detect.* would set them
 * @param severity for a matching test, the severity its finding must have (the highest of its
 *     matches' grades); empty to check only that it matches
 */
public record RuleTest(
    String name,
    boolean expectMatch,
    Map<String, List<Map<String, Object>>> tables,
    Map<String, String> params,
    java.util.Optional<Severity> severity) {
  /** A test that checks only whether the rule matches. */
  public RuleTest(
      String name,
      boolean expectMatch,
      Map<String, List<Map<String, Object>>> tables,
      Map<String, String> params) {
    this(name, expectMatch, tables, params, java.util.Optional.empty());
  }

  public RuleTest {
    tables = Map.copyOf(tables);
    params = Map.copyOf(params);
  }
}
