package io.huntlake.source;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a (decompressed) byte stream into {@link Line}s without decoding it, so invalid UTF-8
 * never stops the reader. A line longer than the limit is skipped to its newline and returned with
 * only its first bytes; a stream that breaks off (truncated gzip) ends the lines and is reported by
 * {@link #failure()}, keeping everything read before it. A UTF-8 byte order mark at the start of
 * the stream is not part of the first line.
 */
public final class LineReader {
  private static final int PREFIX_BYTES = 64 * 1024;

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private long lineNumber;
  private long bytesRead;
  private boolean eof;
  private IOException failure;

  public LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or null at the end of the stream (or where it broke off). */
  public Line next() {
    if (lineNumber == 0 && bytesRead == 0) {
      skipByteOrderMark();
    }
    // Most lines lie whole in the buffer: copied out once, without growing a line buffer.
    int newline = newline(buffer, position, limit);
    if (newline >= 0 && newline - position <= maxLineBytes) {
      int length = newline - position;
      if (length > 0 && buffer[newline - 1] == '\r') {
        length--;
      }
      Line line =
          new Line(
              ++lineNumber,
              Arrays.copyOfRange(buffer, position, position + length),
              length,
              false,
              false);
      position = newline + 1;
      return line;
    }
    byte[] line = new byte[256];
    int length = 0;
    long total = 0;
    boolean oversized = false;
    while (true) {
      if (position == limit && !fill()) {
        if (total == 0) {
          return null;
        }
        return new Line(++lineNumber, Arrays.copyOf(line, length), total, oversized, true);
      }
      int start = position;
      int end = newline(buffer, position, limit);
      position = end < 0 ? limit : end;
      int chunk = position - start;
      total += chunk;
      if (!oversized) {
        if (length + chunk > maxLineBytes) {
          oversized = true;
          int keep = Math.max(0, Math.min(PREFIX_BYTES, maxLineBytes) - length);
          line = append(line, length, buffer, start, Math.min(keep, chunk));
          length += Math.min(keep, chunk);
        } else {
          line = append(line, length, buffer, start, chunk);
          length += chunk;
        }
      }
      if (position < limit) { // at a newline
        position++;
        if (length > 0 && line[length - 1] == '\r' && !oversized) {
          length--;
          total--;
        }
        return new Line(++lineNumber, Arrays.copyOf(line, length), total, oversized, false);
      }
    }
  }

  private void skipByteOrderMark() {
    if (!fill()) {
      return;
    }
    // A mark split over two reads is so unlikely (the first read returns at least 3 bytes of any
    // real file) that it is left to be rejected as a line.
    if (limit - position >= 3
        && (buffer[position] & 0xff) == 0xef
        && (buffer[position + 1] & 0xff) == 0xbb
        && (buffer[position + 2] & 0xff) == 0xbf) {
      position += 3;
    }
  }

  /**
   * Counts the remaining lines without keeping them (a file ingest stopped parsing).
   *
   * @return the lines skipped, a last one without newline included
   */
  public long skipRest() {
    long skipped = 0;
    boolean inLine = false;
    while (position < limit || fill()) {
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          skipped++;
          inLine = false;
        } else {
          inLine = true;
        }
      }
      position = limit;
    }
    if (inLine) {
      skipped++;
    }
    lineNumber += skipped;
    return skipped;
  }

  /** Lines returned so far. */
  public long lines() {
    return lineNumber;
  }

  /** Decompressed bytes read so far. */
  public long bytesRead() {
    return bytesRead;
  }

  /** Why the stream broke off before its end, or null when it ended normally. */
  public IOException failure() {
    return failure;
  }

  private boolean fill() {
    if (eof) {
      return false;
    }
    try {
      int n = in.read(buffer, 0, buffer.length);
      if (n < 0) {
        eof = true;
        return false;
      }
      bytesRead += n;
      position = 0;
      limit = n;
      return true;
    } catch (IOException e) {
      failure = e;
      eof = true;
      return false;
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The index of the first '\n' in [from, to), or -1: eight bytes at a time (a byte equal to '\n'
   * is a zero byte of the word XOR newlines; the lowest flagged byte is always a true one).
   */
  static int newline(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
      long zero = (word - ONES) & ~word & HIGHS;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] append(byte[] target, int length, byte[] source, int from, int count) {
    if (count <= 0) {
      return target;
    }
    if (length + count > target.length) {
      target = Arrays.copyOf(target, Math.max(target.length * 2, length + count));
    }
    System.arraycopy(source, from, target, length, count);
    return target;
  }
}
