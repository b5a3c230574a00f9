package io.huntlake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static final CanonicalJson.Visitor ANY =
      new CanonicalJson.Visitor() {
        @Override
        public boolean key(byte[] bytes, int from, int to) {
          return true;
        }

        @Override
        public boolean string(byte[] bytes, int from, int to) {
          return true;
        }

        @Override
        public void other() {}
      };

  private static boolean canonical(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return CanonicalJson.scan(bytes, 0, bytes.length, ANY);
  }

  @Test
  void whatTheTreeWritesBackIsCanonical() throws Exception {
    for (String json :
        new String[] {
          "{}",
          "[]",
          "{\"a\":1,\"b\":[true,false,null,-12,0],\"c\":{\"d\":\"e f/g\"}}",
          "[{\"a\":{}},[[]],\"x\"]",
          "{\"a\":{\"a\":{\"a\":1}}}",
          "{\"n\":123456789012345678901234567890}"
        }) {
      assertThat(canonical(json)).as(json).isTrue();
      assertThat(Json.MAPPER.readTree(json).toString()).isEqualTo(json);
    }
  }

  @Test
  void anythingTheTreeWouldRewriteIsNot() throws Exception {
    for (String json :
        new String[] {
          "{ \"a\":1}",
          "{\"a\": 1}",
          "{\"a\":\"caf\\u00e9\"}",
          "{\"a\":\"http:\\/\\/x\"}",
          "{\"a\":\"café\"}",
          "{\"a\":1.5}",
          "{\"a\":1e3}",
          "{\"a\":-0}",
          "{\"a\":01}",
          "{\"a\":1,\"a\":2}",
          "{\"a\":tru}",
          "{\"a\":1",
          "{\"a\":1}x",
          "\"a\"",
          "{\"a\":"
              + "[".repeat(CanonicalJson.MAX_DEPTH)
              + "]".repeat(CanonicalJson.MAX_DEPTH)
              + "}"
        }) {
      assertThat(canonical(json)).as(json).isFalse();
    }
    // Keys repeat freely across objects; only a repeat within one object is not canonical.
    assertThat(canonical("{\"a\":{\"a\":1},\"b\":{\"a\":2}}")).isTrue();
  }
}
