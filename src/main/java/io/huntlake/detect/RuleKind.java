package io.huntlake.detect;

import java.util.Optional;

/**
 * What shape of evidence a rule looks for. The engine runs all three the same way (the rule's SQL
 * decides); the kind tells hunters what a finding means and how to test the rule.
 */
public enum RuleKind {
  /** One event is enough: a privileged pod, an exec with a reverse shell. */
  EVENT,
  /** Many events from one entity within the day: a burst of secret reads, a port scan. */
  THRESHOLD,
  /** Events in order within minutes from one entity: an RBAC change, then a privileged pod. */
  SEQUENCE;

  public String label() {
    return Labels.of(this);
  }

  public static Optional<RuleKind> parse(String text) {
    return Labels.parse(RuleKind.class, text);
  }
}
