package io.huntlake.views;

import io.huntlake.config.Cidr;
import io.huntlake.table.EvidenceKeys;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.types.DataTypes;

/**
 * SQL functions rules may call, besides Spark's own. Each is total: malformed input gives null or
 * false, never a failed job.
 *
 * <ul>
 *   <li>{@code hl_url_decode(s)}: percent-decoding of a URI part; s itself when malformed
 *   <li>{@code in_cidrs(ip, array('10.0.0.0/8', ...))}: whether an address lies in any range
 *   <li>{@code flow_key(event_ts, src_ip, src_port, dst_ip, dst_port, protocol)}: a flow's evidence
 *       id, as labels and findings write it
 *   <li>{@code log_ref(namespace, pod, container, event_ts)}: a log line's evidence id
 *   <li>{@code past_tense(verb)}: an API verb for a sentence: created, patched, deleted all...
 *   <li>{@code is_control_plane(user_name)}: the cluster's own machinery: {@code system:} users
 *       other than anonymous (API server, scheduler, controller manager, nodes) and the service
 *       accounts of kube-system (controllers, CNI, DNS). Workload service accounts are not.
 *   <li>{@code helm_release(request_object, user_agent)}: the Helm release a write belongs to, from
 *       what the request itself says: Helm's release-name annotation, the managed-by label with the
 *       instance label, a release secret's name label, else "(Helm client)" when only the user
 *       agent is Helm's; null for anything else. A footprint, not proof: rules use it to lower and
 *       explain, never to drop.
 * </ul>
 */
public final class SqlFunctions {
  private static final Map<String, Optional<Cidr>> CIDRS = new ConcurrentHashMap<>();

  private SqlFunctions() {}

  public static void register(SparkSession spark) {
    if (spark.catalog().functionExists("log_ref")) {
      return;
    }
    spark
        .udf()
        .register(
            "hl_url_decode", (UDF1<String, String>) SqlFunctions::urlDecode, DataTypes.StringType);
    spark
        .udf()
        .register(
            "in_cidrs",
            (UDF2<String, scala.collection.Seq<String>, Boolean>) SqlFunctions::inCidrs,
            DataTypes.BooleanType);
    spark
        .udf()
        .register(
            "past_tense", (UDF1<String, String>) SqlFunctions::pastTense, DataTypes.StringType);
    spark
        .udf()
        .register(
            "is_control_plane",
            (UDF1<String, Boolean>) SqlFunctions::isControlPlane,
            DataTypes.BooleanType);
    spark
        .udf()
        .register(
            "flow_key",
            (UDF6<Instant, String, Integer, String, Integer, String, String>) SqlFunctions::flowKey,
            DataTypes.StringType);
    spark
        .udf()
        .register(
            "helm_release",
            (UDF2<String, String, String>) SqlFunctions::helmRelease,
            DataTypes.StringType);
    spark
        .udf()
        .register(
            "log_ref",
            (UDF4<String, String, String, Instant, String>) SqlFunctions::logRef,
            DataTypes.StringType);
  }

  static String pastTense(String verb) {
    if (verb == null) {
      return null;
    }
    return switch (verb) {
      case "get" -> "read";
      case "deletecollection" -> "deleted all";
      case "create", "update", "delete" -> verb + "d";
      default -> verb + "ed";
    };
  }

  static Boolean isControlPlane(String user) {
    if (user == null) {
      return false;
    }
    if (user.startsWith("system:serviceaccount:")) {
      return user.startsWith("system:serviceaccount:kube-system:");
    }
    return user.startsWith("system:")
        && !user.equals("system:anonymous")
        && !user.startsWith("system:unauthenticated");
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The user agent the Helm 3 client sends: "Helm/3.14.2". */
  private static final String HELM_AGENT = "Helm/";

  static String helmRelease(String requestObject, String userAgent) {
    if (requestObject != null && requestObject.contains("elm")) {
      try {
        com.fasterxml.jackson.databind.JsonNode metadata =
            JSON.readTree(requestObject).path("metadata");
        String annotated =
            metadata.path("annotations").path("meta.helm.sh/release-name").asText("");
        if (!annotated.isEmpty()) {
          return annotated;
        }
        com.fasterxml.jackson.databind.JsonNode labels = metadata.path("labels");
        if (labels.path("app.kubernetes.io/managed-by").asText("").equalsIgnoreCase("Helm")) {
          String instance = labels.path("app.kubernetes.io/instance").asText("");
          return instance.isEmpty() ? labels.path("release").asText("(unnamed)") : instance;
        }
        if (labels.path("owner").asText("").equals("helm") && labels.has("name")) {
          return labels.path("name").asText();
        }
      } catch (java.io.IOException e) {
        // a patch body or a truncated object: fall back to the user agent
      }
    }
    return userAgent != null && userAgent.startsWith(HELM_AGENT) ? "(Helm client)" : null;
  }

  static String urlDecode(String text) {
    if (text == null) {
      return null;
    }
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  static Boolean inCidrs(String ip, scala.collection.Seq<String> ranges) {
    if (ip == null || ranges == null) {
      return false;
    }
    for (int i = 0; i < ranges.length(); i++) {
      String range = ranges.apply(i);
      if (range != null
          && CIDRS.computeIfAbsent(range, Cidr::parse).map(c -> c.contains(ip)).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  static String flowKey(
      Instant time, String srcIp, Integer srcPort, String dstIp, Integer dstPort, String protocol) {
    if (time == null) {
      return null;
    }
    // Timestamps reach UDFs as Instants: the session enables Spark's java.time API.
    return EvidenceKeys.flowKey(
        time, srcIp, srcPort == null ? 0 : srcPort, dstIp, dstPort == null ? 0 : dstPort, protocol);
  }

  static String logRef(String namespace, String pod, String container, Instant time) {
    return time == null ? null : EvidenceKeys.logLine(namespace, pod, container, time);
  }
}
