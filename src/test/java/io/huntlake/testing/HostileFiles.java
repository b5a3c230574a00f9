package io.huntlake.testing;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * TEST-ONLY: a seeded generator of hostile raw files for every source: random bytes, invalid UTF-8,
 * deep nesting, huge lines, bombs of repeated lines, absurd timestamps, wrong JSON types, broken
 * and padded compression, odd file names and links, with valid events mixed in. Each file is plain,
 * gzip or zstd. What it wrote is returned so a test can check every file is accounted for.
 */
public final class HostileFiles {
  /** One entry written into a day folder. */
  public record Written(Path path, String source, String kind, int validEvents) {}

  private final Random random;
  private final Path raw;
  private final LocalDate day;
  private final Instant noon;
  private int serial;

  public HostileFiles(Path raw, LocalDate day, long seed) {
    this.raw = raw;
    this.day = day;
    this.random = new Random(seed);
    this.noon = day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
  }

  private interface Content {
    byte[] make(String source);
  }

  private record Kind(String name, Content content, int validEvents) {}

  /** Writes {@code count} files, cycling through the kinds, sources and compressions. */
  public List<Written> write(int count) {
    List<Kind> kinds = kinds();
    List<Written> written = new ArrayList<>();
    String[] sources =
        java.util.Arrays.stream(io.huntlake.source.LogSource.values())
            .map(io.huntlake.source.LogSource::id)
            .toArray(String[]::new);
    for (int i = 0; i < count; i++) {
      Kind kind = kinds.get(i % kinds.size());
      String source = sources[(i / kinds.size()) % sources.length];
      int compression = (i / (kinds.size() * sources.length)) % 3;
      byte[] bytes = kind.content().make(source);
      String suffix = "";
      if (!kind.name().startsWith("compression-")) {
        if (compression == 1) {
          bytes = gzip(bytes);
          suffix = ".gz";
        } else if (compression == 2) {
          bytes = zstd(bytes);
          suffix = ".zst";
        }
      }
      Path folder = raw.resolve(source).resolve("dt=" + day).resolve("cluster=hostile");
      String name = fileName(i, kind.name(), source) + suffix;
      Path path = folder.resolve(name);
      try {
        Files.createDirectories(folder);
        Files.write(path, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written.add(new Written(path, source, kind.name(), kind.validEvents()));
    }
    return written;
  }

  /** A symbolic link per source to a file of another day, and one that leads nowhere. */
  public List<Written> writeLinks(Path elsewhere) throws IOException {
    List<Written> written = new ArrayList<>();
    for (io.huntlake.source.LogSource each : io.huntlake.source.LogSource.values()) {
      String source = each.id();
      Path folder = raw.resolve(source).resolve("dt=" + day).resolve("cluster=hostile");
      Files.createDirectories(folder);
      Path link = Files.createSymbolicLink(folder.resolve("link-" + source + ".log"), elsewhere);
      Path dangling =
          Files.createSymbolicLink(
              folder.resolve("dangling-" + source + ".log"), folder.resolve("gone"));
      written.add(new Written(link, source, "link", 0));
      written.add(new Written(dangling, source, "dangling-link", 0));
    }
    return written;
  }

  /**
   * A file whose name is not valid UTF-8 (byte 0xff), as tools other than Java can make: written
   * through the shell, since Java itself cannot name it.
   */
  public Written writeUndecodableName(String source) throws IOException, InterruptedException {
    Path folder = raw.resolve(source).resolve("dt=" + day).resolve("cluster=hostile");
    Files.createDirectories(folder);
    Process shell =
        new ProcessBuilder(
                "bash",
                "-c",
                "printf 'x\\n' > \"$1\"/$'bad-\\xff-name.log'",
                "-",
                folder.toString())
            .start();
    if (shell.waitFor() != 0) {
      throw new IOException("could not write a file with an undecodable name");
    }
    try (var entries = Files.list(folder)) {
      Path bad =
          entries
              .filter(p -> p.getFileName().toString().startsWith("bad-"))
              .findFirst()
              .orElseThrow();
      return new Written(bad, source, "undecodable-name", 0);
    }
  }

  private String fileName(int i, String kind, String source) {
    String base = String.format("%04d-%s", i, kind);
    String container = source.equals("container") ? "_payments_app-" + "cd".repeat(32) : "";
    return switch (i % 7) {
      case 1 -> base + ":colon" + container + ".log";
      case 2 -> base + " with space & #hash %41" + container + ".log";
      case 3 ->
          base
              + ("UTF-8".equals(System.getProperty("sun.jnu.encoding"))
                  ? "-ünïcødé-日本"
                  : "-no-unicode-names-in-this-locale")
              + container
              + ".log";
      case 4 -> base + "-" + "x".repeat(source.equals("container") ? 60 : 150) + container + ".log";
      default -> base + container + ".log";
    };
  }

  private List<Kind> kinds() {
    List<Kind> kinds = new ArrayList<>();
    kinds.add(new Kind("random-bytes", s -> randomBytes(1 + random.nextInt(20_000)), 0));
    kinds.add(new Kind("valid", s -> lines(valid(s, 3)), 3));
    kinds.add(
        new Kind(
            "invalid-utf8",
            s ->
                concat(
                    valid(s, 1).get(0).getBytes(StandardCharsets.UTF_8),
                    nl(),
                    replaceOnce(valid(s, 1).get(0), "10.", "\u0000")
                        .getBytes(StandardCharsets.UTF_8),
                    nl(),
                    new byte[] {'{', '"', (byte) 0xc3, (byte) 0x28, (byte) 0xff, '"', '}', '\n'}),
            // A container line takes any text, NUL included: how many rows is not fixed.
            -1));
    kinds.add(
        new Kind(
            "deep-nesting",
            s ->
                ("[".repeat(5_000)
                        + "]".repeat(5_000)
                        + "\n"
                        + "{\"a\":".repeat(3_000)
                        + "1"
                        + "}".repeat(3_000)
                        + "\n")
                    .getBytes(StandardCharsets.UTF_8),
            0));
    kinds.add(
        new Kind(
            "huge-line",
            s ->
                concat(
                    ("{\"x\":\"" + "A".repeat(300_000) + "\"}\n").getBytes(StandardCharsets.UTF_8),
                    lines(valid(s, 1))),
            1));
    kinds.add(
        new Kind("newline-bomb", s -> "\n".repeat(200_000).getBytes(StandardCharsets.UTF_8), 0));
    kinds.add(
        new Kind(
            "repeated-garbage",
            s -> "garbage that is no log line\n".repeat(50_000).getBytes(StandardCharsets.UTF_8),
            0));
    // Leap seconds (23:59:60) parse, and may make a second row: the count is not fixed.
    kinds.add(new Kind("absurd-times", this::absurdTimes, -1));
    kinds.add(new Kind("wrong-types", this::wrongTypes, 0));
    kinds.add(new Kind("empty", s -> new byte[0], 0));
    kinds.add(
        new Kind(
            "bom-crlf",
            s ->
                concat(
                    new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                    String.join("\r\n", valid(s, 2))
                        .concat("\r\n")
                        .getBytes(StandardCharsets.UTF_8)),
            2));
    kinds.add(
        new Kind(
            "compression-truncated-gzip",
            s -> {
              byte[] gz = gzip(lines(valid(s, 40)));
              return java.util.Arrays.copyOf(gz, gz.length * 2 / 3);
            },
            -1));
    kinds.add(
        new Kind(
            "compression-gzip-trailing-garbage",
            s -> concat(gzip(lines(valid(s, 2))), randomBytes(64)),
            2));
    kinds.add(
        new Kind(
            "compression-zstd-truncated",
            s -> {
              byte[] z = zstd(lines(valid(s, 40)));
              return java.util.Arrays.copyOf(z, z.length / 2);
            },
            -1));
    kinds.add(
        new Kind(
            "compression-not-really-gzip",
            s -> concat(new byte[] {0x1f, (byte) 0x8b}, randomBytes(500)),
            0));
    return kinds;
  }

  /** Valid records of the source, each unique. */
  private List<String> valid(String source, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant at = noon.plusMillis(++serial);
      String id = "hostile-" + serial;
      lines.add(
          switch (source) {
            case "audit" -> RawLogs.auditEvent(id, at);
            case "container" -> at + " stdout F request " + id + " served";
            case "events" ->
                "{\"kind\":\"Event\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\""
                    + id
                    + "\",\"namespace\":\"payments\",\"uid\":\""
                    + id
                    + "\"},\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"shop-1\"},"
                    + "\"reason\":\"BackOff\",\"count\":1,\"lastTimestamp\":\""
                    + at
                    + "\"}";
            default ->
                "{\"flow\":{\"time\":\""
                    + at
                    + "\",\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.2.0."
                    + (serial % 250)
                    + "\",\"destination\":\"10.2.1.9\"},\"l4\":{\"TCP\":{\"source_port\":"
                    + (1024 + serial % 60000)
                    + ",\"destination_port\":443}}},\"node_name\":\"n1\"}";
          });
    }
    return lines;
  }

  private byte[] absurdTimes(String source) {
    List<String> times =
        List.of(
            "0001-01-01T00:00:00Z",
            "+275760-09-13T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z",
            "2026-13-45T99:99:99Z",
            "2026-11-01T23:59:60Z",
            "-000001-01-01T00:00:00Z",
            "not a time");
    String template = valid(source, 1).get(0);
    String at = template.contains("\"") ? noon.plusMillis(serial).toString() : null;
    List<String> out = new ArrayList<>();
    for (String time : times) {
      out.add(
          source.equals("container")
              ? time + " stdout F absurd"
              : template
                  .replace(at, time)
                  .replace(noon.plusMillis(serial).plusMillis(5).toString(), time));
    }
    out.add(valid(source, 1).get(0));
    return lines(out);
  }

  private byte[] wrongTypes(String source) {
    return lines(
        List.of(
            "{\"kind\":\"Event\",\"auditID\":7,\"stage\":[\"x\"],\"verb\":{},\"requestReceivedTimestamp\":12}",
            "{\"flow\":\"not an object\",\"time\":[]}",
            "{\"log\":17,\"stream\":false,\"time\":{}}",
            "{\"kubernetes\":\"x\",\"log\":null}",
            "{\"kind\":\"Event\",\"metadata\":{\"uid\":5},\"involvedObject\":\"x\",\"count\":\"many\","
                + "\"lastTimestamp\":[]}",
            "{\"verb\":\"ADDED\",\"event\":{\"reason\":{},\"involvedObject\":[]}}",
            "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"kind\":\"Pod\"},7]}",
            "[1,2,3]",
            "\"just a string\"",
            "null",
            "{\"kind\":\"EventList\",\"items\":\"nope\"}",
            "{\"kind\":\"EventList\",\"items\":[1,\"two\",{\"auditID\":3}]}",
            "{\"date\":1e300,\"log\":\"x\",\"kubernetes\":{\"pod_name\":\"p\"}}",
            "{\"date\":\"NaN\",\"log\":\"x\",\"kubernetes\":{\"pod_name\":\"p\"}}",
            "2 123456789012 eni-1 10.0.0.1 10.0.0.2 443 49152 6 10 840 9223372036854775807"
                + " 9223372036854775807 ACCEPT OK",
            "2 123456789012 eni-1 10.0.0.1 10.0.0.2 443 49152 6 10 840 -9223372036854775808 1 ACCEPT OK"));
  }

  private byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String replaceOnce(String text, String what, String with) {
    int at = text.indexOf(what);
    return at < 0 ? text : text.substring(0, at) + with + text.substring(at + what.length());
  }

  private static byte[] nl() {
    return new byte[] {'\n'};
  }

  private static byte[] lines(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) {
    return compress(bytes, GZIPOutputStream::new);
  }

  private static byte[] zstd(byte[] bytes) {
    return compress(bytes, ZstdOutputStream::new);
  }

  private interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  private static byte[] compress(byte[] bytes, Compressor compressor) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream compressed = compressor.wrap(out)) {
      compressed.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
