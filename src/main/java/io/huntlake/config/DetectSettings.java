package io.huntlake.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What detect and backtest run and how (detect.*).
 *
 * @param rulesDirectory a local folder of user rule files, run after the built-in catalogue
 * @param disabledRules rule ids to skip
 * @param evidenceLimit most evidence ids kept per finding
 * @param trustedRegistries registries (or registry path prefixes) images may come from
 * @param clusterCidrs address ranges of the cluster's nodes, pods and internal clients
 * @param allow allowlist applied to every rule
 * @param suppress allowlists per rule id
 * @param params rule parameter overrides: rule id → parameter name → value as written
 */
public record DetectSettings(
    Optional<String> rulesDirectory,
    List<String> disabledRules,
    int evidenceLimit,
    List<String> trustedRegistries,
    List<String> clusterCidrs,
    Allowlist allow,
    Map<String, Allowlist> suppress,
    Map<String, Map<String, String>> params)
    implements java.io.Serializable {

  public DetectSettings {
    disabledRules = List.copyOf(disabledRules);
    trustedRegistries = List.copyOf(trustedRegistries);
    clusterCidrs = List.copyOf(clusterCidrs);
    suppress = Map.copyOf(suppress);
    params = Map.copyOf(params);
  }

  /** The allowlist of one rule (empty when none is configured). */
  public Allowlist suppressionsOf(String ruleId) {
    return suppress.getOrDefault(ruleId, Allowlist.NONE);
  }
}
