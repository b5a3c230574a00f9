package io.huntlake.sql;

import static org.apache.spark.sql.functions.base64;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Prints a query's rows as an aligned table, CSV (RFC 4180, header first) or JSON lines. Values are
 * rendered by Spark (timestamps in UTC, arrays and structs as JSON), so all three formats agree.
 *
 * <p>At most {@code limit} rows are fetched (0: all, streamed a partition at a time). When the
 * limit cut the result a note says so: under the table, or on the error stream for CSV and JSON, so
 * a pipe gets only data.
 */
public final class ResultWriter {
  static final String NULL = "NULL";
  private static final int MIN_COLUMN_WIDTH = 6;

  /**
   * @param width the table's maximum line width; 0 never truncates (--wide)
   * @param limit the most rows printed; 0 prints all
   */
  public record Options(OutputFormat format, int width, long limit) {}

  private final Options options;

  public ResultWriter(Options options) {
    this.options = options;
  }

  /**
   * Prints the rows.
   *
   * @return the number of rows printed
   */
  public long write(Dataset<Row> result, PrintWriter out, PrintWriter notes) {
    Dataset<Row> rows =
        options.limit() > 0
            ? result.limit((int) Math.min(Integer.MAX_VALUE - 1, options.limit() + 1))
            : result;
    long printed =
        switch (options.format()) {
          case TABLE -> table(rows, out);
          case CSV -> csv(rows, out);
          case JSON -> json(rows, out);
        };
    boolean cut = options.limit() > 0 && printed > options.limit();
    long shown = cut ? options.limit() : printed;
    if (options.format() == OutputFormat.TABLE) {
      out.println(
          cut
              ? "("
                  + shown
                  + " rows shown; the result has more: raise --limit, or --limit 0 for all)"
              : "(" + shown + (shown == 1 ? " row)" : " rows)"));
    } else if (cut) {
      notes.println(
          "huntlake: printed the first "
              + shown
              + " rows; the result has more (--limit 0 prints all)");
    }
    out.flush();
    notes.flush();
    return shown;
  }

  private long table(Dataset<Row> rows, PrintWriter out) {
    StructField[] fields = rows.schema().fields();
    List<String[]> cells = new ArrayList<>();
    for (Iterator<Row> it = rendered(rows).toLocalIterator(); it.hasNext(); ) {
      cells.add(strings(it.next()));
    }
    boolean cut = options.limit() > 0 && cells.size() > options.limit();
    List<String[]> shown = cut ? cells.subList(0, (int) options.limit()) : cells;
    int[] widths = widths(fields, shown);
    boolean[] right = new boolean[fields.length];
    boolean[] times = new boolean[fields.length];
    for (int i = 0; i < fields.length; i++) {
      right[i] = fields[i].dataType() instanceof NumericType;
      times[i] = isTimestamp(fields[i].dataType());
    }
    String[] header = Arrays.stream(fields).map(StructField::name).toArray(String[]::new);
    out.println(line(header, widths, new boolean[fields.length], new boolean[fields.length]));
    out.println(
        line(
            Arrays.stream(widths).mapToObj("-"::repeat).toArray(String[]::new),
            widths,
            right,
            right));
    for (String[] row : shown) {
      out.println(line(row, widths, right, times));
    }
    return cells.size();
  }

  private int[] widths(StructField[] fields, List<String[]> rows) {
    int[] widths = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      widths[i] = fields[i].name().length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], oneLine(row[i]).length());
      }
    }
    if (options.width() > 0) {
      // Take one character at a time from the widest column until the line fits. Text gives way
      // down to a few characters; a timestamp only its fraction of a second; numbers, flags and
      // dates nothing, as a cut one would mislead.
      int[] minimum = new int[fields.length];
      for (int i = 0; i < fields.length; i++) {
        minimum[i] = Math.min(widths[i], minimumWidth(fields[i].dataType(), widths[i]));
      }
      int total = Arrays.stream(widths).sum() + 2 * (widths.length - 1);
      while (total > options.width()) {
        int widest = -1;
        for (int i = 0; i < widths.length; i++) {
          if (widths[i] > minimum[i] && (widest < 0 || widths[i] > widths[widest])) {
            widest = i;
          }
        }
        if (widest < 0) {
          break;
        }
        widths[widest]--;
        total--;
      }
    }
    return widths;
  }

  private static boolean isTimestamp(DataType type) {
    return type instanceof TimestampType || type instanceof TimestampNTZType;
  }

  private static int minimumWidth(DataType type, int width) {
    if (isTimestamp(type)) {
      return "yyyy-MM-dd HH:mm:ss".length();
    }
    if (type instanceof StringType || !(type instanceof AtomicType)) {
      return MIN_COLUMN_WIDTH;
    }
    return width;
  }

  /**
   * @param plainCut columns cut without an ellipsis: timestamps lose digits of their fraction
   */
  private static String line(String[] values, int[] widths, boolean[] right, boolean[] plainCut) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      String value = oneLine(values[i]);
      value =
          plainCut[i] && value.length() > widths[i]
              ? value.substring(0, widths[i])
              : fit(value, widths[i]);
      String pad = " ".repeat(widths[i] - value.length());
      if (i > 0) {
        line.append("  ");
      }
      line.append(right[i] ? pad + value : (i == values.length - 1 ? value : value + pad));
    }
    return line.toString();
  }

  private static String fit(String value, int width) {
    return value.length() <= width ? value : value.substring(0, width - 1) + "…";
  }

  /** A table cell is one line: line breaks and tabs are shown escaped. */
  private static String oneLine(String value) {
    return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }

  private long csv(Dataset<Row> rows, PrintWriter out) {
    out.println(
        String.join(",", Arrays.stream(rows.columns()).map(ResultWriter::csvField).toList()));
    long count = 0;
    for (Iterator<Row> it = rendered(rows).toLocalIterator(); it.hasNext(); ) {
      Row row = it.next();
      if (options.limit() > 0 && count == options.limit()) {
        count++;
        break;
      }
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        fields.add(row.isNullAt(i) ? "" : csvField(row.getString(i)));
      }
      out.println(String.join(",", fields));
      count++;
    }
    return count;
  }

  private static String csvField(String value) {
    boolean quote =
        value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  private long json(Dataset<Row> rows, PrintWriter out) {
    long count = 0;
    for (Iterator<String> it = jsonLines(rows).toLocalIterator(); it.hasNext(); ) {
      String line = it.next();
      if (options.limit() > 0 && count == options.limit()) {
        count++;
        break;
      }
      out.println(line);
      count++;
    }
    return count;
  }

  /**
   * One JSON object per row, null columns included (Dataset.toJSON leaves them out, so lines would
   * differ in their keys): nested values stay nested, timestamps are ISO-8601 in UTC.
   */
  public static Dataset<String> jsonLines(Dataset<Row> rows) {
    Column all =
        struct(Arrays.stream(rows.columns()).map(ResultWriter::column).toArray(Column[]::new));
    return rows.select(to_json(all, java.util.Map.of("ignoreNullFields", "false")))
        .as(org.apache.spark.sql.Encoders.STRING());
  }

  private static Column column(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  private static String[] strings(Row row) {
    String[] values = new String[row.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.isNullAt(i) ? NULL : row.getString(i);
    }
    return values;
  }

  /** Every column as Spark renders it as text: nested values as JSON, binary as base64. */
  static Dataset<Row> rendered(Dataset<Row> rows) {
    // By position: a join may return two columns of one name (SELECT a.x, b.x).
    StructField[] fields = rows.schema().fields();
    String[] positional = new String[fields.length];
    Column[] columns = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      positional[i] = "c" + i;
      columns[i] = text(col(positional[i]), fields[i].dataType()).as(fields[i].name());
    }
    return rows.toDF(positional).select(columns);
  }

  private static Column text(Column column, DataType type) {
    if (type instanceof ArrayType || type instanceof MapType || type instanceof StructType) {
      return to_json(column);
    }
    if (type instanceof BinaryType) {
      return base64(column);
    }
    return column.cast("string");
  }
}
