package io.huntlake.intel;

import io.huntlake.config.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns an indicator as a feed writes it into the one form HuntLake stores and matches: defanged
 * spellings restored ({@code hxxp://evil[.]example}), addresses in canonical form, ranges by their
 * network address, domains lower-case without a trailing dot or wildcard, URLs with scheme and host
 * lower-case and fragment and default port dropped. Observed values (log fields, message tokens)
 * are normalised the same way before lookup, so a match never depends on spelling.
 */
public final class IndicatorValues {
  /** A value in stored form, or why it is not an indicator HuntLake can match. */
  public record Normalized(Optional<IndicatorType> type, String value, String problem) {
    static Normalized of(IndicatorType type, String value) {
      return new Normalized(Optional.of(type), value, null);
    }

    static Normalized rejected(String problem) {
      return new Normalized(Optional.empty(), null, problem);
    }
  }

  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SCHEME =
      Pattern.compile("[a-z][a-z0-9+.-]*", Pattern.CASE_INSENSITIVE);

  private IndicatorValues() {}

  /** An indicator from a feed; {@code declared} is the type the feed gives, when it gives one. */
  public static Normalized indicator(String raw, Optional<IndicatorType> declared) {
    String text = refang(stripQuotes(raw.trim()));
    if (text.isEmpty()) {
      return Normalized.rejected("empty indicator");
    }
    Normalized parsed = parse(text);
    if (parsed.type().isEmpty()) {
      return parsed;
    }
    if (declared.isPresent() && !declared.get().accepts(parsed.type().get())) {
      return Normalized.rejected(
          "declared " + declared.get().label() + " but reads as " + parsed.type().get().label());
    }
    return parsed;
  }

  private static Normalized parse(String text) {
    if (text.contains("://")) {
      return url(text)
          .map(u -> Normalized.of(IndicatorType.URL, u))
          .orElse(Normalized.rejected("malformed URL"));
    }
    if (text.chars().anyMatch(c -> c == ':' || c == '/') || text.matches("[0-9.]+")) {
      Optional<Cidr> range = Cidr.parse(text);
      if (range.isEmpty()) {
        return Normalized.rejected("malformed address or range");
      }
      Cidr cidr = range.get();
      String network = addressText(cidr);
      return cidr.prefix() == cidr.bits()
          ? Normalized.of(IndicatorType.IP, network)
          : Normalized.of(IndicatorType.CIDR, network + "/" + cidr.prefix());
    }
    return domain(text)
        .map(d -> Normalized.of(IndicatorType.DOMAIN, d))
        .orElse(Normalized.rejected("not an address, range, domain name or URL"));
  }

  /** A domain name in stored form: lower-case, no trailing dot, no leading wildcard label. */
  public static Optional<String> domain(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String d = name.trim().toLowerCase(Locale.ROOT);
    if (d.startsWith("*.")) {
      d = d.substring(2);
    } else if (d.startsWith(".")) {
      d = d.substring(1);
    }
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    return d.length() <= 253 && DOMAIN.matcher(d).matches() ? Optional.of(d) : Optional.empty();
  }

  /**
   * A URL in stored form: scheme and host lower-case, user info, fragment and the scheme's default
   * port dropped, an empty path written as {@code /}; empty when it has no scheme or host.
   */
  public static Optional<String> url(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String u = text.trim();
    int schemeEnd = u.indexOf("://");
    if (schemeEnd <= 0 || !SCHEME.matcher(u.substring(0, schemeEnd)).matches()) {
      return Optional.empty();
    }
    String scheme = u.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    String rest = u.substring(schemeEnd + 3);
    int fragment = rest.indexOf('#');
    if (fragment >= 0) {
      rest = rest.substring(0, fragment);
    }
    int pathStart = firstOf(rest, "/?");
    String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
    String path = pathStart < 0 ? "/" : rest.substring(pathStart);
    if (path.startsWith("?")) {
      path = "/" + path;
    }
    int at = authority.lastIndexOf('@');
    String hostPort = (at >= 0 ? authority.substring(at + 1) : authority).toLowerCase(Locale.ROOT);
    String defaultPort =
        switch (scheme) {
          case "http" -> ":80";
          case "https" -> ":443";
          case "ftp" -> ":21";
          default -> null;
        };
    if (defaultPort != null && hostPort.endsWith(defaultPort)) {
      hostPort = hostPort.substring(0, hostPort.length() - defaultPort.length());
    }
    if (hostPort.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(scheme + "://" + hostPort + path);
  }

  /** The host of a URL in stored form (without port or IPv6 brackets). */
  static String hostOf(String storedUrl) {
    String rest = storedUrl.substring(storedUrl.indexOf("://") + 3);
    String hostPort = rest.substring(0, rest.indexOf('/'));
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      return close < 0 ? hostPort : hostPort.substring(1, close);
    }
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  /** Defanged spellings, as threat reports write indicators so nobody clicks them, restored. */
  static String refang(String text) {
    String t =
        text.replace("[.]", ".")
            .replace("(.)", ".")
            .replace("{.}", ".")
            .replace("[dot]", ".")
            .replace("(dot)", ".")
            .replace("[:]", ":")
            .replace("[://]", "://")
            .replace("[/]", "/");
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("hxxp")) {
      t = "http" + t.substring(4);
    } else if (lower.startsWith("fxp")) {
      t = "ftp" + t.substring(3);
    }
    return t;
  }

  private static String stripQuotes(String text) {
    if (text.length() >= 2
        && (text.startsWith("\"") && text.endsWith("\"")
            || text.startsWith("'") && text.endsWith("'"))) {
      return text.substring(1, text.length() - 1).trim();
    }
    return text;
  }

  private static String addressText(Cidr cidr) {
    byte[] bytes = new byte[cidr.bits() / 8];
    byte[] value = cidr.network().toByteArray();
    // BigInteger's bytes are big-endian, possibly with a sign byte or fewer leading zeros.
    for (int i = 0; i < bytes.length && i < value.length; i++) {
      bytes[bytes.length - 1 - i] = value[value.length - 1 - i];
    }
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
    }
  }

  private static int firstOf(String text, String characters) {
    int first = -1;
    for (char c : characters.toCharArray()) {
      int i = text.indexOf(c);
      if (i >= 0 && (first < 0 || i < first)) {
        first = i;
      }
    }
    return first;
  }
}
