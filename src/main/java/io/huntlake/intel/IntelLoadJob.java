package io.huntlake.intel;

import io.delta.tables.DeltaTable;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.lake.LakeTables;
import io.huntlake.source.Redactor;
import io.huntlake.table.AddressRangesTable;
import io.huntlake.table.TableDefinition;
import io.huntlake.table.ThreatIntelTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * {@code huntlake intel load} and {@code huntlake intel ranges}: one file's indicators (or a
 * provider's ranges) replace what the lake holds under that feed (or provider) in one commit. An
 * indicator listed again keeps the time it was first loaded. A file with nothing usable, or one
 * that would cut the feed by more than half, changes nothing.
 */
public final class IntelLoadJob {
  /** The feed and provider names, also the values the replace condition selects rows by. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * What one load did.
   *
   * @param entries indicators or ranges now held under the name
   * @param added of them, not held under the name before
   * @param dropped held before, not in this file
   * @param skipped objects in the file that are not indicators (STIX identities, reports...)
   * @param problems entries that could not be read as an indicator or range, with why
   * @param version the table's Delta version this load wrote
   */
  public record Report(
      String table,
      String name,
      String file,
      String format,
      long entries,
      long added,
      long dropped,
      long skipped,
      List<FeedContents.Problem> problems,
      long version) {
    public String summary() {
      return String.format(
          java.util.Locale.ROOT,
          "intel %s %s: %d entries from %s (%s): %d new, %d dropped, %d not usable%s;"
              + " %s version %d",
          table.equals(ThreatIntelTable.NAME) ? "feed" : "ranges",
          name,
          entries,
          file,
          format,
          added,
          dropped,
          problems.size(),
          skipped > 0 ? ", " + skipped + " other objects skipped" : "",
          table,
          version);
    }
  }

  /** Loads an indicator feed into threat_intel. */
  public Report loadFeed(
      SparkSession spark,
      HuntlakeConfig config,
      String feed,
      String file,
      boolean allowShrink,
      Instant now) {
    checkName("--feed", feed);
    FeedContents contents =
        ReferenceFile.read(
            file,
            spark.sparkContext().hadoopConfiguration(),
            reader -> FeedParser.parse(reader, feed));
    Redactor redactor = new Redactor();
    List<FeedContents.Problem> problems = redacted(contents.problems(), redactor);
    if (contents.indicators().isEmpty()) {
      throw Errors.feedWithoutIndicators(
          redactor.string(file), contents.format(), firstProblems(problems));
    }
    Map<String, Indicator> byValue = new LinkedHashMap<>();
    for (Indicator indicator : contents.indicators()) {
      Indicator redacted =
          new Indicator(
              redactor.string(indicator.value()),
              indicator.type(),
              feed,
              indicator.confidence(),
              indicator.validUntil(),
              redactor.string(indicator.description()));
      byValue.merge(redacted.value(), redacted, Indicator::mergedWith);
    }
    TableDefinition table = ThreatIntelTable.DEFINITION;
    String path = LakeTables.path(config, table);
    Map<String, Timestamp> firstLoaded = firstLoaded(spark, path, feed);
    checkShrink(feed, table, firstLoaded.size(), byValue.size(), allowShrink);
    Timestamp loaded = Timestamp.from(now);
    List<Row> rows = new ArrayList<>();
    long added = 0;
    for (Indicator indicator : byValue.values()) {
      Timestamp first = firstLoaded.get(indicator.value());
      added += first == null ? 1 : 0;
      rows.add(
          RowFactory.create(
              indicator.value(),
              indicator.type().label(),
              feed,
              indicator.confidence(),
              indicator.validUntil() == null ? null : Timestamp.from(indicator.validUntil()),
              indicator.description(),
              first == null ? loaded : first,
              loaded,
              redactor.string(file)));
    }
    long kept = byValue.size() - added;
    long version = replace(spark, table, path, rows, ThreatIntelTable.FEED, feed);
    return new Report(
        table.name(),
        feed,
        redactor.string(file),
        contents.format(),
        byValue.size(),
        added,
        firstLoaded.size() - kept,
        contents.skipped(),
        problems,
        version);
  }

  /** Loads a cloud provider's published ranges into address_ranges. */
  public Report loadRanges(
      SparkSession spark,
      HuntlakeConfig config,
      String provider,
      String file,
      boolean allowShrink,
      Instant now) {
    checkName("--provider", provider);
    ProviderRangesParser.Contents contents =
        ReferenceFile.read(
            file,
            spark.sparkContext().hadoopConfiguration(),
            reader -> ProviderRangesParser.parse(reader, provider));
    Redactor redactor = new Redactor();
    List<FeedContents.Problem> problems = redacted(contents.problems(), redactor);
    if (contents.ranges().isEmpty()) {
      throw Errors.feedWithoutIndicators(
          redactor.string(file), contents.format(), firstProblems(problems));
    }
    TableDefinition table = AddressRangesTable.DEFINITION;
    String path = LakeTables.path(config, table);
    long before =
        LakeTables.read(spark, path)
            .map(
                rows -> rows.where(rows.col(AddressRangesTable.PROVIDER).equalTo(provider)).count())
            .orElse(0L);
    Map<String, AddressRange> byRange = new LinkedHashMap<>();
    contents
        .ranges()
        .forEach(range -> byRange.merge(range.range(), range, AddressRange::mergedWith));
    checkShrink(provider, table, before, byRange.size(), allowShrink);
    Timestamp loaded = Timestamp.from(now);
    List<Row> rows = new ArrayList<>();
    for (AddressRange range : byRange.values()) {
      rows.add(
          RowFactory.create(
              range.range(),
              provider,
              redactor.string(range.service()),
              redactor.string(range.region()),
              loaded,
              redactor.string(file)));
    }
    long version = replace(spark, table, path, rows, AddressRangesTable.PROVIDER, provider);
    return new Report(
        table.name(),
        provider,
        redactor.string(file),
        contents.format(),
        byRange.size(),
        Math.max(0, byRange.size() - before),
        Math.max(0, before - byRange.size()),
        0,
        problems,
        version);
  }

  private static void checkName(String option, String name) {
    if (!NAME.matcher(name).matches()) {
      throw Errors.badArgument(
          option,
          "'" + name + "' is not a usable name",
          "Use letters, digits, '.', '_' and '-' (at most 64), starting with a letter or digit.");
    }
  }

  private static void checkShrink(
      String name, TableDefinition table, long before, long after, boolean allowShrink) {
    if (!allowShrink && before > 0 && after * 2 < before) {
      throw Errors.feedWouldShrink(name, table.name(), before, after);
    }
  }

  /** When each indicator the feed lists now was first loaded. */
  private static Map<String, Timestamp> firstLoaded(SparkSession spark, String path, String feed) {
    Map<String, Timestamp> first = new HashMap<>();
    Optional<Dataset<Row>> rows = LakeTables.read(spark, path);
    if (rows.isPresent()) {
      for (Row row :
          rows.get()
              .where(rows.get().col(ThreatIntelTable.FEED).equalTo(feed))
              .select(ThreatIntelTable.INDICATOR, ThreatIntelTable.FIRST_LOADED)
              .collectAsList()) {
        first.put(row.getString(0), Timestamp.from(IntelLake.instant(row.get(1))));
      }
    }
    return first;
  }

  /** Replaces the name's rows in one commit and returns the version written. */
  private static long replace(
      SparkSession spark,
      TableDefinition table,
      String path,
      List<Row> rows,
      String ownerColumn,
      String name) {
    Dataset<Row> frame = spark.createDataFrame(rows, table.schema());
    LakeTables.replace(spark, table, path, frame, ownerColumn + " = '" + name + "'");
    return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
  }

  /** The problems with any secret in the quoted text redacted: they are printed and logged. */
  private static List<FeedContents.Problem> redacted(
      List<FeedContents.Problem> problems, Redactor redactor) {
    return problems.stream()
        .map(p -> new FeedContents.Problem(p.line(), redactor.rawText(p.text()), p.reason()))
        .toList();
  }

  private static List<String> firstProblems(List<FeedContents.Problem> problems) {
    return problems.stream().limit(3).map(FeedContents.Problem::describe).toList();
  }
}
