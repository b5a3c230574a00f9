package io.huntlake.sql;

import io.huntlake.error.Errors;
import io.huntlake.error.HuntlakeException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The interactive {@code huntlake sql}: reads statements line by line until one ends in {@code ;},
 * runs each, prints its rows, and keeps going after an error. Backslash commands answer the
 * questions a hunter asks first: {@code \tables}, {@code \describe TABLE}, {@code \help}, {@code
 * \q}.
 */
public final class SqlShell {
  /** Where lines come from: a terminal with history and editing, or a plain stream. */
  public interface Input {
    /** The next line, null at the end of input, or {@link #CANCELLED} to drop what was typed. */
    String readLine(String prompt);

    /** False for piped input: no banner, so the output is only the results. */
    default boolean interactive() {
      return true;
    }
  }

  /** What {@link Input#readLine} returns when the user pressed Ctrl-C. */
  public static final String CANCELLED = new String("^C");

  static final String PROMPT = "huntlake> ";
  static final String CONTINUATION = "       -> ";
  static final String HELP =
      """
      Statements end with ';' and may span lines. Every HuntLake table is there by its plain name;
      time travel: SELECT ... FROM findings VERSION AS OF 3 (or TIMESTAMP AS OF '2026-11-01').
        \\tables              the tables and views, one line each (also: SHOW TABLES;)
        \\describe TABLE      a table's columns and what they mean (also: \\d TABLE)
        \\help                this text
        \\q                   quit (also: Ctrl-D)
      'huntlake hunt list' (in another shell) lists ready-made hunting queries.""";

  private final SqlSession session;
  private final ResultWriter.Options options;
  private final IntSupplier width;
  private final Input input;
  private final PrintWriter out;
  private final PrintWriter err;
  private int failures;

  /**
   * @param width the terminal's current width, asked before each result (terminals get resized);
   *     ignored when the options say --wide (width 0)
   */
  public SqlShell(
      SqlSession session,
      ResultWriter.Options options,
      IntSupplier width,
      Input input,
      PrintWriter out,
      PrintWriter err) {
    this.session = session;
    this.options = options;
    this.width = width;
    this.input = input;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs until the input ends or the user quits.
   *
   * @return how many statements or commands failed (their errors were printed)
   */
  public int run() {
    if (input.interactive()) {
      out.println(
          "HuntLake SQL: "
              + session.catalog().entries().size()
              + " tables and views. \\help for help, \\q to quit.");
      List<String> missing = session.catalog().missing();
      if (!missing.isEmpty()) {
        out.println(
            "Not written yet (no job has run that writes them): " + String.join(", ", missing));
      }
      out.flush();
    }
    StringBuilder buffer = new StringBuilder();
    while (true) {
      String line = input.readLine(buffer.isEmpty() ? PROMPT : CONTINUATION);
      if (line == null) {
        if (!buffer.toString().isBlank()) {
          runStatements(buffer.toString());
        }
        return failures;
      }
      if (line == CANCELLED) { // identity: only the Input's own sentinel cancels
        buffer.setLength(0);
        continue;
      }
      String trimmed = line.strip();
      if (buffer.isEmpty() && trimmed.startsWith("\\")) {
        if (!backslash(trimmed)) {
          return failures;
        }
        continue;
      }
      if (buffer.isEmpty()
          && (trimmed.equalsIgnoreCase("exit") || trimmed.equalsIgnoreCase("quit"))) {
        return failures;
      }
      buffer.append(line).append('\n');
      if (SqlScript.complete(buffer.toString())) {
        runStatements(buffer.toString());
        buffer.setLength(0);
      }
    }
  }

  private String origin() {
    return input.interactive() ? "typed at the prompt" : "read from standard input";
  }

  /** Runs a backslash command; false when it asks to quit. */
  private boolean backslash(String command) {
    String[] words = command.split("\\s+", 2);
    switch (words[0]) {
      case "\\q", "\\quit" -> {
        return false;
      }
      case "\\tables", "\\dt" -> print(() -> session.tables());
      case "\\describe", "\\d" -> {
        if (words.length < 2) {
          err.println("\\describe needs a table name, e.g. \\describe audit_events");
          failures++;
        } else {
          print(() -> session.describe(words[1].replace(";", "").strip()));
        }
      }
      case "\\help", "\\?", "\\h" -> out.println(HELP);
      default -> {
        err.println("Unknown command " + words[0] + "; \\help lists them.");
        failures++;
      }
    }
    out.flush();
    err.flush();
    return true;
  }

  private void runStatements(String text) {
    for (String statement : SqlScript.statements(text)) {
      print(() -> session.execute(statement, origin()));
    }
  }

  private void print(
      java.util.function.Supplier<org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>> rows) {
    ResultWriter.Options current =
        options.width() == 0
            ? options
            : new ResultWriter.Options(options.format(), width.getAsInt(), options.limit());
    try {
      new ResultWriter(current).write(rows.get(), out, err);
    } catch (HuntlakeException e) {
      err.println("huntlake: " + e.getMessage());
      failures++;
    } catch (Exception e) { // Spark's checked exceptions arrive undeclared
      err.println("huntlake: " + Errors.queryFailed(origin(), e).getMessage());
      failures++;
    }
    out.flush();
    err.flush();
  }
}
