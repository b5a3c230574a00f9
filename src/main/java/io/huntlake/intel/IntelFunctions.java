package io.huntlake.intel;

import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The SQL functions that look log values up in the loaded reference data. Each returns null when
 * nothing matches (so {@code WHERE intel_match_ip(source_ip) IS NOT NULL} selects sightings) and a
 * struct that says what matched, so a finding can explain itself:
 *
 * <ul>
 *   <li>{@code intel_match_ip(address)}: a listed address, or a listed range holding it
 *   <li>{@code intel_match_domain(name)}: a listed domain, itself or any parent of the name
 *   <li>{@code intel_match_url(url)}: a listed URL, else its host as a domain or address
 *   <li>{@code intel_match_text(text)}: the first URL, host name or IPv4 address in free text (a
 *       log message) that matches
 *   <li>{@code cloud_range(address)}: the cloud provider range holding the address ({@code
 *       address_ranges}), as {@code provider}, {@code service}, {@code region}, {@code range}
 * </ul>
 *
 * The reference data is broadcast once per session: executors hold one copy each, however many rows
 * and rules call the functions.
 */
public final class IntelFunctions {
  /** What an intel_match_* function returns for a match. */
  public static final StructType MATCH =
      new StructType()
          .add("indicator", DataTypes.StringType, false)
          .add("indicator_type", DataTypes.StringType, false)
          .add("feed", DataTypes.StringType, false)
          .add("confidence", DataTypes.IntegerType, true)
          .add("description", DataTypes.StringType, true);

  /** What cloud_range returns for an address in a provider's range. */
  public static final StructType RANGE =
      new StructType()
          .add("provider", DataTypes.StringType, false)
          .add("service", DataTypes.StringType, true)
          .add("region", DataTypes.StringType, true)
          .add("range", DataTypes.StringType, false);

  private IntelFunctions() {}

  /** Registers the functions in this session over {@code reference} (replacing earlier ones). */
  public static void register(SparkSession spark, IntelReference reference) {
    Broadcast<IntelReference> shared =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(reference);
    spark.udf().register("intel_match_ip", matcher(shared, Kind.ADDRESS), MATCH);
    spark.udf().register("intel_match_domain", matcher(shared, Kind.DOMAIN), MATCH);
    spark.udf().register("intel_match_url", matcher(shared, Kind.URL), MATCH);
    spark.udf().register("intel_match_text", matcher(shared, Kind.TEXT), MATCH);
    spark
        .udf()
        .register(
            "cloud_range",
            (UDF1<String, Row>)
                address ->
                    shared.value().ranges().lookup(address).map(IntelFunctions::row).orElse(null),
            RANGE);
  }

  private enum Kind {
    ADDRESS,
    DOMAIN,
    URL,
    TEXT
  }

  private static UDF1<String, Row> matcher(Broadcast<IntelReference> shared, Kind kind) {
    return value -> {
      if (value == null) {
        return null;
      }
      IntelIndex index = shared.value().indicators();
      Optional<Indicator> found =
          switch (kind) {
            case ADDRESS -> index.matchAddress(value);
            case DOMAIN -> index.matchDomain(value);
            case URL -> index.matchUrl(value);
            case TEXT -> index.matchText(value);
          };
      return found.map(IntelFunctions::row).orElse(null);
    };
  }

  private static Row row(Indicator indicator) {
    return RowFactory.create(
        indicator.value(),
        indicator.type().label(),
        indicator.feed(),
        indicator.confidence(),
        indicator.description());
  }

  private static Row row(AddressRange range) {
    return RowFactory.create(range.provider(), range.service(), range.region(), range.range());
  }
}
