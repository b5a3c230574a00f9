package io.huntlake.config;

import java.util.Optional;

/** Settings for s3a:// storage. {@link #toString()} never shows the keys. */
public record S3Settings(
    Optional<String> endpoint,
    boolean pathStyleAccess,
    boolean sslEnabled,
    Optional<String> region,
    Optional<String> credentialsProvider,
    Optional<String> accessKey,
    Optional<String> secretKey) {

  @Override
  public String toString() {
    return "S3Settings[endpoint="
        + endpoint.orElse("(aws)")
        + ", pathStyleAccess="
        + pathStyleAccess
        + ", sslEnabled="
        + sslEnabled
        + ", region="
        + region.orElse("(default)")
        + ", credentialsProvider="
        + credentialsProvider.orElse("(default chain)")
        + ", accessKey="
        + (accessKey.isPresent() ? "****" : "(unset)")
        + ", secretKey="
        + (secretKey.isPresent() ? "****" : "(unset)")
        + "]";
  }
}
