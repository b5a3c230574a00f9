package io.huntlake.intel;

import io.huntlake.config.Cidr;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * Values keyed by address ranges, looked up by the most specific range holding an address. One hash
 * map per prefix length in use, so a lookup costs one probe per distinct prefix length (a handful
 * in any real list), however many ranges there are.
 *
 * @param <V> what a range maps to
 */
final class AddressTable<V extends Serializable> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Address width in bits (32 or 128) → prefix length, longest first → network → value. */
  private final Map<Integer, TreeMap<Integer, Map<BigInteger, V>>> byWidth = new HashMap<>();

  private int size;

  /** Adds a range; a range already present keeps {@code merge(old, value)}. */
  void put(Cidr range, V value, BinaryOperator<V> merge) {
    Map<BigInteger, V> networks =
        byWidth
            .computeIfAbsent(range.bits(), w -> new TreeMap<>(java.util.Comparator.reverseOrder()))
            .computeIfAbsent(range.prefix(), p -> new HashMap<>());
    V previous = networks.get(range.network());
    networks.put(range.network(), previous == null ? value : merge.apply(previous, value));
    if (previous == null) {
      size++;
    }
  }

  /** The value of the most specific range holding the address; empty for non-addresses. */
  Optional<V> lookup(String address) {
    if (address == null || byWidth.isEmpty()) {
      return Optional.empty();
    }
    Optional<byte[]> bytes = Cidr.addressBytes(address.trim());
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    int width = bytes.get().length * 8;
    TreeMap<Integer, Map<BigInteger, V>> prefixes = byWidth.get(width);
    if (prefixes == null) {
      return Optional.empty();
    }
    BigInteger value = new BigInteger(1, bytes.get());
    for (Map.Entry<Integer, Map<BigInteger, V>> prefix : prefixes.entrySet()) {
      int hostBits = width - prefix.getKey();
      V found = prefix.getValue().get(value.shiftRight(hostBits).shiftLeft(hostBits));
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  int size() {
    return size;
  }
}
