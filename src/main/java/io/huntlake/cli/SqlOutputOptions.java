package io.huntlake.cli;

import io.huntlake.error.Errors;
import io.huntlake.error.HuntlakeException;
import io.huntlake.sql.OutputFormat;
import io.huntlake.sql.ResultWriter;
import java.io.PrintWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;

/** How `sql` and `hunt run` print rows: --format, --limit, --wide. */
final class SqlOutputOptions {
  /** The table width when the launcher could not tell the terminal's (output not a terminal). */
  static final int DEFAULT_WIDTH = 160;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "table|csv|json",
      description =
          "table (default: aligned, fitted to the terminal), csv (RFC 4180 with a header) or json"
              + " (one object per line).")
  String format;

  @Option(
      names = "--limit",
      defaultValue = "1000",
      paramLabel = "N",
      description =
          "Print at most N rows (default ${DEFAULT-VALUE}; 0 for all). A note says when rows were"
              + " left out.")
  long limit;

  @Option(names = "--wide", description = "Never shorten values to fit the terminal's width.")
  boolean wide;

  OutputFormat format() {
    if (limit < 0) {
      throw Errors.badArgument("--limit", "it is negative", "Pass 0 for all rows or a count.");
    }
    return OutputFormat.parse(format);
  }

  ResultWriter.Options options(OutputFormat format) {
    return new ResultWriter.Options(format, wide ? 0 : terminalWidth(), limit);
  }

  /** Prints the rows; a failure while Spark runs the query is reported as the query's. */
  void write(
      ResultWriter writer, Dataset<Row> rows, String origin, PrintWriter out, PrintWriter err) {
    try {
      writer.write(rows, out, err);
    } catch (HuntlakeException e) {
      throw e;
    } catch (Exception e) { // Spark's AnalysisException is checked in Java, and thrown anyway
      throw Errors.queryFailed(origin, e);
    }
  }

  /** COLUMNS as the launcher exports it from the terminal, else {@link #DEFAULT_WIDTH}. */
  private static int terminalWidth() {
    try {
      int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
      return columns > 20 ? columns : DEFAULT_WIDTH;
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }
}
