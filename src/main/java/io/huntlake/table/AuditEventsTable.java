package io.huntlake.table;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** {@code audit_events}: one row per API-server audit event and stage, flat and redacted. */
public final class AuditEventsTable {
  private AuditEventsTable() {}

  public static final String NAME = "audit_events";

  public static final String EVENT_DATE = EventColumns.EVENT_DATE;
  public static final String INGEST_DATE = EventColumns.INGEST_DATE;
  public static final String EVENT_TS = "event_ts";
  public static final String STAGE_TS = "stage_ts";
  public static final String CLUSTER = "cluster";
  public static final String AUDIT_ID = "audit_id";
  public static final String STAGE = "stage";
  public static final String LEVEL = "level";
  public static final String VERB = "verb";
  public static final String USER_NAME = "user_name";
  public static final String USER_GROUPS = "user_groups";
  public static final String IMPERSONATED_USER = "impersonated_user";
  public static final String SOURCE_IP = "source_ip";
  public static final String SOURCE_IPS = "source_ips";
  public static final String USER_AGENT = "user_agent";
  public static final String RESOURCE = "resource";
  public static final String SUBRESOURCE = "subresource";
  public static final String NAMESPACE = "namespace";
  public static final String OBJECT_NAME = "object_name";
  public static final String API_GROUP = "api_group";
  public static final String API_VERSION = "api_version";
  public static final String REQUEST_URI = "request_uri";
  public static final String RESPONSE_CODE = "response_code";
  public static final String RESPONSE_STATUS = "response_status";
  public static final String RESPONSE_REASON = "response_reason";
  public static final String RESPONSE_MESSAGE = "response_message";
  public static final String DECISION = "decision";
  public static final String REASON = "reason";
  public static final String ANNOTATIONS = "annotations";
  public static final String REQUEST_OBJECT = "request_object";
  public static final String RESPONSE_OBJECT = "response_object";
  public static final String REDACTIONS = "redactions";
  public static final String AUDIT_API_VERSION = "audit_api_version";
  public static final String EXTRA = "extra";
  public static final String SOURCE_FORMAT = "source_format";
  public static final String SOURCE_FILE = EventColumns.SOURCE_FILE;
  public static final String SOURCE_LINE = EventColumns.SOURCE_LINE;
  public static final String INGEST_RUN_ID = EventColumns.INGEST_RUN_ID;

  /** Column order is the order parsers fill values in. Nullability is written inline. */
  public static final StructType SCHEMA =
      EventColumns.withProvenance(
          EventColumns.leading()
              .add(EVENT_TS, TimestampType, false, "requestReceivedTimestamp (v1beta1: timestamp)")
              .add(STAGE_TS, TimestampType, true, "stageTimestamp")
              .add(
                  CLUSTER,
                  StringType,
                  false,
                  "cluster=<name> path segment, else the config's cluster")
              .add(AUDIT_ID, StringType, false, "auditID; with stage, unique in the table")
              .add(
                  STAGE,
                  StringType,
                  false,
                  "RequestReceived, ResponseStarted, ResponseComplete or Panic")
              .add(LEVEL, StringType, true, "Metadata, Request or RequestResponse")
              .add(VERB, StringType, false, "get, list, watch, create, update, patch, delete, ...")
              .add(
                  USER_NAME,
                  StringType,
                  true,
                  "authenticated user (service accounts: system:serviceaccount:<ns>:<name>)")
              .add(USER_GROUPS, createArrayType(StringType, false), true, "user.groups")
              .add(IMPERSONATED_USER, StringType, true, "impersonatedUser.username")
              .add(
                  SOURCE_IP,
                  StringType,
                  true,
                  "first of sourceIPs: the client as the API server saw it")
              .add(
                  SOURCE_IPS,
                  createArrayType(StringType, false),
                  true,
                  "sourceIPs (proxies appended)")
              .add(USER_AGENT, StringType, true, "userAgent")
              .add(RESOURCE, StringType, true, "objectRef.resource")
              .add(
                  SUBRESOURCE,
                  StringType,
                  true,
                  "objectRef.subresource (exec, log, status, token, ...)")
              .add(NAMESPACE, StringType, true, "objectRef.namespace")
              .add(OBJECT_NAME, StringType, true, "objectRef.name")
              .add(API_GROUP, StringType, true, "objectRef.apiGroup ('' for the core group)")
              .add(API_VERSION, StringType, true, "objectRef.apiVersion")
              .add(REQUEST_URI, StringType, true, "requestURI (token-like query values redacted)")
              .add(RESPONSE_CODE, IntegerType, true, "responseStatus.code")
              .add(RESPONSE_STATUS, StringType, true, "responseStatus.status (Failure on errors)")
              .add(
                  RESPONSE_REASON,
                  StringType,
                  true,
                  "responseStatus.reason (Forbidden, NotFound, ...)")
              .add(RESPONSE_MESSAGE, StringType, true, "responseStatus.message")
              .add(
                  DECISION,
                  StringType,
                  true,
                  "annotation authorization.k8s.io/decision (allow, forbid)")
              .add(
                  REASON,
                  StringType,
                  true,
                  "annotation authorization.k8s.io/reason (the RBAC binding)")
              .add(
                  ANNOTATIONS, createMapType(StringType, StringType, true), true, "all annotations")
              .add(REQUEST_OBJECT, StringType, true, "requestObject as JSON, secrets redacted")
              .add(RESPONSE_OBJECT, StringType, true, "responseObject as JSON, secrets redacted")
              .add(
                  REDACTIONS,
                  IntegerType,
                  false,
                  "values replaced by the redaction marker in this event")
              .add(AUDIT_API_VERSION, StringType, true, "audit.k8s.io/v1 or audit.k8s.io/v1beta1")
              .add(
                  EXTRA,
                  StringType,
                  true,
                  "JSON of fields HuntLake does not map (kept, never dropped)")
              .add(SOURCE_FORMAT, StringType, false, "archive format the event was read from"));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
              NAME,
              "API-server audit events, one row per event and stage",
              SCHEMA,
              List.of(EVENT_DATE),
              INGEST_DATE,
              TableDefinition.propertiesWithStatsOn(
                  INGEST_DATE, EVENT_TS, USER_NAME, NAMESPACE, RESOURCE, VERB, SOURCE_IP),
              List.of(
                  AUDIT_ID,
                  EVENT_TS,
                  STAGE_TS,
                  REQUEST_URI,
                  REQUEST_OBJECT,
                  RESPONSE_OBJECT,
                  EXTRA,
                  SOURCE_LINE))
          .retained(TableDefinition.Retention.RAW_EVENTS)
          .zOrderedBy(USER_NAME, NAMESPACE)
          .readByRules();
}
