package io.huntlake.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.huntlake.error.ExitCode;
import io.huntlake.error.HuntlakeException;
import io.huntlake.testing.RawLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file whose content cannot be read is bad input, not a retryable fault, and leaks nothing. */
class ReferenceFileTest {
  private static HuntlakeException failure(Path file) {
    return catchThrowableOfType(
        HuntlakeException.class,
        () ->
            ReferenceFile.read(
                file.toString(), new Configuration(), r -> FeedParser.parse(r, "feed")));
  }

  @Test
  void invalidJsonIsBadInputAndItsQuotedTextIsRedacted(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bundle.json");
    Files.writeString(file, "{\"objects\": [ AKIAHLCANARY6X7QP000 ]}");
    HuntlakeException error = failure(file);
    assertThat(error.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(error.getMessage())
        .contains("not valid JSON")
        .doesNotContain("AKIAHLCANARY6X7QP000");
  }

  @Test
  void aCutOffGzipFileIsBadInput(@TempDir Path dir) throws IOException {
    byte[] whole = RawLogs.gzip("198.51.100.1\n".repeat(2000));
    Path file = dir.resolve("feed.txt.gz");
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    HuntlakeException error = failure(file);
    assertThat(error.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(error.getMessage()).contains("corrupt or cut short");
  }

  @Test
  void aMissingFileIsAStorageFailure(@TempDir Path dir) {
    HuntlakeException error = failure(dir.resolve("absent.txt"));
    assertThat(error.exitCode()).isEqualTo(ExitCode.FAILED);
  }
}
