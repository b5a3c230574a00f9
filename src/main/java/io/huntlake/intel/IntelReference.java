package io.huntlake.intel;

import java.io.Serializable;

/**
 * What rules and hunts match log values against besides the logs themselves: the indicators in
 * force and the cloud providers' ranges.
 */
public record IntelReference(IntelIndex indicators, RangeIndex ranges) implements Serializable {
  /** Nothing loaded: no indicator matches, no address is a provider's. */
  public static final IntelReference EMPTY = new IntelReference(IntelIndex.EMPTY, RangeIndex.EMPTY);
}
