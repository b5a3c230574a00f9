package io.huntlake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  @Test
  void splitsOnNewlinesStripsCarriageReturnsAndKeepsAnUnterminatedLastLine() {
    LineReader reader =
        new LineReader(
            new ByteArrayInputStream("a\r\nbb\n\nccc".getBytes(StandardCharsets.UTF_8)), 100);
    assertThat(reader.next().text()).isEqualTo("a");
    assertThat(reader.next().text()).isEqualTo("bb");
    assertThat(reader.next().isBlank()).isTrue();
    Line last = reader.next();
    assertThat(last.text()).isEqualTo("ccc");
    assertThat(last.unterminated()).isTrue();
    assertThat(reader.next()).isNull();
    assertThat(reader.failure()).isNull();
  }

  @Test
  void anOversizedLineIsSkippedToItsNewlineWithItsLengthKnown() {
    byte[] big = new byte[20 * 1024 * 1024];
    Arrays.fill(big, (byte) 'x');
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(big);
    bytes.writeBytes("\nnext\n".getBytes(StandardCharsets.UTF_8));
    LineReader reader = new LineReader(new ByteArrayInputStream(bytes.toByteArray()), 1024 * 1024);
    Line first = reader.next();
    assertThat(first.oversized()).isTrue();
    assertThat(first.length()).isEqualTo(big.length);
    assertThat(first.bytes().length)
        .as("memory stays bounded by the limit")
        .isLessThanOrEqualTo(1024 * 1024);
    assertThat(reader.next().text()).isEqualTo("next");
  }

  @Test
  void aTruncatedGzipKeepsTheCompleteLinesAndReportsTheFailure() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      for (int i = 0; i < 2000; i++) {
        gzip.write(
            ("line " + i + " " + "payload".repeat(10) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] cut = Arrays.copyOf(compressed.toByteArray(), compressed.size() / 2);
    LineReader reader = new LineReader(new GZIPInputStream(new ByteArrayInputStream(cut)), 1024);
    Line line;
    Line last = null;
    int complete = 0;
    while ((line = reader.next()) != null) {
      if (!line.unterminated()) {
        complete++;
        assertThat(line.text()).startsWith("line " + (complete - 1) + " ");
      }
      last = line;
    }
    assertThat(complete).isGreaterThan(100).isLessThan(2000);
    assertThat(reader.failure()).isNotNull();
    assertThat(last.unterminated()).isTrue();
  }
}
