package io.huntlake.detect;

import java.util.Optional;

/** How urgent a finding is, lowest first. Allowlisted matches are lowered to {@link #INFO}. */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The name as rules, config and the findings table write it: "high". */
  public String label() {
    return Labels.of(this);
  }

  public static Optional<Severity> parse(String text) {
    return Labels.parse(Severity.class, text);
  }
}
