package io.huntlake.intel;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.AddressRangesTable;
import io.huntlake.table.ThreatIntelTable;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Reads the reference tables ({@code threat_intel}, {@code address_ranges}) into indexes. */
public final class IntelLake {
  private IntelLake() {}

  /**
   * The reference data in force on {@code day}: indicators not expired before it (an indicator
   * loaded later still matches an earlier day: that is a retro-hunt's point), and every range.
   */
  public static IntelReference reference(SparkSession spark, HuntlakeConfig config, LocalDate day) {
    Timestamp dayStart = Timestamp.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
    List<Indicator> indicators =
        indicators(
            rows(spark, config)
                .map(
                    rows ->
                        rows.where(
                            functions
                                .col(ThreatIntelTable.VALID_UNTIL)
                                .isNull()
                                .or(functions.col(ThreatIntelTable.VALID_UNTIL).geq(dayStart)))));
    return new IntelReference(new IntelIndex(indicators), ranges(spark, config));
  }

  /** The threat_intel table, when any feed has been loaded. */
  public static Optional<Dataset<Row>> rows(SparkSession spark, HuntlakeConfig config) {
    return LakeTables.read(spark, LakeTables.path(config, ThreatIntelTable.DEFINITION));
  }

  /** The indicators of these threat_intel rows. */
  public static List<Indicator> indicators(Optional<Dataset<Row>> rows) {
    List<Indicator> indicators = new ArrayList<>();
    if (rows.isEmpty()) {
      return indicators;
    }
    for (Row row :
        rows.get()
            .select(
                ThreatIntelTable.INDICATOR,
                ThreatIntelTable.INDICATOR_TYPE,
                ThreatIntelTable.FEED,
                ThreatIntelTable.CONFIDENCE,
                ThreatIntelTable.VALID_UNTIL,
                ThreatIntelTable.DESCRIPTION)
            .collectAsList()) {
      type(row.getString(1))
          .ifPresent(
              type ->
                  indicators.add(
                      new Indicator(
                          row.getString(0),
                          type,
                          row.getString(2),
                          row.isNullAt(3) ? null : row.getInt(3),
                          row.isNullAt(4) ? null : instant(row.get(4)),
                          row.getString(5))));
    }
    return indicators;
  }

  private static RangeIndex ranges(SparkSession spark, HuntlakeConfig config) {
    Optional<Dataset<Row>> rows =
        LakeTables.read(spark, LakeTables.path(config, AddressRangesTable.DEFINITION));
    if (rows.isEmpty()) {
      return RangeIndex.EMPTY;
    }
    List<AddressRange> ranges = new ArrayList<>();
    for (Row row :
        rows.get()
            .select(
                AddressRangesTable.RANGE,
                AddressRangesTable.PROVIDER,
                AddressRangesTable.SERVICE,
                AddressRangesTable.REGION)
            .collectAsList()) {
      ranges.add(
          new AddressRange(row.getString(0), row.getString(1), row.getString(2), row.getString(3)));
    }
    return new RangeIndex(ranges);
  }

  static Optional<IndicatorType> type(String label) {
    for (IndicatorType type : IndicatorType.values()) {
      if (type.label().equals(label)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Timestamps arrive as Instants (the session's java.time API) or as java.sql.Timestamps. */
  static java.time.Instant instant(Object value) {
    return value instanceof Timestamp t ? t.toInstant() : (java.time.Instant) value;
  }
}
