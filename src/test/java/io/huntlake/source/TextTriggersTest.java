package io.huntlake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextTriggersTest {
  private static final String[] PIECES = {
    "a",
    "x",
    "=",
    ":",
    "/",
    "e",
    "y",
    "J",
    "A",
    "KIA",
    "SIA",
    "pass",
    "w",
    "P",
    "WD",
    "Sec",
    "ret",
    "TOK",
    "en",
    "k",
    "ey",
    "Cred",
    "ential",
    "Au",
    "th",
    "Bear",
    "er",
    "_",
    "-",
    ".",
    " ",
    "é",
    "\u212Aey",
    "İ",
    "ſ",
    "日本",
    "\uD83D\uDE00",
    "=x",
    "PASS"
  };

  @Test
  void byteAndStringSearchesAgreeAndEveryTriggerIsFound() {
    Random random = new Random(3);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      int pieces = random.nextInt(8);
      for (int p = 0; p < pieces; p++) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String value = text.toString();
      if (value.chars().allMatch(c -> c < 0x80)) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        assertThat(TextTriggers.any(bytes, 0, bytes.length))
            .as(value)
            .isEqualTo(TextTriggers.any(value));
      }
      // Whatever the text rules would change, the quick answer never calls clean.
      String padded = value + " padding plain";
      if (TextTriggers.none(padded)) {
        assertThat(rulesOnly(padded)).as(padded).isEqualTo(padded);
      }
    }
    for (String trigger :
        new String[] {
          "a=b",
          "s3://x",
          "eyJhb",
          "AKIAX",
          "PassWord",
          "pWd",
          "SECRET",
          "Token",
          "KEY",
          "credential",
          "Authorization",
          "bearer"
        }) {
      assertThat(TextTriggers.any(trigger)).as(trigger).isTrue();
    }
  }

  /** The text rules without the quick answer in front of them. */
  private static String rulesOnly(String text) {
    StringBuilder marked = new StringBuilder(text);
    // A text longer than the quick answer's limit always goes through the rules.
    marked.append(" ".repeat(600));
    String out = new Redactor().string(marked.toString());
    return out.substring(0, out.length() - 600);
  }

  @Test
  void kelvinSignAndLongTextsGetNoQuickAnswer() {
    // Lower-cased, the Kelvin sign is a "k": whatever the rules make of it, they get to decide.
    assertThat(TextTriggers.none("{\"api\u212Aey\":\"hunter2hunter2\"}")).isFalse();
    assertThat(TextTriggers.none("x".repeat(600))).isFalse();
    assertThat(TextTriggers.none("registry.k8s.io/pause:3.9")).isTrue();
    assertThat(TextTriggers.none("café au lait, s'il vous plaît")).isTrue();
  }

  @Test
  void keyAnchorsIgnoreSeparatorsAndCase() {
    for (String key : new String[] {"pass_word", "TO-KEN", "client.sec_ret", "api-Key", "x_pw-d"}) {
      byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
      assertThat(TextTriggers.secretAnchor(bytes, 0, bytes.length)).as(key).isTrue();
    }
    for (String key : new String[] {"name", "image", "app.kubernetes.io/part-of", "replicas"}) {
      byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
      assertThat(TextTriggers.secretAnchor(bytes, 0, bytes.length)).as(key).isFalse();
    }
  }
}
