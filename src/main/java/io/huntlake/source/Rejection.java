package io.huntlake.source;

/** A line that cannot be loaded, with the reason the rejects table will show. */
final class Rejection extends Exception {
  private static final long serialVersionUID = 1L;

  Rejection(String reason) {
    super(reason, null, false, false);
  }
}
