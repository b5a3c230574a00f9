package io.huntlake.cli;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.error.ExitCode;
import io.huntlake.sql.OutputFormat;
import io.huntlake.sql.ResultWriter;
import io.huntlake.sql.SqlScript;
import io.huntlake.sql.SqlSession;
import io.huntlake.sql.SqlShell;
import io.huntlake.sql.TerminalInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code huntlake sql}: query the lake from the shell, a file, or an interactive prompt. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Run SQL against the lake. Every HuntLake table is there by its plain name (SHOW TABLES"
          + " lists them), with time travel: ... FROM findings VERSION AS OF 3, or TIMESTAMP AS OF"
          + " '2026-11-01'. Read-only unless --allow-writes.",
      "With no QUERY and no --file: an interactive prompt (statements end with ';', \\help)."
    })
final class SqlCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Mixin SqlOutputOptions output;

  @Parameters(
      arity = "0..1",
      paramLabel = "QUERY",
      description = "One or more statements separated by ';'.")
  String query;

  @Option(
      names = "--file",
      paramLabel = "FILE.sql",
      description = "Run the statements in this file; ${name} in it takes --param name=VALUE.")
  Path file;

  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description =
          "A value for ${NAME}, written into the query as a quoted SQL string (so write"
              + " user_name = ${user}, without quotes); repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = "--allow-writes",
      description =
          "Allow statements that change tables (INSERT, UPDATE, DELETE, MERGE, CREATE, DROP,"
              + " ALTER, VACUUM, OPTIMIZE, ...). Off by default so a hunt cannot alter evidence.")
  boolean allowWrites;

  @Override
  public Integer call() {
    if (query != null && file != null) {
      throw Errors.badArgument(
          "--file", "both a QUERY and --file were given", "Pass one: the query or the file.");
    }
    OutputFormat format = output.format();
    String script = script();
    HuntlakeConfig config = configOptions.load();
    SparkSession spark = SparkCommand.session(configOptions, config, "sql");
    SqlSession session = SqlSession.open(spark, config, allowWrites);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (script == null) {
      return interactive(session, format, out, err);
    }
    String origin = file == null ? "on the command line" : "in " + file;
    List<String> statements = SqlScript.statements(script);
    ResultWriter writer = new ResultWriter(output.options(format));
    for (int i = 0; i < statements.size(); i++) {
      if (i > 0 && format == OutputFormat.TABLE) {
        out.println();
      }
      output.write(writer, session.execute(statements.get(i), origin), origin, out, err);
    }
    return 0;
  }

  /** The statements to run with parameters written in, or null for the interactive prompt. */
  private String script() {
    String text = query;
    if (file != null) {
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw Errors.cannotRead(file, e);
      }
    }
    if (text == null) {
      if (!params.isEmpty()) {
        throw Errors.badArgument(
            "--param", "parameters need a QUERY or --file", "Pass the query that uses them.");
      }
      return null;
    }
    Map<String, String> literals = new LinkedHashMap<>();
    params.forEach((name, value) -> literals.put(name, SqlScript.stringLiteral(value)));
    return SqlScript.substitute(file == null ? "The query" : file.toString(), text, literals);
  }

  /**
   * Runs the shell. Piped input ends with exit code 2 when a statement failed, as a script should;
   * at a terminal the user saw each error and the session ends normally.
   */
  private int interactive(
      SqlSession session, OutputFormat format, PrintWriter out, PrintWriter err) {
    ResultWriter.Options options = output.options(format);
    if (System.console() == null) {
      // Piped input (huntlake sql < queries.sql): no prompts, no terminal handling.
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      SqlShell.Input lines =
          new SqlShell.Input() {
            @Override
            public String readLine(String prompt) {
              try {
                return in.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }

            @Override
            public boolean interactive() {
              return false;
            }
          };
      int failed = new SqlShell(session, options, options::width, lines, out, err).run();
      return failed == 0 ? 0 : ExitCode.USAGE.code();
    }
    Path history = Path.of(System.getProperty("user.home"), ".huntlake_sql_history");
    try (TerminalInput terminal = new TerminalInput(history)) {
      PrintWriter screen = terminal.writer();
      new SqlShell(session, options, terminal::width, terminal, screen, screen).run();
    }
    return 0;
  }
}
