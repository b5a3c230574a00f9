package io.huntlake.synth;

import com.github.luben.zstd.ZstdOutputStream;
import io.huntlake.error.Errors;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A file of lines, compressed by its name ({@code .gz}, {@code .zst} or plain), that counts what it
 * wrote for the manifest. Gzip and zstd output is byte-identical for identical input.
 */
final class LineSink implements AutoCloseable {
  /** What one file holds, for manifest.json. */
  record FileEntry(
      String path,
      String source,
      String format,
      String cluster,
      String date,
      long lines,
      long events,
      long uncompressedBytes,
      long storedBytes) {}

  private final Path file;
  private final String relativePath;
  private final String source;
  private final String format;
  private final String cluster;
  private final String date;
  private final OutputStream out;
  private long lines;
  private long events;
  private long bytes;
  private boolean closed;

  LineSink(
      Path root, String relativePath, String source, String format, String cluster, String date) {
    this.file = root.resolve(relativePath);
    this.relativePath = relativePath;
    this.source = source;
    this.format = format;
    this.cluster = cluster;
    this.date = date;
    try {
      Files.createDirectories(file.getParent());
      OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      String name = file.getFileName().toString();
      if (name.endsWith(".gz")) {
        raw = new GZIPOutputStream(raw, 1 << 16);
      } else if (name.endsWith(".zst")) {
        raw = new ZstdOutputStream(raw, 3);
      }
      this.out = new BufferedOutputStream(raw, 1 << 16);
    } catch (IOException e) {
      throw Errors.cannotWrite(file, e);
    }
  }

  /** Writes one line (a newline is added) holding the given number of events. */
  void line(String text, int eventsInLine) {
    line(text.getBytes(StandardCharsets.UTF_8), eventsInLine);
  }

  void line(byte[] utf8, int eventsInLine) {
    try {
      out.write(utf8);
      out.write('\n');
    } catch (IOException e) {
      throw Errors.cannotWrite(file, e);
    }
    lines++;
    events += eventsInLine;
    bytes += utf8.length + 1;
  }

  long lines() {
    return lines;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw Errors.cannotWrite(file, e);
    }
  }

  FileEntry entry() {
    try {
      return new FileEntry(
          relativePath, source, format, cluster, date, lines, events, bytes, Files.size(file));
    } catch (IOException e) {
      throw Errors.cannotRead(file, e);
    }
  }
}
