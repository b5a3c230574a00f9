package io.huntlake.error;

import java.util.Objects;

/**
 * A user-facing failure: what went wrong, why, and what to do about it. Build these only through
 * {@link Errors} so every message in the product has the same three parts.
 */
public final class HuntlakeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String problem;
  private final String cause;
  private final String fix;
  private final ExitCode exitCode;

  HuntlakeException(
      ExitCode exitCode, String problem, String cause, String fix, Throwable underlying) {
    super(render(problem, cause, fix), underlying);
    this.exitCode = Objects.requireNonNull(exitCode);
    this.problem = problem;
    this.cause = cause;
    this.fix = fix;
  }

  private static String render(String problem, String cause, String fix) {
    StringBuilder message = new StringBuilder(problem);
    if (cause != null && !cause.isBlank()) {
      message.append(": ").append(cause);
    }
    if (!message.toString().endsWith(".")) {
      message.append('.');
    }
    if (fix != null && !fix.isBlank()) {
      message.append('\n').append(fix);
    }
    return message.toString();
  }

  /**
   * The HuntLake error somewhere in {@code error}'s cause chain: Spark wraps what a task threw
   * (say, a raw file it could not read) in its own job-failure exceptions.
   */
  public static java.util.Optional<HuntlakeException> within(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HuntlakeException huntlake) {
        return java.util.Optional.of(huntlake);
      }
    }
    return java.util.Optional.empty();
  }

  public String problem() {
    return problem;
  }

  public String reason() {
    return cause;
  }

  public String fix() {
    return fix;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
