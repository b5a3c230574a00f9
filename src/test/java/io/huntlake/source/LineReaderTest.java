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

  @Test
  void linesComeOutTheSameHoweverTheStreamDeliversTheBytes() {
    java.util.Random random = new java.util.Random(7);
    StringBuilder text = new StringBuilder();
    java.util.List<String> expected = new java.util.ArrayList<>();
    java.util.List<Integer> raw = new java.util.ArrayList<>(); // with a '\r', before the '\n'
    for (int i = 0; i < 2000; i++) {
      int length = random.nextInt(i % 50 == 0 ? 300 : 40);
      StringBuilder line = new StringBuilder();
      for (int k = 0; k < length; k++) {
        line.append((char) ('a' + random.nextInt(26)));
      }
      String end = random.nextInt(5) == 0 ? "\r\n" : "\n";
      expected.add(line.toString());
      raw.add(length + end.length() - 1);
      text.append(line).append(end);
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    // A stream that hands out a few bytes at a time, so lines straddle every read boundary.
    java.io.InputStream trickle =
        new ByteArrayInputStream(bytes) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(97)));
          }
        };
    LineReader reader = new LineReader(trickle, 200);
    java.util.List<String> got = new java.util.ArrayList<>();
    for (Line line = reader.next(); line != null; line = reader.next()) {
      int i = got.size();
      assertThat(line.oversized()).isEqualTo(raw.get(i) > 200);
      if (line.oversized()) {
        assertThat(expected.get(i)).startsWith(line.text());
        got.add(expected.get(i));
      } else {
        assertThat(line.length()).isEqualTo(expected.get(i).length());
        got.add(line.text());
      }
    }
    assertThat(got).isEqualTo(expected);
  }

  @Test
  void newlineSearchFindsTheFirstNewlineAtEveryOffset() {
    for (int at = 0; at < 40; at++) {
      byte[] bytes = new byte[40];
      Arrays.fill(bytes, (byte) 0x8a); // a byte that differs from '\n' only in its high bit
      bytes[at] = '\n';
      if (at + 3 < 40) {
        bytes[at + 3] = '\n';
      }
      for (int from = 0; from <= at; from++) {
        assertThat(LineReader.newline(bytes, from, 40)).isEqualTo(at);
      }
      assertThat(LineReader.newline(bytes, 0, at)).isEqualTo(-1);
    }
  }
}
