package io.huntlake.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * TEST-ONLY: the local file system under the scheme {@code faulty://}, whose reads fail like a
 * storage outage. Files whose name contains {@code fail-open} cannot be opened; files whose name
 * contains {@code fail-read} fail with a connection reset after their first {@link #GOOD_BYTES}
 * bytes. Register with {@link #register(Configuration)}; a real S3-compatible server stopped
 * mid-run covers the same ground end to end (S3FaultsIT).
 */
public final class FaultyFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "faulty";
  public static final int GOOD_BYTES = 100;

  public static void register(Configuration hadoop) {
    hadoop.set("fs." + SCHEME + ".impl", FaultyFileSystem.class.getName());
    hadoop.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
  }

  /** The faulty:// path of a local file. */
  public static String path(java.nio.file.Path local) {
    return SCHEME + "://" + local.toAbsolutePath();
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
    setConf(conf);
  }

  /**
   * Plain statuses: the local file system's own would load permissions through {@code
   * java.io.File(URI)}, which refuses any scheme but file:// (listing a faulty:// folder failed).
   */
  @Override
  public org.apache.hadoop.fs.FileStatus[] listStatus(Path f) throws IOException {
    return java.util.Arrays.stream(super.listStatus(f))
        .map(
            s ->
                new org.apache.hadoop.fs.FileStatus(
                    s.getLen(),
                    s.isDirectory(),
                    s.getReplication(),
                    s.getBlockSize(),
                    s.getModificationTime(),
                    s.getPath()))
        .toArray(org.apache.hadoop.fs.FileStatus[]::new);
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    if (f.getName().contains("fail-open")) {
      throw new java.nio.file.AccessDeniedException(f.toString(), null, "403 Forbidden");
    }
    FSDataInputStream real = super.open(f, bufferSize);
    if (!f.getName().contains("fail-read")) {
      return real;
    }
    return new FSDataInputStream(new FailingAfter(real));
  }

  /** Serves the first bytes, then fails as a dropped connection does. */
  private static final class FailingAfter extends FSInputStream {
    private final InputStream in;
    private long position;

    FailingAfter(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      if (position >= GOOD_BYTES) {
        throw new java.net.SocketException("Connection reset");
      }
      int b = in.read();
      position++;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (position >= GOOD_BYTES) {
        throw new java.net.SocketException("Connection reset");
      }
      int n = in.read(buffer, offset, (int) Math.min(length, GOOD_BYTES - position));
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public void seek(long pos) throws IOException {
      throw new IOException("not seekable");
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public boolean seekToNewSource(long targetPos) {
      return false;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
