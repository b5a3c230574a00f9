package io.huntlake.source;

import static io.huntlake.table.AuditEventsTable.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AuditParserTest {
  private static final String EVENT =
      "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"a1\","
          + "\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/payments/pods/p-1/exec?command=sh&container=api\","
          + "\"verb\":\"create\",\"user\":{\"username\":\"alice@corp.example\",\"groups\":[\"oidc:sre\",\"system:authenticated\"]},"
          + "\"sourceIPs\":[\"10.8.0.21\",\"10.0.0.1\"],\"userAgent\":\"kubectl/v1.30.2\",\"objectRef\":{\"resource\":\"pods\","
          + "\"namespace\":\"payments\",\"name\":\"p-1\",\"apiVersion\":\"v1\",\"subresource\":\"exec\"},\"responseStatus\":{\"metadata\":{},\"code\":101},"
          + "\"requestReceivedTimestamp\":\"2026-11-02T10:00:00.123456Z\",\"stageTimestamp\":\"2026-11-02T10:00:00.200000Z\","
          + "\"annotations\":{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":\"RBAC: allowed\"},"
          + "\"futureField\":{\"x\":1}}";

  private static Object value(CollectingSink sink, int row, String column) {
    return sink.value(row, SCHEMA, column);
  }

  @Test
  void logBackendLineMapsEveryColumn() {
    CollectingSink sink = CollectingSink.parse(LogSource.AUDIT, "audit.log", EVENT + "\n");
    assertThat(sink.rejects).isEmpty();
    assertThat(sink.formats).containsExactly("k8s-audit-log");
    assertThat(value(sink, 0, EVENT_DATE)).isEqualTo(LocalDate.of(2026, 11, 2));
    assertThat(value(sink, 0, INGEST_DATE)).isEqualTo(LocalDate.of(2026, 11, 2));
    assertThat(value(sink, 0, EVENT_TS)).isEqualTo(Instant.parse("2026-11-02T10:00:00.123456Z"));
    assertThat(value(sink, 0, STAGE_TS)).isEqualTo(Instant.parse("2026-11-02T10:00:00.200Z"));
    assertThat(value(sink, 0, CLUSTER)).isEqualTo("test");
    assertThat(value(sink, 0, USER_NAME)).isEqualTo("alice@corp.example");
    assertThat((String[]) value(sink, 0, USER_GROUPS))
        .containsExactly("oidc:sre", "system:authenticated");
    assertThat(value(sink, 0, SOURCE_IP)).isEqualTo("10.8.0.21");
    assertThat(value(sink, 0, RESOURCE)).isEqualTo("pods");
    assertThat(value(sink, 0, SUBRESOURCE)).isEqualTo("exec");
    assertThat(value(sink, 0, NAMESPACE)).isEqualTo("payments");
    assertThat(value(sink, 0, OBJECT_NAME)).isEqualTo("p-1");
    assertThat(value(sink, 0, API_GROUP)).isNull();
    assertThat(value(sink, 0, RESPONSE_CODE)).isEqualTo(101);
    assertThat(value(sink, 0, DECISION)).isEqualTo("allow");
    assertThat(value(sink, 0, REASON)).isEqualTo("RBAC: allowed");
    assertThat(value(sink, 0, EXTRA)).isEqualTo("{\"futureField\":{\"x\":1}}");
    assertThat(value(sink, 0, SOURCE_LINE)).isEqualTo(1L);
    assertThat(sink.reconciles()).isTrue();
  }

  @Test
  void webhookBatchesCloudWatchAndAksRecordsAreUnwrapped() {
    String v1beta1 =
        EVENT
            .replace("audit.k8s.io/v1", "audit.k8s.io/v1beta1")
            .replace(
                "\"requestReceivedTimestamp\":\"2026-11-02T10:00:00.123456Z\",",
                "\"timestamp\":\"2026-11-02T09:00:00Z\",");
    String batch =
        "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1beta1\",\"items\":["
            + v1beta1
            + ","
            + EVENT.replace("\"a1\"", "\"a2\"")
            + ",{\"kind\":0}]}";
    String cloudwatch = "2026-11-02T10:00:00.300Z " + EVENT.replace("\"a1\"", "\"a3\"");
    String aksString =
        "{\"category\":\"kube-audit\",\"properties\":{\"log\":"
            + io.huntlake.synth.TestJson.quote(EVENT.replace("\"a1\"", "\"a4\""))
            + ",\"pod\":\"kube-apiserver-1\"},\"resourceId\":\"/SUBSCRIPTIONS/X\",\"time\":\"2026-11-02T10:00:01Z\"}";
    String aksObject =
        "{\"category\":\"kube-audit\",\"properties\":{\"log\":"
            + EVENT.replace("\"a1\"", "\"a5\"")
            + "},\"resourceId\":\"/SUBSCRIPTIONS/X\"}";
    CollectingSink sink =
        CollectingSink.parse(
            LogSource.AUDIT,
            "mixed.log",
            String.join("\n", batch, cloudwatch, aksString, aksObject));
    assertThat(sink.formats)
        .containsExactly(
            "k8s-audit-eventlist",
            "k8s-audit-eventlist",
            "eks-cloudwatch",
            "aks-diagnostic",
            "aks-diagnostic");
    assertThat(sink.rows)
        .extracting(r -> r[SCHEMA.fieldIndex(AUDIT_ID)])
        .containsExactly("a1", "a2", "a3", "a4", "a5");
    assertThat(value(sink, 0, EVENT_TS))
        .as("v1beta1 timestamp")
        .isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));
    assertThat(value(sink, 0, AUDIT_API_VERSION)).isEqualTo("audit.k8s.io/v1beta1");
    assertThat((String) value(sink, 3, EXTRA))
        .contains("\"aks.category\":\"kube-audit\"")
        .contains("\"aks.properties.pod\":\"kube-apiserver-1\"");
    assertThat(sink.rejects)
        .singleElement()
        .satisfies(
            r -> assertThat(r.reason()).isEqualTo("EventList item 2: kind is 0, not \"Event\""));
    assertThat(sink.batchRecords).isEqualTo(2);
    assertThat(sink.reconciles()).isTrue();
  }

  @Test
  void badLinesAreRejectedWithAReason() {
    String lines =
        String.join(
            "\n",
            "{\"kind\": 0}",
            "{not json",
            "[1,2]",
            "",
            EVENT.replace("\"verb\":\"create\"", "\"verb\":5"),
            EVENT.replace("\"auditID\":\"a1\",", ""),
            EVENT
                .replace("2026-11-02T10:00:00.123456Z", "yesterday")
                .replace("\"stageTimestamp\":\"2026-11-02T10:00:00.200000Z\",", ""),
            "{\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\"},\"insertId\":\"x\"}",
            "hello world");
    CollectingSink sink = CollectingSink.parse(LogSource.AUDIT, "bad.log", lines);
    assertThat(sink.rows).isEmpty();
    assertThat(sink.rejects)
        .extracting(CollectingSink.Reject::reason)
        .containsExactly(
            "kind is 0, not \"Event\"",
            sink.rejects.get(1).reason(),
            "JSON is array, expected an object",
            "blank line",
            "verb is number 5, expected a string",
            "no auditID",
            "no parseable requestReceivedTimestamp, timestamp or stageTimestamp",
            "a Google Cloud Audit Log entry (protoPayload), not an audit.k8s.io Event",
            "neither JSON nor a CloudWatch export line (<timestamp> <json>)");
    assertThat(sink.rejects.get(1).reason()).startsWith("invalid JSON:");
    assertThat(sink.reconciles()).isTrue();
  }

  @Test
  void invalidUtf8IsRejectedNotFatal() {
    byte[] bytes =
        (EVENT + "\n{\"kind\":\"Event\",\"auditID\":\"\u00ff\"}\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    CollectingSink sink = CollectingSink.parse(LogSource.AUDIT, "latin1.log", bytes, null);
    assertThat(sink.rows).hasSize(1);
    assertThat(sink.rejects)
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).containsIgnoringCase("utf-8"));
  }

  @Test
  void forcedFormatRejectsOtherShapes() {
    CollectingSink sink =
        CollectingSink.parse(
            LogSource.AUDIT,
            "a.log",
            ("2026-11-02T10:00:00.300Z " + EVENT + "\n" + EVENT)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "k8s-audit-log");
    assertThat(sink.rows).hasSize(1);
    assertThat(sink.rejects)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.reason())
                    .isEqualTo(
                        "reads as eks-cloudwatch, but sources.audit.format is k8s-audit-log"));
  }
}
