package io.huntlake.intel;

import io.huntlake.error.Errors;
import io.huntlake.source.Redactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Opens a feed or range file, local or in object storage, gzip or plain (told by its bytes). */
final class ReferenceFile {
  private ReferenceFile() {}

  /**
   * The first character of the text that is not a byte-order mark or white space (-1 when there is
   * none), leaving the reader where it was: what tells JSON from lists and CSV.
   */
  static int firstCharacter(BufferedReader reader) throws IOException {
    reader.mark(1 << 16);
    int first;
    do {
      first = reader.read();
    } while (first == 0xFEFF || (first >= 0 && Character.isWhitespace(first)));
    reader.reset();
    return first;
  }

  interface Reading<T> {
    T read(BufferedReader reader) throws IOException;
  }

  /**
   * Reads the file with {@code reading}; nothing has been written when it fails: with exit 3 for
   * content that cannot be read (invalid JSON, a corrupt gzip stream), with the storage error for a
   * file storage could not deliver.
   */
  static <T> T read(String file, Configuration hadoop, Reading<T> reading) {
    Path path = new Path(file);
    try (InputStream raw = path.getFileSystem(hadoop).open(path);
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw)) {
      in.mark(2);
      boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      InputStream content = gzip ? new GZIPInputStream(in) : in;
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), 1 << 17);
      return reading.read(reader);
    } catch (IOException e) {
      // Paths and parser messages reach the error: a path may carry credentials, a message the
      // text it quotes.
      throw failure(file, e, new Redactor());
    }
  }

  /** What a failed read means: bad content (exit 3, no retry) or storage that failed (exit 1). */
  private static RuntimeException failure(String file, IOException cause, Redactor redactor) {
    String shown = redactor.string(file);
    if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
      // Jackson's message quotes the offending text, so it is redacted too.
      return Errors.feedWithoutIndicators(
          shown, "JSON", List.of("not valid JSON: " + redactor.rawText(json.getOriginalMessage())));
    }
    if (cause instanceof java.util.zip.ZipException || cause instanceof java.io.EOFException) {
      // A corrupt or cut-off gzip stream is the file's content: a retry reads the same bytes.
      return Errors.feedWithoutIndicators(
          shown,
          "gzip",
          List.of(
              "the compressed stream is corrupt or cut short ("
                  + cause.getClass().getSimpleName()
                  + ")"));
    }
    return Errors.storageUnreadable(shown, "FILE", cause);
  }
}
