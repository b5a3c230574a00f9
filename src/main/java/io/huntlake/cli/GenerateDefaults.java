package io.huntlake.cli;

/** Defaults shared by generate and demo, so both produce the documented data set. */
final class GenerateDefaults {
  /** A fixed start: generated data never depends on the day it was made. */
  static final String START = "2026-11-01";

  static final String SEED = "42";

  private GenerateDefaults() {}
}
