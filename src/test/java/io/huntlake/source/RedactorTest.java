package io.huntlake.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void secretDataStringDataAndLastAppliedAreRedactedKeysKept() throws Exception {
    String lastApplied =
        "{\\\"apiVersion\\\":\\\"v1\\\",\\\"kind\\\":\\\"Secret\\\",\\\"data\\\":{\\\"password\\\":\\\"Q0FOQVJZMQ==\\\"}}";
    JsonNode secret =
        json(
            "{\"kind\":\"Secret\",\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\""
                + lastApplied
                + "\"}},"
                + "\"data\":{\"password\":\"Q0FOQVJZMQ==\",\"user\":\"YWRtaW4=\"},\"stringData\":{\"token\":\"CANARY2\"}}");
    Redactor redactor = new Redactor();
    redactor.auditObject(secret, false);
    String out = secret.toString();
    assertThat(out)
        .doesNotContain("Q0FOQVJZMQ")
        .doesNotContain("CANARY2")
        .doesNotContain("YWRtaW4");
    assertThat(secret.get("data").get("password").asText()).isEqualTo(Redactor.MARKER);
    assertThat(secret.get("stringData").has("token")).isTrue();
    assertThat(redactor.count()).isEqualTo(4);
  }

  @Test
  void listsBarePatchesTokensAndJwtsAreRedacted() throws Exception {
    Redactor redactor = new Redactor();
    JsonNode list =
        json(
            "{\"kind\":\"SecretList\",\"items\":[{\"kind\":\"Secret\",\"data\":{\"k\":\"CANARY3\"}}]}");
    redactor.auditObject(list, true);
    JsonNode patch = json("{\"data\":{\"k\":\"CANARY4\"}}");
    redactor.auditObject(patch, true);
    JsonNode token = json("{\"kind\":\"TokenRequest\",\"status\":{\"token\":\"CANARY5\"}}");
    redactor.auditObject(token, false);
    JsonNode review = json("{\"kind\":\"TokenReview\",\"spec\":{\"token\":\"CANARY6\"}}");
    redactor.auditObject(review, false);
    JsonNode config =
        json(
            "{\"kind\":\"ConfigMap\",\"data\":{\"kubeconfig\":\"token: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJDQU5BUlk3In0.c2lnbmF0dXJl\"}}");
    redactor.auditObject(config, false);
    assertThat(list + "" + patch + token + review + config)
        .doesNotContain("CANARY")
        .doesNotContain("eyJzdWIiOiJDQU5BUlk3In0");
    assertThat(config.get("data").get("kubeconfig").asText()).startsWith("token: ");
  }

  @Test
  void requestUrisAndRawRejectTextAreRedacted() {
    Redactor redactor = new Redactor();
    assertThat(redactor.requestUri("/api/v1/watch?access_token=CANARY8&watch=true"))
        .isEqualTo("/api/v1/watch?access_token=" + Redactor.MARKER + "&watch=true");
    assertThat(redactor.string("Authorization: Bearer abcdefghijklmnopCANARY9"))
        .doesNotContain("CANARY9");
    assertThat(redactor.rawText("{\"kind\":\"Secret\",\"data\":{\"a\":\"CANARY10\"},\"truncat"))
        .doesNotContain("CANARY10");
    assertThat(redactor.rawText("{\"status\":{\"token\":\"CANARY11")).doesNotContain("CANARY11");
  }
}
