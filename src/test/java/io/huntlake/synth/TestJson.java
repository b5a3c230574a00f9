package io.huntlake.synth;

/** Test access to the generator's JSON quoting. */
public final class TestJson {
  private TestJson() {}

  public static String quote(String text) {
    return AuditJson.quote(text);
  }
}
