package io.huntlake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The container parser's shortcuts answer exactly as the regular expressions they stand in front
 * of: the hand-read CRI prefix, the level detector's pre-checks and the per-parser workload memo,
 * on fuzzed lines built to sit on every edge of the patterns and on the public container corpus in
 * {@code ../shared/corpus} (when present).
 */
class ContainerFastPathEquivalenceTest {
  private static final Path CORPUS = Path.of("..", "shared", "corpus", "container");

  private static final String[] PIECES = {
    "",
    " ",
    "  ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u000B",
    "\f",
    "\u00a0",
    "\u2028",
    "\u0085",
    "stdout",
    "stderr",
    "stdio",
    "STDOUT",
    "P",
    "F",
    "X",
    "p",
    "2026-11-03T01:02:03.123456789Z",
    "2019-05-07T18:57:50.904275087+00:00",
    "not-a-time",
    "{\"level\":\"info\"}",
    "\"level\" : \"WARN\"",
    "\"lvl\":\"e\"",
    "\"severity\":\"Error\"",
    "\"log.level\":\"debug\"",
    "\"level\":3",
    "\"Level\":\"info\"",
    "level=info",
    "lvl=\"warn\"",
    "xlevel=error",
    " level=",
    "LEVEL=debug",
    "I1103 01:02:03.123456",
    "E1103 01:02:03",
    "W0102 1:02:03",
    "F9999 99:99:99",
    "I123 ",
    "ERROR",
    "ERR",
    "error",
    "Err",
    "[WARN]",
    "WARNING:",
    "WARNINGS",
    "INFO",
    "INFOS",
    "DEBUG",
    "TRACE",
    "NOTICE",
    "LOG:",
    "LOGS",
    "FATAL",
    "PANIC",
    "CRITICAL",
    "CRIT",
    "_ERROR_",
    "9ERROR",
    "ÉERROR",
    "E\u0301RROR",
    "日本語",
    "emoji 😀",
    "\\\"",
    "\"",
    "=",
    ":",
    "request served",
    "x".repeat(70),
    "y".repeat(250),
    "z".repeat(301)
  };

  @Test
  void criPrefixGivesThePatternsGroupsWheneverItAnswers() {
    Random random = new Random(20261204L);
    int answered = 0;
    int lines = 0;
    for (String text : fuzzedLines(random, 40_000, true)) {
      lines++;
      answered += sameAsPattern(text) ? 1 : 0;
    }
    for (String text : corpusLines()) {
      lines++;
      answered += sameAsPattern(text) ? 1 : 0;
    }
    // The shortcut is taken for a fair share of lines, not proven harmless by never answering.
    assertThat(answered).isGreaterThan(lines / 10);
  }

  @Test
  void levelDetectionAnswersAsThePatternsAlone() {
    Random random = new Random(7L);
    List<String> messages = new ArrayList<>(fuzzedLines(random, 60_000, false));
    messages.addAll(corpusLines());
    int stated = 0;
    for (String message : messages) {
      String expected = Reference.level(message);
      assertThat(LogLevels.detect(message)).as(message).isEqualTo(expected);
      stated += expected == null ? 0 : 1;
    }
    assertThat(stated).isGreaterThan(messages.size() / 10);
    assertThat(stated).isLessThan(messages.size());
  }

  @Test
  void theWorkloadMemoAnswersAsTheRulesDoEvenWhenItOverflows() {
    Workloads.Memo memo = new Workloads.Memo();
    Random random = new Random(3L);
    String[] shapes = {
      "api-7d9c5b6f8-x2x4z",
      "web-0",
      "backup-28771230-k2j9q",
      "node-exporter-9hq7w",
      "",
      "12-34",
      "plain"
    };
    for (int i = 0; i < 20_000; i++) {
      String pod =
          i % 5 == 0
              ? shapes[random.nextInt(shapes.length)] + (random.nextBoolean() ? "" : "-" + i)
              : random.nextInt(7) == 0 ? null : shapes[random.nextInt(shapes.length)];
      assertThat(memo.fromPod(pod)).as(pod).isEqualTo(Workloads.fromPod(pod));
    }
  }

  /** Asserts the prefix agrees with CRI_LINE; returns whether the prefix answered. */
  private static boolean sameAsPattern(String text) {
    ContainerParser.CriPrefix prefix = ContainerParser.CriPrefix.of(text);
    if (prefix == null) {
      return false;
    }
    Matcher m = ContainerParser.CRI_LINE.matcher(text);
    assertThat(m.matches()).as("pattern matches %s", text).isTrue();
    assertThat(prefix.timestamp()).as(text).isEqualTo(m.group(1));
    assertThat(prefix.stream()).as(text).isEqualTo(m.group(2));
    assertThat(prefix.partial()).as(text).isEqualTo(m.group(3).equals("P"));
    assertThat(prefix.message()).as(text).isEqualTo(m.group(4) == null ? "" : m.group(4));
    return true;
  }

  /** Lines glued from edge pieces; CRI-shaped ones (a time, a stream, a tag) are made often. */
  private static List<String> fuzzedLines(Random random, int count, boolean criShaped) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder line = new StringBuilder();
      if (criShaped && random.nextBoolean()) {
        // A well-formed prefix, then anything.
        line.append(pick(random, PIECES[20], PIECES[21], "x"))
            .append(' ')
            .append(pick(random, "stdout", "stderr"))
            .append(' ')
            .append(pick(random, "P", "F"))
            .append(pick(random, " ", "", " ", "\n"));
      } else if (criShaped && random.nextBoolean()) {
        line.append(pick(random, PIECES[20], PIECES[21], "x", "a\tb", ""))
            .append(pick(random, " ", "  ", "\t", ""))
            .append(pick(random, "stdout", "stderr", "stdio", "STDOUT"))
            .append(pick(random, " ", "", "\t"))
            .append(pick(random, "P", "F", "X", ""))
            .append(pick(random, " ", "", "\n", "\r", "  ", "\u2028"));
      }
      int pieces = random.nextInt(8);
      for (int p = 0; p < pieces; p++) {
        line.append(PIECES[random.nextInt(PIECES.length)]);
        if (random.nextBoolean()) {
          line.append(' ');
        }
      }
      String text = line.toString();
      lines.add(random.nextInt(10) == 0 ? text.toLowerCase(Locale.ROOT) : text);
    }
    return lines;
  }

  private static String pick(Random random, String... options) {
    return options[random.nextInt(options.length)];
  }

  private static List<String> corpusLines() {
    if (!Files.isDirectory(CORPUS)) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        for (String line :
            new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1)) {
          lines.add(line);
          int tag = line.indexOf(" F ");
          if (tag > 0) {
            lines.add(line.substring(tag + 3)); // the message alone, as the detector sees it
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return lines;
  }

  /** The level detector as it was: its patterns, every one tried in order on every message. */
  private static final class Reference {
    private static final Pattern JSON_LEVEL = LogLevels.JSON_LEVEL;
    private static final Pattern LOGFMT_LEVEL = LogLevels.LOGFMT_LEVEL;
    private static final Pattern KLOG = LogLevels.KLOG;
    private static final Pattern WORD = LogLevels.WORD;

    static String level(String message) {
      if (message == null || message.isEmpty()) {
        return null;
      }
      String head = message.length() > 300 ? message.substring(0, 300) : message;
      Matcher m = JSON_LEVEL.matcher(head);
      if (m.find()) {
        return LogLevels.normalise(m.group(1));
      }
      m = LOGFMT_LEVEL.matcher(head);
      if (m.find()) {
        return LogLevels.normalise(m.group(1));
      }
      m = KLOG.matcher(head);
      if (m.find()) {
        return switch (m.group(1)) {
          case "E", "F" -> "error";
          case "W" -> "warn";
          default -> "info";
        };
      }
      String start = head.length() > 80 ? head.substring(0, 80) : head;
      m = WORD.matcher(start);
      return m.find() ? LogLevels.normalise(m.group(1)) : null;
    }
  }
}
