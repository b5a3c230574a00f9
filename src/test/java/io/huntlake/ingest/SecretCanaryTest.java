package io.huntlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huntlake.config.HuntlakeConfig;
import io.huntlake.source.LogSource;
import io.huntlake.synth.Scale;
import io.huntlake.synth.SyntheticCluster;
import io.huntlake.testing.LakeBytes;
import io.huntlake.testing.RawLogs;
import io.huntlake.testing.SharedSpark;
import io.huntlake.testing.UncompressedParquet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants secret values in every place the API server can put them, ingests, and scans every byte
 * the lake holds (Parquet written uncompressed so no plaintext can hide in a compressed page).
 */
@ExtendWith({SharedSpark.class, UncompressedParquet.class})
class SecretCanaryTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  @Test
  void plantedCanariesNeverReachTheLake(SparkSession spark, @TempDir Path dir) throws IOException {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    List<String> canaries = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      canaries.add("HLCANARY" + i + "x7Qp");
    }
    String b64 =
        Base64.getEncoder().encodeToString(canaries.get(0).getBytes(StandardCharsets.UTF_8));
    String lastApplied =
        new ObjectMapper()
            .writeValueAsString(
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"data\":{\"k\":\""
                    + canaries.get(2)
                    + "\"}}");
    String jwt =
        "eyJhbGciOiJSUzI1NiJ9."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    ("{\"sub\":\"" + canaries.get(6) + "\"}").getBytes(StandardCharsets.UTF_8))
            + ".c2lnbmF0dXJlX2hlcmU";
    Instant t = Instant.parse("2026-11-02T10:00:00Z");
    String secret =
        "\"requestObject\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"s\",\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":"
            + lastApplied
            + "}},\"data\":{\"password\":\""
            + b64
            + "\"},\"stringData\":{\"token\":\""
            + canaries.get(1)
            + "\"}}";
    String token =
        "\"responseObject\":{\"kind\":\"TokenRequest\",\"apiVersion\":\"authentication.k8s.io/v1\",\"status\":{\"token\":\""
            + canaries.get(3)
            + "\"}}";
    String review =
        "\"requestObject\":{\"kind\":\"TokenReview\",\"spec\":{\"token\":\""
            + canaries.get(4)
            + "\"}}";
    String patch = "\"requestObject\":{\"data\":{\"k\":\"" + canaries.get(5) + "\"}}";
    String configMap =
        "\"responseObject\":{\"kind\":\"ConfigMap\",\"data\":{\"kubeconfig\":\"token: "
            + jwt
            + "\"}}";
    String events =
        String.join(
            "\n",
            RawLogs.auditEvent("s1", "ResponseComplete", t, "create", "secrets", secret),
            RawLogs.auditEvent("s2", "ResponseComplete", t, "create", "serviceaccounts", token),
            RawLogs.auditEvent("s3", "ResponseComplete", t, "create", "tokenreviews", review),
            RawLogs.auditEvent("s4", "ResponseComplete", t, "patch", "secrets", patch),
            RawLogs.auditEvent("s5", "ResponseComplete", t, "get", "configmaps", configMap),
            RawLogs.auditEvent("s6", "ResponseComplete", t, "get", "pods", null)
                .replace(
                    "/api/v1/namespaces/default/pods",
                    "/api/v1/namespaces/default/pods?access_token=" + canaries.get(7)),
            // A broken line holding a secret lands in rejects: it must be redacted there too.
            cut(
                RawLogs.auditEvent(
                    "s7",
                    "ResponseComplete",
                    t,
                    "create",
                    "secrets",
                    "\"requestObject\":{\"kind\":\"Secret\",\"data\":{\"k\":\""
                        + canaries.get(8)
                        + "\"}}")));
    logs.write("audit", DAY, "prod", "audit.log", events + "\n");
    String aks =
        "{\"category\":\"kube-audit\",\"properties\":{\"log\":"
            + new ObjectMapper()
                .writeValueAsString(
                    RawLogs.auditEvent(
                        "s8",
                        "ResponseComplete",
                        t,
                        "create",
                        "secrets",
                        secret.replace("\"s\"", "\"s8\"")))
            + "},\"resourceId\":\"/X\"}";
    logs.write("audit", DAY, "aks", "PT1H.json", aks + "\n");

    IngestReport report =
        new IngestJob().run(spark, config, DAY, EnumSet.of(LogSource.AUDIT), false);
    assertThat(report.totalRejects()).as("the cut line is rejected").isEqualTo(1);
    assertThat(report.sources().get(LogSource.AUDIT).redactions()).isGreaterThanOrEqualTo(10);
    Set<String> needles = new HashSet<>(canaries);
    needles.add(b64);
    assertThat(LakeBytes.leaks(logs.lake(), needles)).isEmpty();
    assertThat(
            spark
                .read()
                .format("delta")
                .load(config.storage().table("audit_events"))
                .where("audit_id = 's1'")
                .select("request_object")
                .first()
                .getString(0))
        .contains("\"password\":\"<redacted by huntlake>\"")
        .contains("\"token\":\"<redacted by huntlake>\"");
  }

  @Test
  void generatedSecretPayloadsNeverReachTheLake(SparkSession spark, @TempDir Path dir)
      throws IOException {
    RawLogs logs = new RawLogs(dir);
    HuntlakeConfig config = logs.config();
    SyntheticCluster.generate(
        new SyntheticCluster.Options(logs.raw(), DAY.minusDays(2), 3, 5, Scale.SMALL, true));
    Set<String> secrets = secretValuesIn(logs.raw().resolve("audit").resolve("dt=" + DAY));
    assertThat(secrets).as("the generator writes Secret data and tokens on this day").isNotEmpty();
    new IngestJob().run(spark, config, DAY, EnumSet.of(LogSource.AUDIT), false);
    assertThat(LakeBytes.leaks(logs.lake(), secrets)).isEmpty();
  }

  /** The line without its last characters: valid JSON no more, the secret still inside. */
  private static String cut(String line) {
    return line.substring(0, line.length() - 3);
  }

  /** Secret data values and issued tokens in the raw audit files (the generator's own secrets). */
  private static Set<String> secretValuesIn(Path folder) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Set<String> values = new HashSet<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".gz"))
              .toList()) {
        try (InputStream in =
            file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.contains("\"data\"") && !line.contains("\"token\"")) {
              continue;
            }
            String event = line.startsWith("{") ? line : line.substring(line.indexOf(' ') + 1);
            for (JsonNode node : json.readTree(event).findValues("data")) {
              node.forEach(
                  v -> {
                    if (v.isTextual() && v.asText().length() >= 12) {
                      values.add(v.asText().substring(0, 12));
                    }
                  });
            }
            json.readTree(event)
                .findValues("token")
                .forEach(
                    v -> {
                      if (v.isTextual() && v.asText().length() >= 24) {
                        values.add(v.asText().substring(8, 32));
                      }
                    });
          }
        }
      }
    }
    return values;
  }
}
