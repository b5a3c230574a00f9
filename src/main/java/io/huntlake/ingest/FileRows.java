package io.huntlake.ingest;

import com.github.luben.zstd.ZstdInputStream;
import io.huntlake.config.IngestSettings;
import io.huntlake.error.Errors;
import io.huntlake.error.HuntlakeException;
import io.huntlake.source.Line;
import io.huntlake.source.LineParser;
import io.huntlake.source.LineReader;
import io.huntlake.source.RecordSink;
import io.huntlake.source.Redactor;
import io.huntlake.source.SourceFile;
import io.huntlake.source.Timestamps;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.EventColumns;
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
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ObjLongConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Streams one input file through its parser, for one of ingest's two passes: the survey (audit
 * keys, rejects and the file's ledger entry) or the write (the source table's rows, minus
 * duplicates). Each pass reads the file once: counting and hashing the stored bytes, decompressing
 * by magic bytes (gzip, zstd, or plain), and splitting lines.
 *
 * <p>Bad bytes are data: a stream that breaks off (truncated gzip) keeps every complete line,
 * rejects the cut one, and notes the error in the ledger; so do bytes after the last gzip member. A
 * file whose bytes could not be read at all or to their end (outage, refused access, an object that
 * changed) is a fault, not data: the task throws {@link Errors#rawFileUnreadable}, Spark fails the
 * job, and ingest commits nothing. Every event time must lie in the plausible window around the
 * folder's day; every string value passes the {@link Redactor} before it leaves this class. Runs of
 * identical rejected lines become one reject row with a line count, and a file with more than
 * ingest.max_rejects_per_file rejects is counted, not parsed, from there on. Memory stays bounded
 * by the records of one line.
 */
final class FileRows implements Iterator<Row>, RecordSink {
  /** What a pass wants from a file. */
  enum Pass {
    /** Keys of audit events, rejects and the ledger entry; no event rows. */
    SURVEY,
    /** Event rows of the source's table only, minus the ones to drop. */
    EVENTS
  }

  private final Pass pass;
  private final Set<String> drops;
  private final String expectedSha256;
  private final SourceFile file;
  private final IngestSettings limits;
  private final Configuration hadoop;
  private final ArrayDeque<Row> ready = new ArrayDeque<>();
  private final Redactor redactor = new Redactor();
  private final ObjLongConsumer<String> redactionsOut;
  private final org.apache.spark.sql.types.StructType tableSchema;
  private final io.huntlake.source.LogSource.Dedupe dedupe;
  private final int[] keyColumns;
  private final int orderingColumn;
  private final int redactionsColumn;
  private final int sourceFileColumn;
  private final int sourceLineColumn;
  private final int eventDateColumn;
  private final TreeSet<String> formats = new TreeSet<>();
  // The folder's day and the plausible window around it, as days since 1970 (checked per row).
  private final long folderDay;
  private final long firstPlausibleDay;
  private final long lastPlausibleDay;
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
  private Line current;
  private Object[] pendingReject;
  private String cutOff;
  private long rowsOutsideDay;
  private Instant minTime;
  private Instant maxTime;

  /**
   * @param drops for the events pass: {@link Envelope#dropKey}s of repeated rows not to emit
   * @param expectedSha256 for the events pass: the survey's checksum, which the file must still
   *     have
   * @param redactionsOut for the events pass: told the file's redaction count when it is done
   */
  FileRows(
      Pass pass,
      SourceFile file,
      IngestSettings limits,
      Configuration hadoop,
      Set<String> drops,
      String expectedSha256,
      ObjLongConsumer<String> redactionsOut) {
    this.pass = pass;
    this.redactionsOut = redactionsOut;
    this.tableSchema = file.source().table().schema();
    this.dedupe = file.source().dedupe().orElse(null);
    this.keyColumns =
        dedupe == null
            ? new int[0]
            : dedupe.key().stream().mapToInt(tableSchema::fieldIndex).toArray();
    this.orderingColumn =
        dedupe == null || dedupe.latestBy().isEmpty()
            ? -1
            : tableSchema.fieldIndex(dedupe.latestBy().get());
    this.sourceFileColumn = tableSchema.fieldIndex(EventColumns.SOURCE_FILE);
    this.sourceLineColumn = tableSchema.fieldIndex(EventColumns.SOURCE_LINE);
    this.eventDateColumn = tableSchema.fieldIndex(EventColumns.EVENT_DATE);
    this.redactionsColumn =
        java.util.Arrays.asList(tableSchema.fieldNames()).contains(AuditEventsTable.REDACTIONS)
            ? tableSchema.fieldIndex(AuditEventsTable.REDACTIONS)
            : -1;
    this.drops = drops;
    this.expectedSha256 = expectedSha256;
    this.file = file;
    this.limits = limits;
    this.hadoop = hadoop;
    this.folderDay = file.ingestDate().toEpochDay();
    this.firstPlausibleDay = folderDay - limits.eventDaysBefore();
    this.lastPlausibleDay = folderDay + limits.eventDaysAfter();
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
    if (rejects >= limits.maxRejectsPerFile()) {
      stopParsing();
      finish();
      return;
    }
    Line line = reader.next();
    current = line;
    if (line == null) {
      failIfUnreadable();
      finish();
      return;
    }
    if (line.unterminated() && reader.failure() != null) {
      failIfUnreadable();
      reject(
          line.number(),
          "file breaks off inside this line (" + describe(reader.failure()) + ")",
          line.text(),
          line.length(),
          null);
      return;
    }
    try {
      parser.line(line, this);
    } catch (HuntlakeException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // A parser must reject what it cannot read; should one fail instead, the line is still a
      // reject, never a failed day (and the ledger check catches any miscount).
      reject(
          line.number(),
          "could not be parsed (" + e.getClass().getSimpleName() + "): please report this line",
          line.text(),
          line.length(),
          null);
    }
  }

  private void open() {
    Path path;
    FileSystem fs;
    try {
      path = new Path(file.path());
      fs = path.getFileSystem(hadoop);
      // Raw logs are hashed whole by ingest; Hadoop's .crc side files are neither needed nor
      // always nameable (a ':' in a file name makes the .crc path an invalid URI).
      if (fs instanceof ChecksumFileSystem checksummed) {
        fs = checksummed.getRawFileSystem();
      }
    } catch (IllegalArgumentException | IOException e) {
      error = "cannot open: the file name is not a path Hadoop can open (" + describe(e) + ")";
      return;
    }
    try {
      stored = new CountingStream(fs.open(path, 1 << 16));
    } catch (IllegalArgumentException e) {
      error = "cannot open: the file name is not a path Hadoop can open (" + describe(e) + ")";
      return;
    } catch (IOException e) {
      throw Errors.rawFileUnreadable(file.path(), e);
    }
    try {
      digest = new DigestInputStream(stored, MessageDigest.getInstance("SHA-256"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
    parser = file.source().parser(file, limits.parseLimits());
    try {
      opened = decompress(new BufferedInputStream(digest, 1 << 16));
    } catch (IOException e) {
      failIfUnreadable();
      error = "cannot decompress: " + describe(e);
      opened = digest;
      return;
    }
    reader = new LineReader(opened, limits.maxLineBytes());
  }

  /** A read of the stored bytes failed: a fault of storage, never a property of the file. */
  private void failIfUnreadable() {
    if (stored != null && stored.fault != null) {
      throw Errors.rawFileUnreadable(file.path(), stored.fault);
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
      return new GzipMembers(in);
    }
    if (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd) {
      return new ZstdInputStream(in);
    }
    return in;
  }

  /**
   * Too many rejects: the file is probably not of this source (or hostile). Its remaining lines are
   * counted, as one reject row, instead of being parsed one by one.
   */
  private void stopParsing() {
    long first = reader.lines() + 1;
    long before = reader.bytesRead();
    long skipped = reader.skipRest();
    failIfUnreadable();
    cutOff =
        "stopped parsing at line "
            + first
            + " after "
            + rejects
            + " rejected lines (ingest.max_rejects_per_file); "
            + skipped
            + " more lines were counted as rejects, not read";
    if (skipped > 0) {
      rejectRun(
          first,
          skipped,
          "not parsed: the file had over "
              + limits.maxRejectsPerFile()
              + " rejected lines before this one (ingest.max_rejects_per_file)",
          null,
          reader.bytesRead() - before,
          null);
    }
  }

  private void finish() {
    done = true;
    if (parser != null && reader != null) {
      parser.finish(this);
    }
    flushReject();
    if (cutOff != null && error == null) {
      error = cutOff;
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
        failIfUnreadable();
        sha = HexFormat.of().formatHex(digest.getMessageDigest().digest());
        bytes = stored.count;
      }
      if (opened != null) {
        opened.close();
      }
    } catch (IOException e) {
      failIfUnreadable();
      if (error == null) {
        error = "reading the end of the file failed: " + describe(e);
      }
    }
    if (pass == Pass.EVENTS) {
      if (expectedSha256 != null && !expectedSha256.equals(sha)) {
        throw Errors.rawFileChangedDuringIngest(file.path(), expectedSha256, sha);
      }
      redactionsOut.accept(file.path(), redactions);
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
    ledger(ledger, IngestLedgerTable.ERROR, redactor.rawText(error));
    ledger(ledger, IngestLedgerTable.INGEST_RUN_ID, "");
    ready.add(Envelope.ledger(RowFactory.create(ledger)));
  }

  private static void ledger(Object[] row, String column, Object value) {
    row[IngestLedgerTable.SCHEMA.fieldIndex(column)] = value;
  }

  @Override
  public void row(Object[] values, Instant eventTime, String format) {
    String implausible = implausibleTime(values);
    if (implausible != null) {
      Line line = current;
      reject(
          line == null ? 0 : line.number(),
          implausible,
          line == null ? null : line.text(),
          line == null ? 0 : line.length(),
          format);
      return;
    }
    flushReject();
    rows++;
    formats.add(format);
    if (eventTime != null) {
      minTime = minTime == null || eventTime.isBefore(minTime) ? eventTime : minTime;
      maxTime = maxTime == null || eventTime.isAfter(maxTime) ? eventTime : maxTime;
      if (Timestamps.utcEpochDay(eventTime) != folderDay) {
        rowsOutsideDay++;
      }
    }
    if (pass == Pass.EVENTS) {
      if (dedupe == null || drops.isEmpty() || !drops.contains(dropKey(values))) {
        redact(values);
        ready.add(RowFactory.create(values));
      }
    } else if (dedupe != null) {
      ready.add(
          Envelope.key(
              RowFactory.create(
                  file.source().id(),
                  record(values),
                  orderingColumn < 0 || values[orderingColumn] == null
                      ? 0L
                      : ((Number) values[orderingColumn]).longValue(),
                  values[sourceFileColumn],
                  values[sourceLineColumn],
                  values[eventDateColumn])));
    }
  }

  private String record(Object[] values) {
    Object[] key = new Object[keyColumns.length];
    for (int i = 0; i < keyColumns.length; i++) {
      key[i] = values[keyColumns[i]];
    }
    return Envelope.record(key);
  }

  /**
   * Why a row's times are not plausible (the first timestamp column outside the window around the
   * folder's day, which also keeps Parquet from ever seeing a year 0 or 275760), or null.
   */
  private String implausibleTime(Object[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof Instant time) {
        long day = Timestamps.utcEpochDay(time);
        if (day < firstPlausibleDay || day > lastPlausibleDay) {
          return tableSchema.fields()[i].name()
              + " "
              + time
              + " is outside the plausible window for the folder's day "
              + file.ingestDate()
              + " ("
              + limits.eventDaysBefore()
              + " days before to "
              + limits.eventDaysAfter()
              + " after: ingest.event_days_before / ingest.event_days_after)";
        }
      }
    }
    return null;
  }

  /**
   * Every string value of the row through the one redactor; source_file stays as stored, the link
   * from a row to its evidence. The audit table's own count column gets what this found.
   */
  private void redact(Object[] values) {
    int found = redactor.row(values, sourceFileColumn);
    redactions += found;
    if (redactionsColumn >= 0 && found > 0) {
      values[redactionsColumn] = ((Number) values[redactionsColumn]).intValue() + found;
    }
  }

  private String dropKey(Object[] values) {
    return Envelope.dropKey(
        (String) values[sourceFileColumn], (Long) values[sourceLineColumn], record(values));
  }

  @Override
  public void reject(long line, String reason, String raw, long rawBytes, String format) {
    if (format != null) {
      formats.add(format);
    }
    rejectRun(line, 1, reason, raw, rawBytes, format);
  }

  /**
   * Counts {@code lines} rejected lines; in the survey, stores them as a reject row, or adds them
   * to the pending row when they repeat it (same reason and text, the next line).
   */
  private void rejectRun(
      long line, long lines, String reason, String raw, long rawBytes, String format) {
    rejects += lines;
    if (pass == Pass.EVENTS) {
      return;
    }
    String kept =
        raw == null
            ? null
            : redactor.rawText(
                raw.length() > limits.rejectRawChars()
                    ? raw.substring(0, limits.rejectRawChars())
                    : raw);
    String why = redactor.rawText(reason);
    if (pendingReject != null
        && lines == 1
        && (long) pendingReject[REJECT_LINE] + (long) pendingReject[REJECT_LINES] == line
        && java.util.Objects.equals(pendingReject[REJECT_RAW], kept)
        && pendingReject[REJECT_REASON].equals(why)) {
      pendingReject[REJECT_LINES] = (long) pendingReject[REJECT_LINES] + 1;
      pendingReject[REJECT_BYTES] = (long) pendingReject[REJECT_BYTES] + rawBytes;
      return;
    }
    flushReject();
    Object[] reject = new Object[RejectsTable.SCHEMA.size()];
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.INGEST_DATE)] = file.ingestDate();
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.SOURCE)] = file.source().id();
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.CLUSTER)] = file.cluster();
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.SOURCE_FILE)] = file.path();
    reject[REJECT_LINE] = line;
    reject[REJECT_REASON] = why;
    reject[REJECT_RAW] = kept;
    reject[REJECT_BYTES] = rawBytes;
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.SOURCE_FORMAT)] = format;
    reject[RejectsTable.SCHEMA.fieldIndex(RejectsTable.INGEST_RUN_ID)] = "";
    reject[REJECT_LINES] = lines;
    pendingReject = reject;
  }

  private void flushReject() {
    if (pendingReject != null) {
      ready.add(Envelope.reject(RowFactory.create(pendingReject)));
      pendingReject = null;
    }
  }

  private static final int REJECT_LINE = RejectsTable.SCHEMA.fieldIndex(RejectsTable.LINE_NUMBER);
  private static final int REJECT_LINES = RejectsTable.SCHEMA.fieldIndex(RejectsTable.LINE_COUNT);
  private static final int REJECT_RAW = RejectsTable.SCHEMA.fieldIndex(RejectsTable.RAW);
  private static final int REJECT_REASON = RejectsTable.SCHEMA.fieldIndex(RejectsTable.REASON);
  private static final int REJECT_BYTES = RejectsTable.SCHEMA.fieldIndex(RejectsTable.RAW_BYTES);

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

  /**
   * Counts the stored (compressed) bytes read, and remembers a failed read: whatever the
   * decompressor or line reader above makes of it, a failed read of storage is a fault.
   */
  private static final class CountingStream extends FilterInputStream {
    long count;
    IOException fault;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        int b = super.read();
        if (b >= 0) {
          count++;
        }
        return b;
      } catch (IOException e) {
        fault = e;
        throw e;
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          count += n;
        }
        return n;
      } catch (IOException e) {
        fault = e;
        throw e;
      }
    }
  }
}
