package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code threat_intel}: the indicators of compromise loaded with {@code huntlake intel load}, one
 * row per indicator and feed. Each load replaces its feed's rows in one commit, so the table's
 * Delta versions are the history of loads ({@code DESCRIBE HISTORY}, time travel).
 */
public final class ThreatIntelTable {
  private ThreatIntelTable() {}

  public static final String NAME = "threat_intel";

  public static final String INDICATOR = "indicator";
  public static final String INDICATOR_TYPE = "indicator_type";
  public static final String FEED = "feed";
  public static final String CONFIDENCE = "confidence";
  public static final String VALID_UNTIL = "valid_until";
  public static final String DESCRIPTION = "description";
  public static final String FIRST_LOADED = "first_loaded";
  public static final String LAST_LOADED = "last_loaded";
  public static final String SOURCE_FILE = "source_file";

  public static final StructType SCHEMA =
      new StructType()
          .add(
              INDICATOR,
              StringType,
              false,
              "the indicator in stored form: canonical address, network/prefix, lower-case domain,"
                  + " normalised URL (defanged spellings restored)")
          .add(INDICATOR_TYPE, StringType, false, "ip, cidr, domain or url")
          .add(FEED, StringType, false, "the feed name given to 'intel load --feed'")
          .add(CONFIDENCE, IntegerType, true, "the feed's confidence, 0-100, when it gives one")
          .add(
              VALID_UNTIL,
              TimestampType,
              true,
              "when the feed says the indicator expires; null: until the feed drops it")
          .add(DESCRIPTION, StringType, true, "what the feed says about it (family, campaign)")
          .add(FIRST_LOADED, TimestampType, false, "first load of this feed that listed it")
          .add(LAST_LOADED, TimestampType, false, "latest load of this feed (that listed it)")
          .add(SOURCE_FILE, StringType, false, "the file it was loaded from");

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          NAME,
          "Indicators of compromise by feed (huntlake intel load)",
          SCHEMA,
          List.of(),
          FEED,
          TableDefinition.propertiesWithStatsOn(FEED, INDICATOR_TYPE),
          List.of(INDICATOR, DESCRIPTION));
}
