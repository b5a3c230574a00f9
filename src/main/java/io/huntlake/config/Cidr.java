package io.huntlake.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range such as {@code 10.0.0.0/8}. Parsing never resolves a name: only
 * address literals are accepted, so matching millions of addresses makes no DNS lookups.
 */
public record Cidr(String text, BigInteger network, int prefix, int bits)
    implements java.io.Serializable {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  /** The range written as {@code address/prefix}, or a single address; empty when malformed. */
  public static Optional<Cidr> parse(String text) {
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    Optional<byte[]> bytes = addressBytes(address);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    int bits = bytes.get().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (prefix < 0 || prefix > bits) {
      return Optional.empty();
    }
    BigInteger mask = mask(prefix, bits);
    return Optional.of(new Cidr(trimmed, new BigInteger(1, bytes.get()).and(mask), prefix, bits));
  }

  /** Whether an address literal lies in the range (false for names and malformed input). */
  public boolean contains(String address) {
    if (address == null) {
      return false;
    }
    Optional<byte[]> bytes = addressBytes(address.trim());
    return bytes.isPresent()
        && bytes.get().length * 8 == bits
        && new BigInteger(1, bytes.get()).and(mask(prefix, bits)).equals(network);
  }

  private static BigInteger mask(int prefix, int bits) {
    return BigInteger.ONE
        .shiftLeft(bits)
        .subtract(BigInteger.ONE)
        .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
  }

  /** The bytes of an IPv4 (4) or IPv6 (16) address literal; empty for names and malformed text. */
  public static Optional<byte[]> addressBytes(String address) {
    if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
      return Optional.empty();
    }
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress();
      return Optional.of(bytes);
    } catch (UnknownHostException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
