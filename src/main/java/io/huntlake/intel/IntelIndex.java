package io.huntlake.intel;

import io.huntlake.config.Cidr;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The indicators in force, indexed for matching millions of log values: addresses by their most
 * specific listed range, domain names by themselves and every parent, URLs exactly (then by their
 * host). Serializable: rules ship it to executors once, as a broadcast.
 */
public final class IntelIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No indicators: every lookup misses. What rules see before any feed is loaded. */
  public static final IntelIndex EMPTY = new IntelIndex(java.util.List.of());

  private static final Pattern URL_IN_TEXT =
      Pattern.compile("\\b(?:https?|ftp|wss?)://[^\\s\"'<>\\\\`{}|^]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME_IN_TEXT =
      Pattern.compile(
          "(?<![a-z0-9_.-])(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9](?![a-z0-9_-])",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern IPV4_IN_TEXT =
      Pattern.compile("(?<![0-9.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![0-9]|\\.[0-9])");

  private final AddressTable<Indicator> addresses = new AddressTable<>();
  private final Map<String, Indicator> domains = new HashMap<>();
  private final Map<String, Indicator> urls = new HashMap<>();

  /** The index of these indicators; values listed more than once are merged. */
  public IntelIndex(Collection<Indicator> indicators) {
    for (Indicator indicator : indicators) {
      switch (indicator.type()) {
        case IP, CIDR ->
            Cidr.parse(indicator.value())
                .ifPresent(range -> addresses.put(range, indicator, Indicator::mergedWith));
        case DOMAIN -> domains.merge(indicator.value(), indicator, Indicator::mergedWith);
        case URL -> urls.merge(indicator.value(), indicator, Indicator::mergedWith);
      }
    }
  }

  /** How many distinct indicators it holds. */
  public int size() {
    return addresses.size() + domains.size() + urls.size();
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /** The indicator listing this address or a range holding it. */
  public Optional<Indicator> matchAddress(String address) {
    return addresses.lookup(address);
  }

  /**
   * The indicator listing this name or a domain above it ({@code evil.example} for {@code
   * a.evil.example}).
   */
  public Optional<Indicator> matchDomain(String name) {
    if (domains.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> normalized = IndicatorValues.domain(name);
    if (normalized.isEmpty()) {
      return Optional.empty();
    }
    String d = normalized.get();
    while (true) {
      Indicator found = domains.get(d);
      if (found != null) {
        return Optional.of(found);
      }
      int dot = d.indexOf('.');
      // A bare top-level label is never looked up: no feed lists "com".
      if (dot < 0 || d.indexOf('.', dot + 1) < 0) {
        return Optional.empty();
      }
      d = d.substring(dot + 1);
    }
  }

  /** The indicator listing this URL, or else its host (as a domain or an address). */
  public Optional<Indicator> matchUrl(String url) {
    Optional<String> normalized = IndicatorValues.url(url);
    if (normalized.isEmpty()) {
      return Optional.empty();
    }
    Indicator exact = urls.get(normalized.get());
    if (exact != null) {
      return Optional.of(exact);
    }
    String host = IndicatorValues.hostOf(normalized.get());
    return matchDomain(host).or(() -> matchAddress(host));
  }

  /**
   * The first indicator found in free text (a log message): URLs, then host names, then IPv4
   * addresses written in it. IPv6 addresses in prose are not looked for: too many other things
   * (times, MACs, hashes) look like them.
   */
  public Optional<Indicator> matchText(String text) {
    if (text == null || isEmpty()) {
      return Optional.empty();
    }
    if (!urls.isEmpty() || !domains.isEmpty()) {
      Matcher url = URL_IN_TEXT.matcher(text);
      while (url.find()) {
        Optional<Indicator> found = matchUrl(trimPunctuation(url.group()));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    if (!domains.isEmpty()) {
      Matcher name = NAME_IN_TEXT.matcher(text);
      while (name.find()) {
        Optional<Indicator> found = matchDomain(name.group());
        if (found.isPresent()) {
          return found;
        }
      }
    }
    if (addresses.size() > 0) {
      Matcher address = IPV4_IN_TEXT.matcher(text);
      while (address.find()) {
        Optional<Indicator> found = matchAddress(address.group());
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** A URL found in prose without the sentence's own punctuation after it. */
  private static String trimPunctuation(String url) {
    int end = url.length();
    while (end > 0 && ".,;:!?)]".indexOf(url.charAt(end - 1)) >= 0) {
      end--;
    }
    return url.substring(0, end);
  }
}
