package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code findings}: what the detection rules found on a day, one row per rule, entity and
 * namespace, with the events that matched as evidence.
 */
public final class FindingsTable {
  private FindingsTable() {}

  public static final String NAME = "findings";

  public static final String EVENT_DATE = EntityColumns.EVENT_DATE;
  public static final String FINDING_ID = "finding_id";
  public static final String RULE_ID = "rule_id";
  public static final String RULE_VERSION = "rule_version";
  public static final String TITLE = "title";
  public static final String SEVERITY = "severity";
  public static final String RULE_SEVERITY = "rule_severity";
  public static final String SUPPRESSED_BY = "suppressed_by";
  public static final String ATTACK_TECHNIQUES = "attack_techniques";
  public static final String ENTITY_TYPE = EntityColumns.ENTITY_TYPE;
  public static final String ENTITY_ID = EntityColumns.ENTITY_ID;
  public static final String CLUSTER = EntityColumns.CLUSTER;
  public static final String NAMESPACE = "namespace";
  public static final String FIRST_TS = "first_ts";
  public static final String LAST_TS = "last_ts";
  public static final String EVENT_COUNT = "event_count";
  public static final String EVIDENCE = "evidence";
  public static final String SUMMARY = "summary";

  public static final StructType SCHEMA =
      new StructType()
          .add(EVENT_DATE, DateType, false, "the day the matched events happened; the partition")
          .add(
              FINDING_ID,
              StringType,
              false,
              "stable id: a hash of date, rule, cluster, entity, namespace and allowlist entry")
          .add(RULE_ID, StringType, false, "the rule that matched (`huntlake rules show ID`)")
          .add(RULE_VERSION, IntegerType, false, "the rule's version when it matched")
          .add(TITLE, StringType, false, "the rule's title")
          .add(
              SEVERITY,
              StringType,
              false,
              "info, low, medium, high or critical, after allowlists (info when one applied)")
          .add(RULE_SEVERITY, StringType, false, "the severity the rule gives, before allowlists")
          .add(
              SUPPRESSED_BY,
              StringType,
              true,
              "the allowlist entry that lowered the severity, e.g. detect.allow.identities: ci-*")
          .add(
              ATTACK_TECHNIQUES,
              createArrayType(StringType, false),
              false,
              "MITRE ATT&CK technique ids (Containers matrix)")
          .add(
              ENTITY_TYPE,
              StringType,
              false,
              "what the rule is about: user, workload, source_ip, flow_edge, pod, node or cluster")
          .add(
              ENTITY_ID,
              StringType,
              false,
              "who or what: a user name, <namespace>/<workload>, an address")
          .add(CLUSTER, StringType, false, "cluster")
          .add(NAMESPACE, StringType, true, "namespace of the matched events, when they have one")
          .add(FIRST_TS, TimestampType, false, "first matched event")
          .add(LAST_TS, TimestampType, false, "last matched event")
          .add(EVENT_COUNT, LongType, false, "matched events")
          .add(
              EVIDENCE,
              createArrayType(StringType, false),
              false,
              "audit ids, flow keys or log references of the first matched events"
                  + " (detect.evidence_limit)")
          .add(SUMMARY, StringType, false, "one line a hunter can read: what, who, where");

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "Rule findings per day",
              SCHEMA,
              List.of(EVENT_DATE),
              EVENT_DATE,
              TableDefinition.propertiesWithStatsOn(RULE_ID, SEVERITY, ENTITY_ID, CLUSTER))
          .retained(TableDefinition.Retention.RESULTS)
          .zOrderedBy(RULE_ID, ENTITY_ID);
}
