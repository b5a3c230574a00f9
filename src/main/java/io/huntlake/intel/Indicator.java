package io.huntlake.intel;

import java.io.Serializable;
import java.time.Instant;
import java.util.TreeSet;

/**
 * One indicator of compromise as HuntLake matches it.
 *
 * @param value the indicator in stored form ({@link IndicatorValues})
 * @param type what it is
 * @param feed the feed (or feeds, comma-separated, when several list the same value)
 * @param confidence the feed's confidence, 0–100; null when it gives none
 * @param validUntil when the feed says it stops being valid; null when it does not say
 * @param description what the feed says about it (family, campaign, report); null when nothing
 */
public record Indicator(
    String value,
    IndicatorType type,
    String feed,
    Integer confidence,
    Instant validUntil,
    String description)
    implements Serializable {

  /**
   * One entry for a value several feeds list: every feed named, the highest confidence, the latest
   * validity (open-ended wins), the first description.
   */
  Indicator mergedWith(Indicator other) {
    TreeSet<String> feeds = new TreeSet<>(java.util.List.of(feed.split(", ")));
    feeds.addAll(java.util.List.of(other.feed.split(", ")));
    Integer best = confidence;
    if (best == null || (other.confidence != null && other.confidence > best)) {
      best = other.confidence;
    }
    Instant until =
        validUntil == null || other.validUntil == null
            ? null
            : validUntil.isAfter(other.validUntil) ? validUntil : other.validUntil;
    return new Indicator(
        value,
        type,
        String.join(", ", feeds),
        best,
        until,
        description != null ? description : other.description);
  }
}
