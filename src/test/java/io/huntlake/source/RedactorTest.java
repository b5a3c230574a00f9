package io.huntlake.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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

  @Test
  void secretListItemsWithoutAKindAreRedacted() throws Exception {
    // A list response carries the kind on the list only.
    JsonNode list =
        json(
            "{\"kind\":\"SecretList\",\"apiVersion\":\"v1\",\"items\":[{\"metadata\":{\"name\":\"db\"},"
                + "\"data\":{\"password\":\"Q0FOQVJZMTI=\"}},{\"metadata\":{\"name\":\"tls\"},\"type\":\"kubernetes.io/tls\","
                + "\"data\":{\"tls.key\":\"Q0FOQVJZMTM=\"}}]}");
    Redactor redactor = new Redactor();
    redactor.auditObject(list, false);
    assertThat(list.toString()).doesNotContain("Q0FOQVJZMT").contains("\"tls.key\"");
    assertThat(redactor.count()).isEqualTo(2);
    // The same list read as the response of a list on secrets, without any kind at all.
    JsonNode bare = json("{\"items\":[{\"data\":{\"k\":\"Q0FOQVJZMTQ=\"}}]}");
    new Redactor().auditObject(bare, true);
    assertThat(bare.toString()).doesNotContain("Q0FOQVJZMTQ");
  }

  @Test
  void envValuesNamedLikeSecretsAreRedactedInObjectsAndTheirLastApplied() throws Exception {
    String container =
        "{\"name\":\"app\",\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\"CANARY20\"},"
            + "{\"name\":\"STRIPE_API_KEY\",\"value\":\"CANARY21\"},{\"name\":\"GITHUB_TOKEN\",\"value\":\"CANARY22\"},"
            + "{\"name\":\"LOG_LEVEL\",\"value\":\"debug\"},{\"name\":\"TLS_KEY_FILE\",\"value\":\"/etc/tls/key.pem\"},"
            + "{\"name\":\"DB_PASSWORD_FROM\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"db\",\"key\":\"password\"}}}]}";
    String deployment =
        "{\"kind\":\"Deployment\",\"spec\":{\"template\":{\"spec\":{\"containers\":["
            + container
            + "]}}}}";
    JsonNode applied =
        json(
            "{\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{\""
                + Redactor.LAST_APPLIED
                + "\":"
                + Json.MAPPER.writeValueAsString(deployment)
                + "}},\"spec\":{\"template\":{\"spec\":{\"containers\":["
                + container
                + "]}}}}");
    Redactor redactor = new Redactor();
    redactor.auditObject(applied, false);
    String out = applied.toString();
    assertThat(out)
        .doesNotContain("CANARY20")
        .doesNotContain("CANARY21")
        .doesNotContain("CANARY22")
        .contains("DB_PASSWORD")
        .contains("debug")
        .contains("/etc/tls/key.pem")
        .contains("secretKeyRef");
    assertThat(redactor.count()).isEqualTo(6);
  }

  @Test
  void configMapValuesHoldingCredentialsAreRedactedKeysAndNamesKept() throws Exception {
    JsonNode config =
        json(
            "{\"kind\":\"ConfigMap\",\"data\":{"
                + "\"application.properties\":\"db.url=jdbc:postgresql://db/app\\ndb.password=CANARY30\\nlog=info\","
                + "\"aws\":\"[default]\\naws_access_key_id = AKIAHLCANARY31000000\\naws_secret_access_key = CANARY32secretvalue\","
                + "\"db_password\":\"CANARY33\",\"secretName\":\"keep-me\",\"tokenExpirationSeconds\":\"3600\","
                + "\"dsn\":\"postgres://app:CANARY34@db:5432/x\"}}");
    Redactor redactor = new Redactor();
    redactor.auditObject(config, false);
    String out = config.toString();
    assertThat(out)
        .doesNotContain("CANARY3")
        .contains("db.password=" + Redactor.MARKER)
        .contains("db.url=jdbc:postgresql://db/app")
        .contains("keep-me")
        .contains("3600")
        .contains("postgres://app:" + Redactor.MARKER + "@db");
  }

  @Test
  void rejectedTextLosesEverySecretNextToAnother() {
    Redactor redactor = new Redactor();
    String raw =
        "{\"user\":\"x\",\"headers\":{\"Authorization\":\"Bearer abcdefghijklmnop\"},"
            + "\"password\":\"CANARY40\",\"note\":\"password=CANARY41 token: CANARY42\",\"cut";
    assertThat(redactor.rawText(raw))
        .doesNotContain("abcdefghijklmnop")
        .doesNotContain("CANARY40")
        .doesNotContain("CANARY41")
        .doesNotContain("CANARY42");
  }

  @Test
  void wordsThatOnlyMentionSecretsAreKept() {
    Redactor redactor = new Redactor();
    for (String text :
        List.of(
            "system:serviceaccount:kube-system:token-cleaner",
            "system:serviceaccount:secrets-store:csi-driver",
            "/api/v1/namespaces/default/secrets/db-credentials",
            "rotating the token now",
            "secretName=tls-cert tokenExpirationSeconds=3600 passwordFile=/run/pw",
            "authentication.kubernetes.io/credential-id")) {
      assertThat(redactor.string(text)).as(text).isEqualTo(text);
    }
    assertThat(redactor.count()).isZero();
  }

  @Test
  void jsonErrorTextsDoNotQuoteTheInput() {
    assertThat(
            Lines.withoutQuotedInput(
                "Unrecognized token 'hunter2secret': was expecting (JSON String)"))
        .doesNotContain("hunter2secret")
        .contains("Unrecognized token");
  }

  @Test
  void rowsRedactAndCountAsEachValueAloneWouldHoweverOftenValuesRepeat() {
    String[] pool = {
      "kubectl/v1.30.4 (linux/amd64) kubernetes/abc1234",
      "system:serviceaccount:kube-system:replicaset-controller",
      "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl",
      "https://user:hunter2pass@db.example:5432/app",
      "/api/v1/namespaces/default/pods?watch=true&token=abcdef123456",
      "AKIAIOSFODNN7EXAMPLE used for upload",
      "password=s3cr3t-value in a logfmt line",
      "authorization.k8s.io/decision",
      "allow",
      "RBAC: allowed by ClusterRoleBinding \"system:basic-user\""
    };
    java.util.Random random = new java.util.Random(11L);
    Redactor rows = new Redactor();
    int expectedCount = 0;
    // Unique values first (enough for a column to stop remembering), then repeats of the pool.
    for (int i = 0; i < 12_000; i++) {
      String unique = "unique-value-" + i + (i % 97 == 0 ? " password=p" + i : "");
      String repeated = pool[random.nextInt(pool.length)];
      String varied = i < 6_000 ? unique : repeated;
      Object[] values = {
        repeated,
        varied,
        new String[] {repeated, pool[random.nextInt(pool.length)]},
        scala.collection.immutable.Map$.MODULE$.<Object, Object>empty().updated(repeated, varied),
        i < 6_000 ? unique : null
      };
      Object[] expected = new Object[values.length];
      for (int c = 0; c < values.length; c++) {
        Redactor alone = new Redactor();
        expected[c] = alone(alone, values[c]);
        expectedCount += alone.count();
      }
      rows.row(values, -1);
      assertThat(values[0]).isEqualTo(expected[0]);
      assertThat(values[1]).isEqualTo(expected[1]);
      assertThat((String[]) values[2]).containsExactly((String[]) expected[2]);
      assertThat(
              scala.collection.JavaConverters.mapAsJavaMap((scala.collection.Map<?, ?>) values[3]))
          .isEqualTo(
              scala.collection.JavaConverters.mapAsJavaMap(
                  (scala.collection.Map<?, ?>) expected[3]));
      assertThat(values[4]).isEqualTo(expected[4]);
    }
    assertThat(rows.count()).isEqualTo(expectedCount);
    assertThat(expectedCount).isGreaterThan(12_000);
  }

  /** One value through a fresh redactor's text rules, as a row holds it. */
  private static Object alone(Redactor redactor, Object value) {
    if (value instanceof String text) {
      return redactor.string(text);
    }
    if (value instanceof String[] texts) {
      String[] out = new String[texts.length];
      for (int i = 0; i < texts.length; i++) {
        out[i] = redactor.string(texts[i]);
      }
      return out;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      java.util.Map<Object, Object> out = new java.util.HashMap<>();
      scala.collection.JavaConverters.mapAsJavaMap(map)
          .forEach((k, v) -> out.put(alone(redactor, k), alone(redactor, v)));
      return scala.collection.JavaConverters.mapAsScalaMap(out);
    }
    return value;
  }
}
