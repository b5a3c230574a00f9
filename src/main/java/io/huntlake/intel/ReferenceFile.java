package io.huntlake.intel;

import io.huntlake.error.Errors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
   * Reads the file with {@code reading}; a file that cannot be read fails with the storage error
   * (nothing has been written by then).
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
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw Errors.badArgument(
          "FILE",
          file + " starts like JSON but is not valid JSON: " + e.getOriginalMessage(),
          "Give the file as its publisher serves it (a STIX 2.1 bundle, or the provider's ranges"
              + " JSON), or as a plain list or CSV.");
    } catch (IOException e) {
      throw Errors.storageUnreadable(file, "FILE", e);
    }
  }
}
