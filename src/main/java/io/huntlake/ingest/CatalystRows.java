package io.huntlake.ingest;

import io.huntlake.source.Redactor;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A parser's row as Spark's writer takes it ({@link InternalRow}: UTF-8 strings, timestamps as
 * microseconds, dates as days), converted by a plan made once per schema instead of Spark's general
 * encoder, which checks and dispatches on every value. Request and response objects the redactor
 * passed as they are ({@link Redactor.Clean}) go from the line's bytes to the row without becoming
 * a Java string.
 */
final class CatalystRows implements Serializable {
  private static final long serialVersionUID = 1L;

  private enum Kind {
    STRING,
    TIMESTAMP,
    DATE,
    STRINGS,
    STRING_MAP,
    STRUCT,
    AS_IS
  }

  private final Kind[] kinds;

  /** For each struct column, the plan of its fields (the survey's envelope nests its rows). */
  private final CatalystRows[] nested;

  CatalystRows(StructType schema) {
    kinds = new Kind[schema.size()];
    nested = new CatalystRows[schema.size()];
    for (int i = 0; i < kinds.length; i++) {
      DataType type = schema.fields()[i].dataType();
      kinds[i] = kind(schema.fields()[i].name(), type);
      if (type instanceof StructType struct) {
        nested[i] = new CatalystRows(struct);
      }
    }
  }

  private static Kind kind(String column, DataType type) {
    if (type instanceof StringType) {
      return Kind.STRING;
    }
    if (type instanceof TimestampType) {
      return Kind.TIMESTAMP;
    }
    if (type instanceof DateType) {
      return Kind.DATE;
    }
    if (type instanceof ArrayType array && array.elementType() instanceof StringType) {
      return Kind.STRINGS;
    }
    if (type instanceof MapType map
        && map.keyType() instanceof StringType
        && map.valueType() instanceof StringType) {
      return Kind.STRING_MAP;
    }
    if (type instanceof StructType) {
      return Kind.STRUCT;
    }
    if (type instanceof LongType
        || type instanceof IntegerType
        || type instanceof BooleanType
        || type instanceof DoubleType) {
      return Kind.AS_IS;
    }
    // Table definitions are code: a new column type must be taught here (a test ingests them all).
    throw new IllegalStateException("no row conversion for column " + column + " of type " + type);
  }

  InternalRow convert(Row row) {
    Object[] values = new Object[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      Object value = row.get(i);
      if (value == null) {
        values[i] = null;
      } else if (kinds[i] == Kind.STRUCT) {
        values[i] = nested[i].convert((Row) value);
      } else {
        values[i] = convert(kinds[i], value);
      }
    }
    return new GenericInternalRow(values);
  }

  private static Object convert(Kind kind, Object value) {
    return switch (kind) {
      case STRING ->
          value instanceof Redactor.Clean clean
              ? UTF8String.fromBytes(clean.utf8())
              : UTF8String.fromString((String) value);
      case TIMESTAMP -> DateTimeUtils.instantToMicros((Instant) value);
      case DATE -> (int) ((LocalDate) value).toEpochDay();
      case STRINGS -> strings((String[]) value);
      case STRING_MAP -> stringMap((scala.collection.Map<?, ?>) value);
      case STRUCT, AS_IS -> value;
    };
  }

  private static GenericArrayData strings(String[] texts) {
    Object[] out = new Object[texts.length];
    for (int i = 0; i < texts.length; i++) {
      out[i] = texts[i] == null ? null : UTF8String.fromString(texts[i]);
    }
    return new GenericArrayData(out);
  }

  private static ArrayBasedMapData stringMap(scala.collection.Map<?, ?> map) {
    Object[] keys = new Object[map.size()];
    Object[] values = new Object[map.size()];
    int i = 0;
    scala.collection.Iterator<? extends scala.Tuple2<?, ?>> entries = map.iterator();
    while (entries.hasNext()) {
      scala.Tuple2<?, ?> entry = entries.next();
      keys[i] = UTF8String.fromString((String) entry._1());
      values[i] = entry._2() == null ? null : UTF8String.fromString((String) entry._2());
      i++;
    }
    return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
  }
}
