package io.huntlake.intel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an indicator feed in any of the shapes feeds are published in, telling them apart by their
 * content (never by the file name):
 *
 * <ul>
 *   <li><b>STIX 2.1 bundle</b> (JSON): each {@code indicator} object's pattern comparisons on
 *       {@code ipv4-addr}, {@code ipv6-addr}, {@code domain-name} and {@code url} values, with its
 *       confidence, valid_until and description; revoked indicators are left out
 *   <li><b>CSV with a header</b>, the header possibly commented out as abuse.ch writes it: the
 *       indicator column (indicator, ioc, value, url, domain, ip...), and when present a type,
 *       confidence, expiry and description column
 *   <li><b>a plain list</b>, one indicator per line, {@code #} and {@code ;} comments, hosts-file
 *       lines ({@code 0.0.0.0 evil.example}) read as the name
 * </ul>
 */
public final class FeedParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> VALUE_COLUMNS =
      List.of(
          "indicator",
          "ioc",
          "ioc_value",
          "value",
          "observable",
          "url",
          "domain",
          "hostname",
          "host",
          "fqdn",
          "ip",
          "ip_address",
          "dst_ip",
          "ip-dst",
          "address",
          "cidr",
          "network",
          "range");
  private static final List<String> TYPE_COLUMNS =
      List.of("type", "indicator_type", "ioc_type", "attribute_type", "kind");
  private static final List<String> CONFIDENCE_COLUMNS =
      List.of("confidence", "confidence_level", "score");
  private static final List<String> EXPIRY_COLUMNS =
      List.of("valid_until", "expiration", "expiration_date", "expires", "expiry", "valid_to");
  private static final List<String> DESCRIPTION_COLUMNS =
      List.of(
          "description",
          "comment",
          "threat",
          "malware",
          "malware_family",
          "malware_printable",
          "tags",
          "name",
          "reference");

  private static final Pattern STIX_COMPARISON =
      Pattern.compile(
          "(ipv4-addr|ipv6-addr|domain-name|url):value\\s*(?:=|ISSUBSET)\\s*'((?:[^'\\\\]|\\\\.)*)'");

  private FeedParser() {}

  /** The feed's indicators, each tagged with {@code feed}. */
  public static FeedContents parse(BufferedReader reader, String feed) throws IOException {
    int first = ReferenceFile.firstCharacter(reader);
    if (first == '{' || first == '[') {
      return stix(JSON.readTree(reader), feed);
    }
    List<String> lines = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lines.add(line);
    }
    Optional<Header> header = header(lines);
    return header.isPresent() ? csv(lines, header.get(), feed) : list(lines, feed);
  }

  // ---- STIX 2.1 ----

  private static FeedContents stix(JsonNode root, String feed) {
    JsonNode objects = root.isArray() ? root : root.path("objects");
    if (!objects.isArray()) {
      return new FeedContents(
          "stix",
          List.of(),
          List.of(new FeedContents.Problem(1, "{...}", "JSON that is not a STIX 2.1 bundle")),
          0);
    }
    List<Indicator> indicators = new ArrayList<>();
    List<FeedContents.Problem> problems = new ArrayList<>();
    long skipped = 0;
    long position = 0;
    for (JsonNode object : objects) {
      position++;
      if (!"indicator".equals(object.path("type").asText())) {
        skipped++;
        continue;
      }
      if (object.path("revoked").asBoolean(false)) {
        skipped++;
        continue;
      }
      String pattern = object.path("pattern").asText("");
      String patternType = object.path("pattern_type").asText("stix");
      if (!patternType.equals("stix")) {
        problems.add(
            new FeedContents.Problem(
                position, pattern, "pattern type " + patternType + ", not stix"));
        continue;
      }
      Optional<Integer> confidence = confidence(object.path("confidence").asText(null));
      Optional<Instant> validUntil = instant(object.path("valid_until").asText(null));
      Optional<String> description =
          text(object.path("description").asText(null))
              .or(() -> text(object.path("name").asText(null)));
      Matcher comparison = STIX_COMPARISON.matcher(pattern);
      boolean any = false;
      while (comparison.find()) {
        any = true;
        String value = comparison.group(2).replace("\\'", "'").replace("\\\\", "\\");
        Optional<IndicatorType> declared =
            Optional.of(
                switch (comparison.group(1)) {
                  case "domain-name" -> IndicatorType.DOMAIN;
                  case "url" -> IndicatorType.URL;
                  default -> IndicatorType.IP;
                });
        add(
            value,
            declared,
            feed,
            confidence,
            validUntil,
            description,
            position,
            indicators,
            problems);
      }
      if (!any) {
        problems.add(
            new FeedContents.Problem(
                position, pattern, "the pattern compares no address, domain name or URL"));
      }
    }
    return new FeedContents("stix", indicators, problems, skipped);
  }

  // ---- CSV ----

  /** Where a CSV file's columns are; -1 for one it lacks. */
  private record Header(
      int line,
      int value,
      int type,
      int confidence,
      int expiry,
      int description,
      Optional<IndicatorType> valueColumnType) {}

  /**
   * The header: the first line, commented or not, before any data line, that names an indicator
   * column among at least two comma-separated ones.
   */
  private static Optional<Header> header(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      boolean comment = line.startsWith("#");
      String body = comment ? line.replaceFirst("^#+", "").strip() : line;
      if (body.isEmpty()) {
        continue;
      }
      List<String> cells = CsvLine.split(body);
      if (cells.size() >= 2) {
        List<String> names = cells.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
        int value = firstOf(names, VALUE_COLUMNS);
        if (value >= 0) {
          return Optional.of(
              new Header(
                  i,
                  value,
                  firstOf(names, TYPE_COLUMNS),
                  firstOf(names, CONFIDENCE_COLUMNS),
                  firstOf(names, EXPIRY_COLUMNS),
                  firstOf(names, DESCRIPTION_COLUMNS),
                  IndicatorType.declared(names.get(value))));
        }
      }
      if (!comment) {
        return Optional.empty(); // a data line came first: no header
      }
    }
    return Optional.empty();
  }

  private static FeedContents csv(List<String> lines, Header header, String feed) {
    List<Indicator> indicators = new ArrayList<>();
    List<FeedContents.Problem> problems = new ArrayList<>();
    for (int i = header.line() + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      List<String> cells = CsvLine.split(line);
      if (header.value() >= cells.size()) {
        problems.add(new FeedContents.Problem(i + 1, line, "no value in the indicator column"));
        continue;
      }
      Optional<IndicatorType> declared = header.valueColumnType();
      if (header.type() >= 0
          && header.type() < cells.size()
          && !cells.get(header.type()).isBlank()) {
        String word = cells.get(header.type());
        declared = IndicatorType.declared(word);
        if (declared.isEmpty()) {
          problems.add(
              new FeedContents.Problem(
                  i + 1,
                  line,
                  "type '" + word.strip() + "' is not an address, domain name or URL"));
          continue;
        }
      }
      add(
          cells.get(header.value()),
          declared,
          feed,
          confidence(cell(cells, header.confidence())),
          instant(cell(cells, header.expiry())),
          text(cell(cells, header.description())),
          i + 1,
          indicators,
          problems);
    }
    return new FeedContents("csv", indicators, problems, 0);
  }

  // ---- plain list ----

  private static FeedContents list(List<String> lines, String feed) {
    List<Indicator> indicators = new ArrayList<>();
    List<FeedContents.Problem> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("//")) {
        continue;
      }
      String[] tokens = line.split("[\\s,;#]+");
      String value = tokens[0];
      // hosts-file blocklists: "0.0.0.0 evil.example" lists the name, not the sink address.
      if (tokens.length >= 2
          && (value.equals("0.0.0.0") || value.equals("127.0.0.1") || value.equals("::"))) {
        value = tokens[1];
      }
      add(
          value,
          Optional.empty(),
          feed,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          i + 1,
          indicators,
          problems);
    }
    return new FeedContents("list", indicators, problems, 0);
  }

  // ---- shared ----

  private static void add(
      String raw,
      Optional<IndicatorType> declared,
      String feed,
      Optional<Integer> confidence,
      Optional<Instant> validUntil,
      Optional<String> description,
      long line,
      List<Indicator> indicators,
      List<FeedContents.Problem> problems) {
    IndicatorValues.Normalized normalized = IndicatorValues.indicator(raw, declared);
    if (normalized.type().isEmpty()) {
      problems.add(new FeedContents.Problem(line, raw, normalized.problem()));
      return;
    }
    indicators.add(
        new Indicator(
            normalized.value(),
            normalized.type().get(),
            feed,
            confidence.orElse(null),
            validUntil.orElse(null),
            description.orElse(null)));
  }

  private static int firstOf(List<String> names, List<String> wanted) {
    for (String name : wanted) {
      int i = names.indexOf(name);
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static String cell(List<String> cells, int index) {
    return index >= 0 && index < cells.size() ? cells.get(index) : null;
  }

  private static Optional<String> text(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** 0–100; a fraction (0.8) is scaled; words map to thirds; anything else is no confidence. */
  static Optional<Integer> confidence(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    switch (v) {
      case "high":
        return Optional.of(85);
      case "medium":
        return Optional.of(50);
      case "low":
        return Optional.of(15);
      default:
        break;
    }
    try {
      double d = Double.parseDouble(v);
      if (d > 0 && d < 1 && v.contains(".")) {
        d *= 100;
      }
      return d >= 0 && d <= 100 ? Optional.of((int) Math.round(d)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** An ISO instant, an ISO date (its start, UTC) or "yyyy-MM-dd HH:mm:ss" (UTC). */
  static Optional<Instant> instant(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    try {
      return Optional.of(Instant.parse(v));
    } catch (DateTimeParseException e) {
      // try the other spellings
    }
    try {
      return Optional.of(LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      // try a date
    }
    try {
      return Optional.of(LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
