package io.huntlake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextTriggersTest {
  private static final String[] PIECES = {
    "a", "x", "=", ":", "/", "e", "y", "J", "A", "KIA", "SIA", "pass", "w", "P", "WD", "Sec", "ret",
    "TOK", "en", "k", "ey", "Cred", "ential", "Au", "th", "Bear", "er", "_", "-", ".", " "
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
      byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
      boolean any = TextTriggers.any(value);
      assertThat(TextTriggers.any(bytes, 0, bytes.length)).as(value).isEqualTo(any);
      // Whatever the text rules change, a trigger was there to find.
      if (!any) {
        assertThat(new Redactor().string(value + " padding")).isEqualTo(value + " padding");
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
