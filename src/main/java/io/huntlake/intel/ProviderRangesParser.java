package io.huntlake.intel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the address ranges a cloud provider publishes, telling the formats apart by their shape:
 * AWS {@code ip-ranges.json} ({@code prefixes[].ip_prefix}, {@code ipv6_prefixes[].ipv6_prefix}),
 * Google's {@code cloud.json} ({@code prefixes[].ipv4Prefix}/{@code ipv6Prefix}), Azure's service
 * tags ({@code values[].properties.addressPrefixes}), Oracle's {@code public_ip_ranges.json}
 * ({@code regions[].cidrs[].cidr}), or a plain list of ranges, one per line.
 */
public final class ProviderRangesParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a file held: its ranges, and every entry that is not one, with why. */
  public record Contents(
      String format, List<AddressRange> ranges, List<FeedContents.Problem> problems) {}

  private ProviderRangesParser() {}

  public static Contents parse(BufferedReader reader, String provider) throws IOException {
    int first = ReferenceFile.firstCharacter(reader);
    List<AddressRange> ranges = new ArrayList<>();
    List<FeedContents.Problem> problems = new ArrayList<>();
    if (first != '{') {
      long line = 0;
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        line++;
        String value = text.strip().split("[\\s,;#]+", 2)[0];
        if (!value.isEmpty() && !text.strip().startsWith("#")) {
          add(value, provider, null, null, line, ranges, problems);
        }
      }
      return new Contents("list", ranges, problems);
    }
    JsonNode root = JSON.readTree(reader);
    String format;
    if (root.has("values")) {
      format = "azure-service-tags";
      long position = 0;
      for (JsonNode tag : root.path("values")) {
        position++;
        JsonNode properties = tag.path("properties");
        String service =
            text(properties.path("systemService")).orElse(tag.path("name").asText(null));
        for (JsonNode prefix : properties.path("addressPrefixes")) {
          add(
              prefix.asText(),
              provider,
              service,
              text(properties.path("region")).orElse(null),
              position,
              ranges,
              problems);
        }
      }
    } else if (root.has("regions")) {
      format = "oracle-public-ip-ranges";
      long position = 0;
      for (JsonNode region : root.path("regions")) {
        for (JsonNode cidr : region.path("cidrs")) {
          position++;
          String tags =
              cidr.path("tags").isArray() && cidr.path("tags").size() > 0
                  ? cidr.path("tags").get(0).asText()
                  : null;
          add(
              cidr.path("cidr").asText(),
              provider,
              tags,
              region.path("region").asText(null),
              position,
              ranges,
              problems);
        }
      }
    } else if (root.has("prefixes")) {
      boolean google =
          root.path("prefixes").path(0).has("ipv4Prefix")
              || root.path("prefixes").path(0).has("ipv6Prefix");
      format = google ? "google-cloud-json" : "aws-ip-ranges";
      long position = 0;
      for (String array : List.of("prefixes", "ipv6_prefixes")) {
        for (JsonNode prefix : root.path(array)) {
          position++;
          String range = firstText(prefix, "ip_prefix", "ipv6_prefix", "ipv4Prefix", "ipv6Prefix");
          String region = firstText(prefix, "region", "scope");
          add(
              range,
              provider,
              text(prefix.path("service")).orElse(null),
              region,
              position,
              ranges,
              problems);
        }
      }
    } else {
      return new Contents(
          "json",
          List.of(),
          List.of(
              new FeedContents.Problem(
                  1,
                  "{...}",
                  "JSON with none of prefixes (AWS, Google), values (Azure) or regions (Oracle)")));
    }
    return new Contents(format, ranges, problems);
  }

  private static void add(
      String raw,
      String provider,
      String service,
      String region,
      long position,
      List<AddressRange> ranges,
      List<FeedContents.Problem> problems) {
    IndicatorValues.Normalized normalized =
        raw == null
            ? IndicatorValues.Normalized.rejected("no range")
            : IndicatorValues.indicator(raw, Optional.of(IndicatorType.CIDR));
    if (normalized.type().isEmpty()) {
      problems.add(new FeedContents.Problem(position, String.valueOf(raw), normalized.problem()));
      return;
    }
    ranges.add(new AddressRange(normalized.value(), provider, service, region));
  }

  private static String firstText(JsonNode node, String... fields) {
    for (String field : fields) {
      Optional<String> value = text(node.path(field));
      if (value.isPresent()) {
        return value.get();
      }
    }
    return null;
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank()
        ? Optional.of(node.asText())
        : Optional.empty();
  }
}
