package io.huntlake.ingest;

import com.github.luben.zstd.ZstdInputStream;
import io.huntlake.config.IngestSettings;
import io.huntlake.config.LogSource;
import io.huntlake.source.Line;
import io.huntlake.source.LineParser;
import io.huntlake.source.LineReader;
import io.huntlake.source.RecordSink;
import io.huntlake.source.Redactor;
import io.huntlake.source.SourceFile;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.IngestLedgerTable;
import io.huntlake.table.RejectsTable;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Streams one input file through its parser, for one of ingest's two passes: the survey (audit
 * keys, rejects and the file's ledger entry) or the write (the source table's rows, minus
 * duplicates). Each pass reads the file once: counting and hashing the stored bytes, decompressing
 * by magic bytes (gzip, zstd, or plain), and splitting lines. A stream that breaks off (truncated
 * gzip) keeps every complete line, rejects the cut one, and notes the error in the ledger. Memory
 * stays bounded by the records of one line.
 */
final class FileRows implements Iterator<Row>, RecordSink {
  /** What a pass wants from a file. */
  enum Pass {
    /** Keys of audit events, rejects and the ledger entry; no event rows. */
    SURVEY,
    /** Event rows of the source's table only, minus the ones to drop. */
    EVENTS
  }

  private static final int AUDIT_ID = AuditEventsTable.SCHEMA.fieldIndex(AuditEventsTable.AUDIT_ID);
  private static final int STAGE = AuditEventsTable.SCHEMA.fieldIndex(AuditEventsTable.STAGE);
  private static final int SOURCE_FILE =
      AuditEventsTable.SCHEMA.fieldIndex(AuditEventsTable.SOURCE_FILE);
  private static final int SOURCE_LINE =
      AuditEventsTable.SCHEMA.fieldIndex(AuditEventsTable.SOURCE_LINE);
  private static final int EVENT_DATE =
      AuditEventsTable.SCHEMA.fieldIndex(AuditEventsTable.EVENT_DATE);

  private final Pass pass;
  private final Set<String> drops;
  private final String expectedSha256;
  private final SourceFile file;
  private final IngestSettings limits;
  private final Configuration hadoop;
  private final ArrayDeque<Row> ready = new ArrayDeque<>();
  private final Redactor rawRedactor = new Redactor();
  private final TreeSet<String> formats = new TreeSet<>();
  private LineParser parser;
  private LineReader reader;
  private CountingStream stored;
  private DigestInputStream digest;
  private InputStream opened;
  private boolean done;
  private String error;
  private long batchRecords;
  private long rows;
  private long rejects;
  private long joined;
  private long headers;
  private long redactions;
  private long rowsOutsideDay;
  private Instant minTime;
  private Instant maxTime;

  /**
   * @param drops for the events pass: {@link Envelope#dropKey}s of audit rows not to emit
   * @param expectedSha256 for the events pass: the survey's checksum, which the file must still
   *     have
   */
  FileRows(
      Pass pass,
      SourceFile file,
      IngestSettings limits,
      Configuration hadoop,
      Set<String> drops,
      String expectedSha256) {
    this.pass = pass;
    this.drops = drops;
    this.expectedSha256 = expectedSha256;
    this.file = file;
    this.limits = limits;
    this.hadoop = hadoop;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !done) {
      advance();
    }
    return !ready.isEmpty();
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void advance() {
    if (reader == null && error == null) {
      open();
      if (error != null) {
        finish();
        return;
      }
    }
    Line line = reader.next();
    if (line == null) {
      finish();
      return;
    }
    if (line.unterminated() && reader.failure() != null) {
      reject(
          line.number(),
          "file breaks off inside this line (" + describe(reader.failure()) + ")",
          line.text(),
          line.length(),
          null);
      return;
    }
    parser.line(line, this);
  }

  private void open() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      Path path = new Path(file.path());
      stored = new CountingStream(path.getFileSystem(hadoop).open(path, 1 << 16));
      digest = new DigestInputStream(stored, sha256);
      opened = decompress(new BufferedInputStream(digest, 1 << 16));
      reader = new LineReader(opened, limits.maxLineBytes());
      parser = LineParser.forFile(file, limits);
    } catch (IOException e) {
      error = "cannot open or decompress: " + describe(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** Picks the decompressor by magic bytes, so a misnamed file is still read right. */
  private static InputStream decompress(BufferedInputStream in) throws IOException {
    in.mark(4);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    int b3 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    if (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd) {
      return new ZstdInputStream(in);
    }
    return in;
  }

  private void finish() {
    done = true;
    if (parser != null) {
      parser.finish(this);
    }
    if (reader != null && reader.failure() != null && error == null) {
      error =
          "stream breaks off after line "
              + reader.lines()
              + ": "
              + describe(reader.failure())
              + "; the lines before it were kept";
    }
    String sha = "";
    long bytes = 0;
    try {
      if (digest != null) {
        // Hash every stored byte, including any the decompressor did not need.
        byte[] rest = new byte[1 << 16];
        while (digest.read(rest) >= 0) {
          // drain
        }
        sha = HexFormat.of().formatHex(digest.getMessageDigest().digest());
        bytes = stored.count;
      }
      if (opened != null) {
        opened.close();
      }
    } catch (IOException e) {
      if (error == null) {
        error = "reading the end of the file failed: " + describe(e);
      }
    }
    if (pass == Pass.EVENTS) {
      if (expectedSha256 != null && !expectedSha256.equals(sha)) {
        throw new IllegalStateException(
            file.path()
                + " changed while it was being ingested (sha256 "
                + expectedSha256
                + " when surveyed, "
                + sha
                + " when written); rerun the day once the file is complete");
      }
      return;
    }
    Object[] ledger = new Object[IngestLedgerTable.SCHEMA.size()];
    ledger(ledger, IngestLedgerTable.INGEST_DATE, file.ingestDate());
    ledger(ledger, IngestLedgerTable.SOURCE, file.source().id());
    ledger(ledger, IngestLedgerTable.CLUSTER, file.cluster());
    ledger(ledger, IngestLedgerTable.SOURCE_FILE, file.path());
    ledger(
        ledger,
        IngestLedgerTable.SOURCE_FORMAT,
        formats.isEmpty() ? null : String.join(",", formats));
    ledger(ledger, IngestLedgerTable.BYTES, bytes);
    ledger(ledger, IngestLedgerTable.UNCOMPRESSED_BYTES, reader == null ? 0L : reader.bytesRead());
    ledger(ledger, IngestLedgerTable.SHA256, sha);
    ledger(ledger, IngestLedgerTable.MODIFIED_TS, file.modified());
    ledger(ledger, IngestLedgerTable.LINES, reader == null ? 0L : reader.lines());
    ledger(ledger, IngestLedgerTable.BATCH_RECORDS, batchRecords);
    ledger(ledger, IngestLedgerTable.ROWS, rows);
    ledger(ledger, IngestLedgerTable.REJECTS, rejects);
    ledger(ledger, IngestLedgerTable.DUPLICATES, 0L);
    ledger(ledger, IngestLedgerTable.JOINED_LINES, joined);
    ledger(ledger, IngestLedgerTable.HEADER_LINES, headers);
    ledger(ledger, IngestLedgerTable.REDACTIONS, redactions);
    ledger(ledger, IngestLedgerTable.MIN_EVENT_TS, minTime);
    ledger(ledger, IngestLedgerTable.MAX_EVENT_TS, maxTime);
    ledger(ledger, IngestLedgerTable.ROWS_OUTSIDE_DAY, rowsOutsideDay);
    ledger(ledger, IngestLedgerTable.ERROR, error);
    ledger(ledger, IngestLedgerTable.INGEST_RUN_ID, "");
    ready.add(Envelope.ledger(RowFactory.create(ledger)));
  }

  private static void ledger(Object[] row, String column, Object value) {
    row[IngestLedgerTable.SCHEMA.fieldIndex(column)] = value;
  }

  @Override
  public void row(Object[] values, Instant eventTime, String format) {
    rows++;
    formats.add(format);
    if (eventTime != null) {
      minTime = minTime == null || eventTime.isBefore(minTime) ? eventTime : minTime;
      maxTime = maxTime == null || eventTime.isAfter(maxTime) ? eventTime : maxTime;
      if (!eventTime.atZone(ZoneOffset.UTC).toLocalDate().equals(file.ingestDate())) {
        rowsOutsideDay++;
      }
    }
    if (pass == Pass.EVENTS) {
      if (file.source() != LogSource.AUDIT || drops.isEmpty() || !drops.contains(dropKey(values))) {
        ready.add(RowFactory.create(values));
      }
    } else if (file.source() == LogSource.AUDIT) {
      ready.add(
          Envelope.key(
              RowFactory.create(
                  values[AUDIT_ID],
                  values[STAGE],
                  values[SOURCE_FILE],
                  values[SOURCE_LINE],
                  values[EVENT_DATE])));
    }
  }

  private String dropKey(Object[] values) {
    return Envelope.dropKey(
        (String) values[SOURCE_FILE],
        (Long) values[SOURCE_LINE],
        (String) values[AUDIT_ID],
        (String) values[STAGE]);
  }

  @Override
  public void reject(long line, String reason, String raw, long rawBytes, String format) {
    rejects++;
    if (pass == Pass.EVENTS) {
      return;
    }
    if (format != null) {
      formats.add(format);
    }
    String kept =
        raw == null
            ? null
            : rawRedactor.string(
                rawRedactor.rawText(
                    raw.length() > limits.rejectRawChars()
                        ? raw.substring(0, limits.rejectRawChars())
                        : raw));
    Object[] reject = new Object[RejectsTable.SCHEMA.size()];
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.INGEST_DATE)] = file.ingestDate();
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.SOURCE)] = file.source().id();
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.CLUSTER)] = file.cluster();
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.SOURCE_FILE)] = file.path();
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.LINE_NUMBER)] = line;
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.REASON)] = reason;
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.RAW)] = kept;
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.RAW_BYTES)] = rawBytes;
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.SOURCE_FORMAT)] = format;
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.INGEST_RUN_ID)] = "";
    ready.add(Envelope.reject(RowFactory.create(reject)));
  }

  /** The survey only needs keys; the write pass builds (and redacts) whole rows. */
  @Override
  public boolean keysOnly() {
    return pass == Pass.SURVEY;
  }

  @Override
  public void joined(long lines) {
    joined += lines;
  }

  @Override
  public void header() {
    headers++;
  }

  @Override
  public void batchRecords(long extra) {
    batchRecords += extra;
  }

  @Override
  public void redactions(long count) {
    redactions += count;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** Counts the stored (compressed) bytes read. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
