package io.huntlake.error;

import java.util.Locale;

/**
 * Tells what kind of storage failure an exception is, from its cause chain, so that an error's fix
 * names the real cause: refused access, an endpoint that did not answer, an object that changed or
 * vanished, a missing bucket. Anything else gets a fix that guesses no cause (never "check your
 * credentials" unless access was refused).
 */
public final class StorageFaults {
  private StorageFaults() {}

  /** What went wrong, as far as the exception chain shows. */
  public enum Kind {
    ACCESS_REFUSED,
    UNREACHABLE,
    CHANGED_OR_GONE,
    NO_BUCKET,
    OTHER
  }

  public static Kind kind(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String type = t.getClass().getSimpleName();
      String message = t.getMessage() == null ? "" : t.getMessage();
      String lower = message.toLowerCase(Locale.ROOT);
      if (type.equals("NoSuchBucketException")
          || type.equals("UnknownStoreException")
          || message.contains("NoSuchBucket")) {
        return Kind.NO_BUCKET;
      }
      if (type.equals("AccessDeniedException")
          || type.equals("NoAuthWithAWSException")
          || message.contains("InvalidAccessKeyId")
          || message.contains("SignatureDoesNotMatch")
          || message.contains("AccessDenied")
          || lower.contains("403 forbidden")
          || lower.contains("status code: 403")
          || lower.contains("permission denied")) {
        return Kind.ACCESS_REFUSED;
      }
      if (type.equals("RemoteFileChangedException")
          || type.equals("FileNotFoundException")
          || type.equals("NoSuchFileException")
          || message.contains("NoSuchKey")) {
        return Kind.CHANGED_OR_GONE;
      }
      if (type.equals("UnknownHostException")
          || type.equals("ConnectException")
          || type.equals("NoRouteToHostException")
          || type.equals("SocketTimeoutException")
          || type.equals("ConnectTimeoutException")
          || type.equals("HttpHostConnectException")
          || type.equals("AWSClientIOException")
          || type.equals("SdkClientException")
          || lower.contains("connection refused")
          || lower.contains("unable to execute http request")
          || lower.contains("connection reset")) {
        return Kind.UNREACHABLE;
      }
    }
    return Kind.OTHER;
  }

  /**
   * The fix for a storage operation that failed with {@code error}.
   *
   * @param setting the config key that names the location
   * @param should what the location should be ("is readable", "is writable")
   */
  public static String fix(Throwable error, String setting, String should) {
    return switch (kind(error)) {
      case ACCESS_REFUSED ->
          "Access was refused: check that this user may use the location (for s3a://, the s3.*"
              + " credentials settings or the instance role, and the bucket policy), or fix "
              + setting
              + ".";
      case UNREACHABLE ->
          "The storage endpoint did not answer: check s3.endpoint and the network to it, then"
              + " rerun once storage is back (every step is idempotent; the exit code 1 lets a"
              + " scheduler retry).";
      case CHANGED_OR_GONE ->
          "The object changed or disappeared while it was being read (a delivery still writing"
              + " it, or a deletion): rerun once the day's delivery is complete.";
      case NO_BUCKET -> "The bucket does not exist: create it, or fix " + setting + ".";
      case OTHER ->
          "Check that the location "
              + should
              + " and the storage is healthy, or fix "
              + setting
              + "; rerun with --verbose for the stack trace.";
    };
  }
}
