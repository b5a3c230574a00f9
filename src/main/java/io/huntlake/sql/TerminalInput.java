package io.huntlake.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The shell's input on a terminal: line editing, and history kept across sessions in {@code
 * ~/.huntlake_sql_history}. Ctrl-C drops the line being typed; Ctrl-D ends the session.
 */
public final class TerminalInput implements SqlShell.Input, AutoCloseable {
  private final Terminal terminal;
  private final LineReader reader;

  public TerminalInput(Path historyFile) {
    try {
      terminal = TerminalBuilder.builder().system(true).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the terminal", e);
    }
    reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("huntlake")
            .variable(LineReader.HISTORY_FILE, historyFile)
            // '!' is SQL (!=, NOT), not a history reference.
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .build();
  }

  @Override
  public String readLine(String prompt) {
    try {
      return reader.readLine(prompt);
    } catch (UserInterruptException e) {
      return SqlShell.CANCELLED;
    } catch (EndOfFileException e) {
      return null;
    }
  }

  /** The terminal's width now (it may be resized between queries). */
  public int width() {
    int width = terminal.getWidth();
    return width > 0 ? width : 120;
  }

  public java.io.PrintWriter writer() {
    return terminal.writer();
  }

  @Override
  public void close() {
    try {
      reader.getHistory().save();
      terminal.close();
    } catch (IOException e) {
      // the session is over; a history that cannot be saved is not worth an error
    }
  }
}
