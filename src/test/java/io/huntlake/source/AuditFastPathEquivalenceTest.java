package io.huntlake.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.testing.Projects;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest's audit fast path ({@link SlicedEvent}, {@link Redactor#untouchedObject}) against the
 * reference parser that reads every line into one Jackson tree: the same rows, every column and the
 * redaction count included, as the write pass stores them; the same rejects with the same reasons;
 * and the same in the survey pass. On the public corpus, on every generated audit format and on
 * fuzzed events that are valid but unusual (escapes, repeated keys, numbers as strings, floats,
 * nulls, deep nesting, secrets of every kind, any field order) or broken mid-object.
 */
class AuditFastPathEquivalenceTest {
  private static final int SOURCE_FILE =
      AuditEventsTable.SCHEMA.fieldIndex(AuditEventsTable.SOURCE_FILE);

  @Test
  void publicCorpusGivesTheSameRows() throws IOException {
    Optional<Path> corpus = Projects.corpus();
    Assumptions.assumeTrue(corpus.isPresent(), "../shared/corpus is not here");
    List<Path> files;
    try (Stream<Path> listed = Files.list(corpus.get().resolve("audit"))) {
      files = listed.sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      compare(file.getFileName().toString(), Files.readAllBytes(file));
    }
  }

  @Test
  void everyGeneratedFormatGivesTheSameRows(@TempDir Path dir) throws IOException {
    SyntheticCluster.generate(
        new SyntheticCluster.Options(dir, LocalDate.of(2026, 11, 2), 1, 11, Scale.SMALL, true));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir.resolve("audit"))) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    long sliced = 0;
    long objects = 0;
    for (Path file : files) {
      Result result = compare(file.toString(), decompress(Files.readAllBytes(file)));
      sliced += result.fast().clean;
      objects += result.objects();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    // The fast path is taken for most objects, not only proven harmless by never running.
    assertThat(sliced).isGreaterThan(objects / 2);
  }

  @Test
  void fuzzedUnusualEventsGiveTheSameRows() {
    Random random = new Random(20261204L);
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      file.append(new Fuzz(random).event(i)).append('\n');
    }
    Result result = compare("fuzzed.log", file.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(result.reference().rows).hasSizeGreaterThan(2000);
    assertThat(result.reference().rejects).isNotEmpty();
    assertThat(result.reference().redactions).isPositive();
    assertThat(result.fast().clean).isPositive();
  }

  @Test
  void sliceThatNeedsNothingIsStoredAsItIs() {
    String object =
        "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"name\":\"api\",\"image\":\"x:1\"}]}}";
    String event = event("{\"a\":1}", object, "pods");
    CollectingSink sink = CollectingSink.parse(LogSource.AUDIT, "a.log", event);
    assertThat(sink.clean).isEqualTo(2);
    assertThat(sink.value(0, AuditEventsTable.SCHEMA, AuditEventsTable.RESPONSE_OBJECT))
        .isEqualTo(object);
  }

  @Test
  void sliceWithASecretGoesThroughTheTree() {
    String secret =
        "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\"hunter2hunter2\"}]}]}}";
    CollectingSink sink =
        CollectingSink.parse(LogSource.AUDIT, "a.log", event(secret, "{\"b\":2}", "pods"));
    assertThat(sink.clean).isEqualTo(1);
    assertThat((String) sink.value(0, AuditEventsTable.SCHEMA, AuditEventsTable.REQUEST_OBJECT))
        .doesNotContain("hunter2")
        .contains(Redactor.MARKER);
  }

  private static String event(String request, String response, String resource) {
    return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\","
        + "\"auditID\":\"x1\",\"stage\":\"ResponseComplete\",\"verb\":\"create\","
        + "\"objectRef\":{\"resource\":\""
        + resource
        + "\"},\"requestReceivedTimestamp\":\"2026-11-02T10:00:00Z\",\"requestObject\":"
        + request
        + ",\"responseObject\":"
        + response
        + "}\n";
  }

  private record Result(CollectingSink fast, CollectingSink reference, long objects) {}

  /** Both parsers over the same bytes, both passes; fails on the first difference. */
  private static Result compare(String name, byte[] bytes) {
    SourceFile file = CollectingSink.file(LogSource.AUDIT, name, bytes, null);
    CollectingSink fast =
        CollectingSink.parse(new AuditParser(file, CollectingSink.LIMITS, true), bytes, stored());
    CollectingSink reference =
        CollectingSink.parse(new AuditParser(file, CollectingSink.LIMITS, false), bytes, stored());
    assertSame(name, fast, reference);
    CollectingSink fastKeys =
        CollectingSink.parse(
            new AuditParser(file, CollectingSink.LIMITS, true), bytes, CollectingSink.keys());
    CollectingSink referenceKeys =
        CollectingSink.parse(
            new AuditParser(file, CollectingSink.LIMITS, false), bytes, CollectingSink.keys());
    assertSame(name + " (survey)", fastKeys, referenceKeys);
    assertThat(fastKeys.rows).as(name).hasSameSizeAs(fast.rows);
    long objects =
        reference.rows.stream()
            .mapToLong(
                row ->
                    Stream.of(AuditEventsTable.REQUEST_OBJECT, AuditEventsTable.RESPONSE_OBJECT)
                        .filter(c -> row[AuditEventsTable.SCHEMA.fieldIndex(c)] != null)
                        .count())
            .sum();
    return new Result(fast, reference, objects);
  }

  private static CollectingSink stored() {
    return CollectingSink.stored(
        AuditEventsTable.SCHEMA, AuditEventsTable.SOURCE_FILE, AuditEventsTable.REDACTIONS);
  }

  private static void assertSame(String name, CollectingSink fast, CollectingSink reference) {
    assertThat(fast.rejects).as(name + ": rejects").isEqualTo(reference.rejects);
    assertThat(fast.formats).as(name + ": formats").isEqualTo(reference.formats);
    assertThat(fast.redactions).as(name + ": redactions").isEqualTo(reference.redactions);
    assertThat(fast.batchRecords).isEqualTo(reference.batchRecords);
    assertThat(fast.rows).as(name + ": rows").hasSameSizeAs(reference.rows);
    String[] columns = AuditEventsTable.SCHEMA.fieldNames();
    for (int r = 0; r < fast.rows.size(); r++) {
      Object[] a = fast.rows.get(r);
      Object[] b = reference.rows.get(r);
      for (int c = 0; c < columns.length; c++) {
        if (c == SOURCE_FILE) {
          continue;
        }
        assertThat(comparable(a[c]))
            .as("%s row %d column %s", name, r, columns[c])
            .isEqualTo(comparable(b[c]));
      }
    }
  }

  private static Object comparable(Object value) {
    if (value instanceof String[] texts) {
      return Arrays.asList(texts);
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      return new TreeMap<Object, Object>(scala.collection.JavaConverters.mapAsJavaMap(map));
    }
    return value;
  }

  private static byte[] decompress(byte[] bytes) throws IOException {
    InputStream in = new ByteArrayInputStream(bytes);
    if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      in = new GZIPInputStream(in);
    } else if (bytes.length > 4 && (bytes[0] & 0xff) == 0x28 && (bytes[1] & 0xff) == 0xb5) {
      in = new ZstdInputStream(in);
    }
    try (InputStream stream = in) {
      return stream.readAllBytes();
    }
  }

  /**
   * Valid but unusual audit events, and a few broken ones, written as text so that every spelling
   * JSON allows can occur.
   */
  private static final class Fuzz {
    private static final String[] KEYS = {
      "name",
      "value",
      "kind",
      "data",
      "stringData",
      "env",
      "items",
      "metadata",
      "annotations",
      "password",
      "apiKey",
      "clientSecret",
      "secretName",
      "tokenTTL",
      "token",
      "status",
      "spec",
      "image",
      "command",
      "args",
      "labels",
      "key",
      "DB_PASSWORD",
      Redactor.LAST_APPLIED,
      "x",
      "pass_word",
      "TO-KEN",
      "client.sec_ret",
      "app.kubernetes.io/name"
    };
    private static final String[] STRINGS = {
      "api",
      "Secret",
      "SecretList",
      "TokenRequest",
      "TokenReview",
      "Pod",
      "DB_PASSWORD",
      "API_TOKEN_FILE",
      "hunter2hunter2",
      "Bearer abcdefghijklmnop",
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4eXoifQ.c2lnbmF0dXJl",
      "https://svc:s3cr3tpass@db.internal:5432/x",
      "/api?token=abcdef123456&x=1",
      "AKIAABCDEFGHIJKLMNOP",
      "-----BEGIN RSA PRIVATE KEY-----\\nMIIEabc\\n-----END RSA PRIVATE KEY-----",
      "password=letmein123",
      "caf\\u00e9 au lait",
      "caf\u00e9 direct",
      "http:\\/\\/example.com\\/path",
      "line\\nbreak\\ttab",
      "quote \\\" inside",
      "emoji \uD83D\uDE00 here",
      "\\uD83D\\uDE00 escaped",
      "nginx:1.27",
      "registry.k8s.io/pause:3.9",
      "a-very-ordinary-value-of-some-length",
      "",
      "<redacted by huntlake>",
      "{\\\"password\\\":\\\"inner-secret-1\\\"}",
      "authorization: Basic dXNlcjpwYXNz"
    };
    private static final String[] NUMBERS = {
      "0", "-1", "42", "-0", "1.5", "1e3", "-2.5E-3", "123456789012345678901234567890", "3.0"
    };

    private final Random random;

    Fuzz(Random random) {
      this.random = random;
    }

    String event(int n) {
      List<String> fields = new ArrayList<>();
      fields.add(member("kind", pick(0.95, "\"Event\"", "\"Other\"")));
      fields.add(member("apiVersion", "\"audit.k8s.io/v1\""));
      fields.add(member("level", "\"RequestResponse\""));
      fields.add(member("auditID", pick(0.97, "\"id-" + n + "\"", "12")));
      fields.add(member("stage", "\"ResponseComplete\""));
      fields.add(member("verb", pick(0.5, "\"update\"", "\"get\"")));
      fields.add(member("requestURI", quoted(text())));
      fields.add(
          member(
              "user",
              "{\"username\":"
                  + quoted(text())
                  + ",\"groups\":["
                  + quoted(text())
                  + ","
                  + quoted(text())
                  + "]}"));
      fields.add(member("sourceIPs", "[\"10.0.0." + random.nextInt(255) + "\"]"));
      fields.add(
          member(
              "objectRef",
              "{\"resource\":"
                  + pick(0.2, "\"secrets\"", "\"pods\"")
                  + ",\"namespace\":\"ns\",\"name\":"
                  + quoted(text())
                  + "}"));
      fields.add(
          member(
              "responseStatus",
              "{\"code\":" + pick(0.8, "200", pick(0.5, "\"403\"", "null")) + "}"));
      fields.add(
          member(
              "requestReceivedTimestamp",
              "\"2026-11-02T10:" + (10 + random.nextInt(50)) + ":00.123456Z\""));
      fields.add(member("stageTimestamp", "\"2026-11-02T10:00:01Z\""));
      fields.add(
          member(
              "annotations",
              "{\"authorization.k8s.io/decision\":\"allow\",\"note\":" + quoted(text()) + "}"));
      fields.add(member("requestObject", objectValue()));
      fields.add(member("responseObject", objectValue()));
      if (random.nextInt(10) == 0) {
        fields.add(member("requestObject", objectValue())); // a repeated key: the last one counts
      }
      if (random.nextInt(5) == 0) {
        fields.add(member("futureField", value(3)));
      }
      if (random.nextInt(8) == 0) {
        fields.add(member("auditID", "\"id-again-" + n + "\""));
      }
      java.util.Collections.shuffle(fields, random);
      String separator = random.nextInt(6) == 0 ? " , " : ",";
      String line = "{" + String.join(separator, fields) + "}";
      int roll = random.nextInt(40);
      if (roll == 0) {
        return line.substring(0, random.nextInt(line.length())); // cut off mid-event
      }
      if (roll == 1) {
        int at = line.indexOf("\"requestObject\":") + 16;
        return line.substring(0, at) + "{\"x\":tru}" + line.substring(at); // broken inside
      }
      if (roll == 2) {
        return "2026-11-02T10:00:00.300Z " + line; // a CloudWatch export line
      }
      if (roll == 3) {
        return line + " trailing";
      }
      return line;
    }

    private String objectValue() {
      int roll = random.nextInt(20);
      if (roll == 0) {
        return "null";
      }
      if (roll == 1) {
        return quoted(text());
      }
      if (roll == 2) {
        return NUMBERS[random.nextInt(NUMBERS.length)];
      }
      if (roll == 3) {
        return nested(40 + random.nextInt(40)); // around the fast path's depth limit
      }
      if (roll == 4) {
        return "{ \"kind\" : \"Pod\" ,\n \"spec\" : {\"x\": [1, 2]} }"; // spaced out
      }
      if (roll == 5) {
        return "{\"metadata\":{\"annotations\":{"
            + quoted(Redactor.LAST_APPLIED)
            + ":\"{\\\"kind\\\":\\\"Secret\\\",\\\"data\\\":{\\\"k\\\":\\\"c2VjcmV0\\\"}}\"}}}";
      }
      return random.nextBoolean() ? object(4) : "[" + value(3) + "," + value(3) + "]";
    }

    private String nested(int depth) {
      return "{\"a\":".repeat(depth) + "\"deep\"" + "}".repeat(depth);
    }

    private String object(int depth) {
      int size = random.nextInt(6);
      List<String> members = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        members.add(member(KEYS[random.nextInt(KEYS.length)], value(depth - 1)));
      }
      if (random.nextInt(4) == 0) {
        members.add(member("env", env()));
      }
      return "{" + String.join(",", members) + "}";
    }

    private String env() {
      return "[{\"name\":"
          + quoted(STRINGS[random.nextInt(STRINGS.length)])
          + ",\"value\":"
          + quoted(text())
          + "}]";
    }

    private String value(int depth) {
      int roll = random.nextInt(depth <= 0 ? 6 : 9);
      return switch (roll) {
        case 0, 1, 2 -> quoted(text());
        case 3 -> NUMBERS[random.nextInt(NUMBERS.length)];
        case 4 -> pick(0.5, "true", pick(0.5, "false", "null"));
        case 5 -> random.nextBoolean() ? "{}" : "[]";
        case 6, 7 -> object(depth);
        default -> "[" + value(depth - 1) + "," + quoted(text()) + "]";
      };
    }

    private String text() {
      return STRINGS[random.nextInt(STRINGS.length)];
    }

    private String pick(double probability, String first, String otherwise) {
      return random.nextDouble() < probability ? first : otherwise;
    }

    private static String member(String key, String value) {
      return quoted(key) + ":" + value;
    }

    private static String quoted(String text) {
      return "\"" + text + "\"";
    }
  }
}
