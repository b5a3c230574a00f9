package io.huntlake.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feeds in the shapes publishers use, read into indicators; nothing unusable is lost silently. */
class FeedParserTest {
  private static FeedContents parse(String text) throws IOException {
    return FeedParser.parse(new BufferedReader(new StringReader(text)), "test-feed");
  }

  private static List<String> values(FeedContents contents) {
    return contents.indicators().stream().map(i -> i.type().label() + " " + i.value()).toList();
  }

  @Test
  void aPlainListTakesAddressesRangesNamesAndUrlsWithTheirComments() throws IOException {
    FeedContents contents =
        parse(
            """
            # blocklist, updated hourly
            198.51.100.23
            203.0.113.0/24 ; SBL123456
            2001:db8::/32
            Evil-CDN.Example.   # trailing dot and capitals
            hxxps://files[.]evil-cdn[.]example/payload.sh
            0.0.0.0 ads.tracker.example
            not an indicator!
            """);
    assertThat(contents.format()).isEqualTo("list");
    assertThat(values(contents))
        .containsExactly(
            "ip 198.51.100.23",
            "cidr 203.0.113.0/24",
            "cidr 2001:db8:0:0:0:0:0:0/32",
            "domain evil-cdn.example",
            "url https://files.evil-cdn.example/payload.sh",
            "domain ads.tracker.example");
    assertThat(contents.problems()).hasSize(1);
    assertThat(contents.problems().get(0).line()).isEqualTo(8);
    assertThat(contents.problems().get(0).reason()).contains("not an address");
  }

  @Test
  void aCsvFileWithACommentedHeaderAsAbuseChWritesIt() throws IOException {
    FeedContents contents =
        parse(
            """
            ################################################################
            # abuse.ch botnet C2 IP blocklist (CSV)                        #
            ################################################################
            # "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"
            "2026-11-30 10:11:12","192.0.2.77","8080","online","2026-12-01","Emotet"
            "2026-11-30 11:00:00","192.0.2.78","443","offline","2026-11-30","QakBot"
            # Number of entries: 2
            """);
    assertThat(contents.format()).isEqualTo("csv");
    assertThat(values(contents)).containsExactly("ip 192.0.2.77", "ip 192.0.2.78");
    assertThat(contents.indicators().get(0).description()).isEqualTo("Emotet");
    assertThat(contents.problems()).isEmpty();
  }

  @Test
  void aCsvFileWithTypeConfidenceAndExpiryColumns() throws IOException {
    FeedContents contents =
        parse(
            """
            indicator,type,confidence,valid_until,description
            198.51.100.9,ipv4-addr,80,2027-01-31T00:00:00Z,"scanner, aggressive"
            miner-pool.example,domain,0.6,2027-02-01,mining pool
            d41d8cd98f00b204e9800998ecf8427e,md5,90,,a file hash
            198.51.100.10,domain,50,,declared wrongly
            """);
    assertThat(values(contents)).containsExactly("ip 198.51.100.9", "domain miner-pool.example");
    Indicator scanner = contents.indicators().get(0);
    assertThat(scanner.confidence()).isEqualTo(80);
    assertThat(scanner.validUntil()).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
    assertThat(scanner.description()).isEqualTo("scanner, aggressive");
    assertThat(contents.indicators().get(1).confidence()).isEqualTo(60);
    assertThat(contents.indicators().get(1).validUntil())
        .isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
    assertThat(contents.problems())
        .extracting(FeedContents.Problem::reason)
        .containsExactly(
            "type 'md5' is not an address, domain name or URL", "declared domain but reads as ip");
  }

  @Test
  void aStixBundleGivesItsIndicatorPatternsAndSkipsTheRest() throws IOException {
    FeedContents contents =
        parse(
            """
            {"type": "bundle", "id": "bundle--1", "objects": [
              {"type": "identity", "id": "identity--1", "name": "Some CERT"},
              {"type": "indicator", "id": "indicator--1", "pattern_type": "stix",
               "pattern": "[ipv4-addr:value = '198.51.100.0/25' OR ipv4-addr:value = '192.0.2.1']",
               "confidence": 75, "valid_until": "2027-03-01T00:00:00Z", "name": "C2 servers"},
              {"type": "indicator", "id": "indicator--2", "pattern_type": "stix",
               "pattern": "[domain-name:value = 'c2.bad.example']", "description": "beacon"},
              {"type": "indicator", "id": "indicator--3", "pattern_type": "stix",
               "pattern": "[url:value = 'http://bad.example:80/a?b=1#frag']"},
              {"type": "indicator", "id": "indicator--4", "pattern_type": "stix",
               "pattern": "[file:hashes.'SHA-256' = 'aa']"},
              {"type": "indicator", "id": "indicator--5", "pattern_type": "stix", "revoked": true,
               "pattern": "[ipv4-addr:value = '203.0.113.5']"},
              {"type": "indicator", "id": "indicator--6", "pattern_type": "sigma", "pattern": "x"}
            ]}
            """);
    assertThat(contents.format()).isEqualTo("stix");
    assertThat(values(contents))
        .containsExactly(
            "cidr 198.51.100.0/25",
            "ip 192.0.2.1",
            "domain c2.bad.example",
            "url http://bad.example/a?b=1");
    assertThat(contents.indicators().get(0).confidence()).isEqualTo(75);
    assertThat(contents.indicators().get(0).description()).isEqualTo("C2 servers");
    assertThat(contents.indicators().get(2).description()).isEqualTo("beacon");
    assertThat(contents.skipped()).isEqualTo(2); // the identity and the revoked indicator
    assertThat(contents.problems())
        .extracting(FeedContents.Problem::reason)
        .containsExactly(
            "the pattern compares no address, domain name or URL", "pattern type sigma, not stix");
  }

  @Test
  void jsonThatIsNotABundleIsOneProblemNotAnEmptySuccess() throws IOException {
    FeedContents contents = parse("{\"hello\": \"world\"}");
    assertThat(contents.indicators()).isEmpty();
    assertThat(contents.problems()).hasSize(1);
  }
}
