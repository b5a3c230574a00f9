package io.huntlake.intel;

import java.util.Locale;
import java.util.Optional;

/** What an indicator is, and so which observed values it can match. */
public enum IndicatorType {
  /** One IPv4 or IPv6 address. */
  IP("ip"),
  /** An address range, matched by every address it holds. */
  CIDR("cidr"),
  /** A domain name, matched by itself and every name under it. */
  DOMAIN("domain"),
  /**
   * A URL, matched exactly (scheme and host case-insensitive, fragment and default port dropped).
   */
  URL("url");

  private final String label;

  IndicatorType(String label) {
    this.label = label;
  }

  /** The name the threat_intel table stores. */
  public String label() {
    return label;
  }

  /**
   * The type a feed declares in its own words (MISP, STIX and common CSV spellings); empty for a
   * word HuntLake does not know, and for types of things logs do not show (file hashes, e-mail).
   */
  public static Optional<IndicatorType> declared(String word) {
    String w = word.trim().toLowerCase(Locale.ROOT);
    return switch (w) {
      case "ip",
          "ipv4",
          "ipv6",
          "ip-dst",
          "ip-src",
          "ipv4-addr",
          "ipv6-addr",
          "ip_address",
          "address" ->
          Optional.of(IP);
      case "cidr", "range", "network", "subnet", "ip-range", "netblock" -> Optional.of(CIDR);
      case "domain", "hostname", "host", "fqdn", "domain-name", "domain_name" ->
          Optional.of(DOMAIN);
      case "url", "uri", "link" -> Optional.of(URL);
      default -> Optional.empty();
    };
  }

  /** Whether a value of type {@code actual} fits a declared type (a single address is a range). */
  boolean accepts(IndicatorType actual) {
    return this == actual || (this == CIDR && actual == IP) || (this == IP && actual == CIDR);
  }
}
