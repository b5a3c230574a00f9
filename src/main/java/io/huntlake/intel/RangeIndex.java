package io.huntlake.intel;

import io.huntlake.config.Cidr;
import java.io.Serializable;
import java.util.Collection;
import java.util.Optional;

/** Cloud providers' published ranges, looked up by address (the most specific range wins). */
public final class RangeIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final RangeIndex EMPTY = new RangeIndex(java.util.List.of());

  private final AddressTable<AddressRange> ranges = new AddressTable<>();

  public RangeIndex(Collection<AddressRange> loaded) {
    for (AddressRange range : loaded) {
      Cidr.parse(range.range())
          .ifPresent(cidr -> ranges.put(cidr, range, AddressRange::mergedWith));
    }
  }

  public Optional<AddressRange> lookup(String address) {
    return ranges.lookup(address);
  }

  public int size() {
    return ranges.size();
  }
}
