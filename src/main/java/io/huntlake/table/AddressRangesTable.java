package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code address_ranges}: the address ranges cloud providers publish as theirs (AWS ip-ranges.json,
 * Azure service tags, Google cloud.json), loaded with {@code huntlake intel ranges}. Rules about
 * credentials used from outside the cluster read them to tell a managed service's call from a
 * stranger's.
 */
public final class AddressRangesTable {
  private AddressRangesTable() {}

  public static final String NAME = "address_ranges";

  public static final String RANGE = "range";
  public static final String PROVIDER = "provider";
  public static final String SERVICE = "service";
  public static final String REGION = "region";
  public static final String LOADED = "loaded";
  public static final String SOURCE_FILE = "source_file";

  public static final StructType SCHEMA =
      new StructType()
          .add(RANGE, StringType, false, "network/prefix, IPv4 or IPv6")
          .add(PROVIDER, StringType, false, "the name given to 'intel ranges --provider'")
          .add(SERVICE, StringType, true, "what the provider says uses it (EC2, AzureCloud...)")
          .add(REGION, StringType, true, "the provider's region, when it names one")
          .add(LOADED, TimestampType, false, "when this provider's file was loaded")
          .add(SOURCE_FILE, StringType, false, "the file it was loaded from");

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          NAME,
          "Cloud providers' published address ranges (huntlake intel ranges)",
          SCHEMA,
          List.of(),
          PROVIDER,
          TableDefinition.propertiesWithStatsOn(PROVIDER),
          List.of(RANGE));
}
