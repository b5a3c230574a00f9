package io.huntlake.error;

/**
 * Process exit codes of every HuntLake command. Schedulers map them: {@link #FAILED} and {@link
 * #INPUT_NOT_READY} may be retried (the Airflow DAGs do), {@link #USAGE} and {@link #BAD_INPUT}
 * will fail again the same way and should not be.
 */
public enum ExitCode {
  OK(0),
  /** The job could not do its work (storage unreachable, a step failed); a retry may succeed. */
  FAILED(1),
  /** Bad command line or configuration; fix the call or the config file. */
  USAGE(2),
  /** The input data itself is unusable in a way a retry cannot change. */
  BAD_INPUT(3),
  /** The day's raw input has not arrived (yet); retry when log delivery has caught up. */
  INPUT_NOT_READY(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
