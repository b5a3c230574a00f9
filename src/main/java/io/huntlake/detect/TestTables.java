package io.huntlake.detect;

import io.huntlake.intel.AddressRange;
import io.huntlake.intel.Indicator;
import io.huntlake.intel.IndicatorType;
import io.huntlake.intel.IndicatorValues;
import io.huntlake.intel.IntelIndex;
import io.huntlake.intel.IntelReference;
import io.huntlake.intel.RangeIndex;
import io.huntlake.table.AddressRangesTable;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.DeliveryGapsTable;
import io.huntlake.table.K8sEventsTable;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.table.TableDefinition;
import io.huntlake.table.ThreatIntelTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The input tables of a rule test, built from the test's rows. A row names only the columns that
 * matter to the rule; the others take realistic defaults (a completed, allowed request; a forwarded
 * flow), and each row's time defaults to one second after the previous row's on {@link #DAY}. Times
 * may be written as {@code 12:00:05} (on that day) or as a full instant.
 */
public final class TestTables {
  /** The day every rule test plays on. */
  public static final LocalDate DAY = LocalDate.of(2026, 1, 15);

  /** The tables a test may give rows of. */
  public static final Map<String, TableDefinition> TABLES = tables();

  private static final LocalTime FIRST_EVENT = LocalTime.NOON;

  private TestTables() {}

  /**
   * Every input table for one test: its rows, or empty with the table's schema; and the reference
   * data its threat_intel and address_ranges rows give.
   */
  public static RuleTables build(SparkSession spark, RuleTest test) {
    Map<String, Dataset<Row>> built = new HashMap<>();
    RuleTables.INPUTS.forEach(
        table ->
            built.put(
                table.name(),
                spark.createDataFrame(
                    rows(table, test.tables().getOrDefault(table.name(), List.of())),
                    table.schema())));
    return new RuleTables(built, reference(test));
  }

  /** The test's indicators and ranges, read as 'intel load' and 'intel ranges' would read them. */
  private static IntelReference reference(RuleTest test) {
    List<Indicator> indicators = new ArrayList<>();
    for (Row row :
        rows(
            ThreatIntelTable.DEFINITION,
            test.tables().getOrDefault(ThreatIntelTable.NAME, List.of()))) {
      IndicatorValues.Normalized value =
          IndicatorValues.indicator(row.getString(0), IndicatorType.declared(row.getString(1)));
      if (value.type().isEmpty()) {
        throw new IllegalArgumentException(
            "threat_intel.indicator '" + row.getString(0) + "': " + value.problem());
      }
      indicators.add(
          new Indicator(
              value.value(),
              value.type().get(),
              row.getString(2),
              (Integer) row.get(3),
              null,
              row.getString(5)));
    }
    List<AddressRange> ranges = new ArrayList<>();
    for (Row row :
        rows(
            AddressRangesTable.DEFINITION,
            test.tables().getOrDefault(AddressRangesTable.NAME, List.of()))) {
      ranges.add(
          new AddressRange(row.getString(0), row.getString(1), row.getString(2), row.getString(3)));
    }
    return new IntelReference(new IntelIndex(indicators), new RangeIndex(ranges));
  }

  private static List<Row> rows(TableDefinition table, List<Map<String, Object>> given) {
    for (Map<String, Object> row : given) {
      for (String column : row.keySet()) {
        if (!List.of(table.schema().fieldNames()).contains(column)) {
          throw new IllegalArgumentException(
              table.name() + " has no column '" + column + "' (see the README's table docs)");
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      Map<String, Object> values = new LinkedHashMap<>(defaults(table.name(), i));
      values.putAll(given.get(i));
      if (!given.get(i).containsKey("stage_ts") && values.containsKey("stage_ts")) {
        values.put("stage_ts", values.get("event_ts"));
      }
      if (!given.get(i).containsKey("first_ts") && values.containsKey("first_ts")) {
        values.put("first_ts", values.get("event_ts"));
      }
      Object[] cells = new Object[table.schema().size()];
      StructField[] fields = table.schema().fields();
      for (int c = 0; c < fields.length; c++) {
        Object value = convert(values.get(fields[c].name()), fields[c], table.name());
        cells[c] = value == null && !fields[c].nullable() ? zero(fields[c].dataType()) : value;
      }
      rows.add(RowFactory.create(cells));
    }
    return rows;
  }

  /** Defaults shared by every row of a table; row i happens i seconds after noon. */
  private static Map<String, Object> defaults(String table, int i) {
    Map<String, Object> values = new HashMap<>();
    Instant time = DAY.atTime(FIRST_EVENT).plusSeconds(i).toInstant(ZoneOffset.UTC);
    values.put("event_date", DAY.toString());
    values.put("ingest_date", DAY.toString());
    values.put("event_ts", time.toString());
    values.put("cluster", "test");
    values.put("source_file", "rule-test");
    values.put("source_line", i + 1);
    values.put("ingest_run_id", "rule-test");
    switch (table) {
      case AuditEventsTable.NAME -> {
        values.put("audit_id", "test-" + (i + 1));
        values.put("stage", "ResponseComplete");
        values.put("level", "RequestResponse");
        values.put("verb", "get");
        values.put("response_code", 200);
        values.put("decision", "allow");
        values.put("source_ip", "10.0.0.10");
        values.put("user_agent", "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350");
        values.put("source_format", "k8s-audit-log");
      }
      case ContainerLogsTable.NAME -> {
        values.put("namespace", "default");
        values.put("pod", "app-5d8f7c9b6d-x2x9q");
        values.put("workload", "app");
        values.put("container", "app");
        values.put("stream", "stdout");
        values.put("message", "");
        values.put("parts", 1);
        values.put("truncated", false);
        values.put("source_format", "cri");
      }
      case NetworkFlowsTable.NAME -> {
        values.put("src_ip", "10.0.1.5");
        values.put("src_port", 40000 + i);
        values.put("dst_ip", "10.0.2.7");
        values.put("protocol", "TCP");
        values.put("verdict", "FORWARDED");
        values.put("direction", "EGRESS");
        values.put("is_reply", false);
        values.put("bytes", 1000);
        values.put("packets", 10);
        values.put("flow_source", "hubble");
      }
      case K8sEventsTable.NAME -> {
        values.put("event_uid", "test-event-" + (i + 1));
        values.put("first_ts", time.toString());
        values.put("count", 1);
        values.put("type", "Normal");
        values.put("source_format", "k8s-event");
      }
      case ThreatIntelTable.NAME -> {
        values.put("indicator_type", "");
        values.put("feed", "test-feed");
      }
      case AddressRangesTable.NAME -> values.put("provider", "test-cloud");
      case DeliveryGapsTable.NAME -> {
        values.put("source", "audit");
        values.put("gap_type", DeliveryGapsTable.MISSING_HOUR);
        values.put("detail", "test gap");
      }
      default -> {
        // daily feature tables: every value given by the test
      }
    }
    return values;
  }

  private static Object convert(Object value, StructField field, String table) {
    if (value == null) {
      return null;
    }
    DataType type = field.dataType();
    try {
      if (type.equals(DataTypes.StringType)) {
        return value.toString();
      }
      if (type.equals(DataTypes.IntegerType)) {
        return ((Number) number(value)).intValue();
      }
      if (type.equals(DataTypes.LongType)) {
        return ((Number) number(value)).longValue();
      }
      if (type.equals(DataTypes.DoubleType)) {
        return ((Number) number(value)).doubleValue();
      }
      if (type.equals(DataTypes.BooleanType)) {
        return value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
      }
      if (type.equals(DataTypes.DateType)) {
        return Date.valueOf(LocalDate.parse(value.toString()));
      }
      if (type.equals(DataTypes.TimestampType)) {
        String text = value.toString();
        Instant instant =
            text.length() <= 12
                ? DAY.atTime(LocalTime.parse(text)).toInstant(ZoneOffset.UTC)
                : Instant.parse(text);
        return Timestamp.from(instant);
      }
      if (type instanceof ArrayType array) {
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        List<Object> converted = new ArrayList<>();
        for (Object item : items) {
          converted.add(
              convert(item, new StructField(field.name(), array.elementType(), true, null), table));
        }
        return converted;
      }
      if (type instanceof MapType) {
        throw new IllegalArgumentException("map columns cannot be given in tests");
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          table + "." + field.name() + ": cannot use " + value + " as " + type.simpleString(), e);
    }
    throw new IllegalArgumentException(
        table + "." + field.name() + ": " + type.simpleString() + " is not supported in tests");
  }

  private static Object number(Object value) {
    return value instanceof Number n ? n : Double.parseDouble(value.toString());
  }

  private static Object zero(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return "";
    }
    if (type.equals(DataTypes.IntegerType)) {
      return 0;
    }
    if (type.equals(DataTypes.LongType)) {
      return 0L;
    }
    if (type.equals(DataTypes.DoubleType)) {
      return 0.0;
    }
    if (type.equals(DataTypes.BooleanType)) {
      return false;
    }
    if (type instanceof ArrayType) {
      return List.of();
    }
    if (type.equals(DataTypes.DateType)) {
      return Date.valueOf(DAY);
    }
    if (type.equals(DataTypes.TimestampType)) {
      return Timestamp.from(DAY.atTime(FIRST_EVENT).toInstant(ZoneOffset.UTC));
    }
    if (type instanceof StructType) {
      return null;
    }
    throw new IllegalStateException("no zero value for " + type.simpleString());
  }

  private static Map<String, TableDefinition> tables() {
    Map<String, TableDefinition> tables = new LinkedHashMap<>();
    RuleTables.INPUTS.forEach(table -> tables.put(table.name(), table));
    RuleTables.REFERENCES.forEach(table -> tables.put(table.name(), table));
    return java.util.Collections.unmodifiableMap(tables);
  }
}
