package io.huntlake.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip file of one or more members (rotated logs are often concatenated), checking
 * each member's CRC and length. Unlike {@link java.util.zip.GZIPInputStream}, which silently stops
 * at bytes after a member that are not another member, it reports them as {@link TrailingData}:
 * ingest keeps the lines before them and notes the rest in the ledger instead of dropping it
 * unseen.
 */
final class GzipMembers extends InputStream {
  private static final int BUFFER = 1 << 16;

  /** Bytes after the last gzip member that are not gzip data. */
  static final class TrailingData extends ZipException {
    private static final long serialVersionUID = 1L;

    TrailingData(long offset) {
      super(
          "the bytes from compressed offset "
              + offset
              + " on are not gzip data (not another gzip member); they were not read");
    }
  }

  private final PushbackInputStream in;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] input = new byte[BUFFER];
  private int inputLength;
  private long consumed;
  private boolean inMember;
  private boolean ended;

  GzipMembers(InputStream in) {
    this.in = new PushbackInputStream(in, BUFFER);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!ended) {
      if (!inMember) {
        if (!startMember()) {
          ended = true;
          return -1;
        }
      }
      int n = inflate(b, off, len);
      if (n > 0) {
        crc.update(b, off, n);
        return n;
      }
      endMember();
    }
    return -1;
  }

  /** Reads a member header; false at a clean end of the stream. */
  private boolean startMember() throws IOException {
    int id1 = in.read();
    if (id1 < 0) {
      return false;
    }
    int id2 = in.read();
    if (id1 != 0x1f || id2 != 0x8b) {
      throw new TrailingData(consumed);
    }
    int method = readByte();
    if (method != 8) {
      throw new ZipException("gzip member uses compression method " + method + ", not deflate");
    }
    int flags = readByte();
    skip(6); // modification time, extra flags, operating system
    consumed += 10;
    if ((flags & 4) != 0) { // FEXTRA
      int length = readByte() | readByte() << 8;
      skip(length);
      consumed += 2 + length;
    }
    if ((flags & 8) != 0) { // FNAME
      skipZeroTerminated();
    }
    if ((flags & 16) != 0) { // FCOMMENT
      skipZeroTerminated();
    }
    if ((flags & 2) != 0) { // FHCRC
      skip(2);
      consumed += 2;
    }
    inflater.reset();
    crc.reset();
    inMember = true;
    return true;
  }

  private int inflate(byte[] b, int off, int len) throws IOException {
    while (true) {
      int n;
      try {
        n = inflater.inflate(b, off, len);
      } catch (DataFormatException e) {
        throw new ZipException("corrupt deflate data: " + e.getMessage());
      }
      if (n > 0) {
        return n;
      }
      if (inflater.finished()) {
        return 0;
      }
      if (inflater.needsDictionary()) {
        throw new ZipException("deflate data asks for a preset dictionary");
      }
      if (inflater.needsInput()) {
        inputLength = in.read(input, 0, input.length);
        if (inputLength < 0) {
          throw new EOFException("gzip member breaks off before its end");
        }
        consumed += inputLength;
        inflater.setInput(input, 0, inputLength);
      }
    }
  }

  /** Returns the bytes the inflater did not need, then checks the member's trailer. */
  private void endMember() throws IOException {
    int remaining = inflater.getRemaining();
    if (remaining > 0) {
      in.unread(input, inputLength - remaining, remaining);
      consumed -= remaining;
    }
    long expectedCrc = readIntLe();
    long expectedSize = readIntLe();
    consumed += 8;
    if (expectedCrc != crc.getValue()) {
      throw new ZipException("gzip member's CRC does not match its data");
    }
    if (expectedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
      throw new ZipException("gzip member's length does not match its data");
    }
    inMember = false;
  }

  private long readIntLe() throws IOException {
    return (readByte() | readByte() << 8 | readByte() << 16 | (long) readByte() << 24)
        & 0xffffffffL;
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("gzip member breaks off in its header or trailer");
    }
    return b;
  }

  private void skip(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      readByte();
    }
  }

  private void skipZeroTerminated() throws IOException {
    do {
      consumed++;
    } while (readByte() != 0);
  }

  @Override
  public void close() throws IOException {
    inflater.end();
    in.close();
  }
}
