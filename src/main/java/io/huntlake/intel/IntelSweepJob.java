package io.huntlake.intel;

import io.huntlake.config.HuntlakeConfig;
import io.huntlake.error.Errors;
import io.huntlake.lake.LakeTables;
import io.huntlake.table.AuditEventsTable;
import io.huntlake.table.ContainerLogsTable;
import io.huntlake.table.K8sEventsTable;
import io.huntlake.table.NetworkFlowsTable;
import io.huntlake.table.TableDefinition;
import io.huntlake.table.ThreatIntelTable;
import io.huntlake.views.SqlFunctions;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * {@code huntlake intel sweep}: every past sighting of the indicators loaded on one day, the
 * retro-hunt a new IOC list calls for. Looks in audit source addresses, flow addresses, DNS names
 * and HTTP URLs, container log messages and Kubernetes Events' messages over a range of days, and
 * returns one row per indicator, day, place and entity: how often, first and last time, and one
 * evidence id to open.
 */
public final class IntelSweepJob {
  /** What a sweep found; {@code sightings} is lazy (nothing runs until it is read). */
  public record Result(long indicators, Dataset<Row> sightings) {}

  /** One place indicators are looked for: a table, and the SQL that finds sightings in it. */
  private record Place(TableDefinition table, String sql) {}

  private static final String COLUMNS =
      "event_date, cluster, '%s' AS source, field, observed, m.indicator, m.indicator_type,"
          + " m.feed, m.description, entity, event_ts, evidence";

  private static final List<Place> PLACES =
      List.of(
          new Place(
              AuditEventsTable.DEFINITION,
              "SELECT "
                  + COLUMNS.formatted("audit")
                  + " FROM (SELECT *, intel_match_ip(observed) AS m FROM ("
                  + "  SELECT event_date, cluster, 'source_ip' AS field, user_name AS entity,"
                  + "   event_ts, audit_id AS evidence,"
                  + "   explode(array_distinct(concat(array(source_ip), coalesce(source_ips, array()))))"
                  + "    AS observed"
                  + "  FROM %s))"
                  + " WHERE m IS NOT NULL"),
          new Place(
              NetworkFlowsTable.DEFINITION,
              "SELECT "
                  + COLUMNS.formatted("flow")
                  + " FROM (SELECT event_date, cluster, field, observed, entity, event_ts, evidence,"
                  + "  CASE WHEN field IN ('dst_ip', 'src_ip') THEN intel_match_ip(observed)"
                  + "   WHEN field = 'dns_query' THEN intel_match_domain(observed)"
                  + "   ELSE intel_match_url(observed) END AS m"
                  + " FROM (SELECT event_date, cluster, event_ts,"
                  + "   flow_key(event_ts, src_ip, src_port, dst_ip, dst_port, protocol) AS evidence,"
                  + "   inline(array("
                  + "    named_struct('field', 'dst_ip', 'observed', dst_ip,"
                  + "     'entity', coalesce(concat(src_namespace, '/', src_pod), src_ip)),"
                  + "    named_struct('field', 'src_ip', 'observed', src_ip,"
                  + "     'entity', coalesce(concat(dst_namespace, '/', dst_pod), dst_ip)),"
                  + "    named_struct('field', 'dns_query', 'observed', dns_query,"
                  + "     'entity', coalesce(concat(src_namespace, '/', src_pod), src_ip)),"
                  + "    named_struct('field', 'http_url', 'observed', http_url,"
                  + "     'entity', coalesce(concat(src_namespace, '/', src_pod), src_ip))))"
                  + "  FROM %s) WHERE observed IS NOT NULL)"
                  + " WHERE m IS NOT NULL"),
          new Place(
              ContainerLogsTable.DEFINITION,
              "SELECT "
                  + COLUMNS.formatted("container")
                  + " FROM (SELECT event_date, cluster, 'message' AS field, m.indicator AS observed,"
                  + "  m, concat_ws('/', namespace, pod, container) AS entity, event_ts,"
                  + "  log_ref(namespace, pod, container, event_ts) AS evidence"
                  + " FROM (SELECT *, intel_match_text(message) AS m FROM %s) WHERE m IS NOT NULL)"),
          new Place(
              K8sEventsTable.DEFINITION,
              "SELECT "
                  + COLUMNS.formatted("k8s_event")
                  + " FROM (SELECT event_date, cluster, 'message' AS field, m.indicator AS observed,"
                  + "  m, concat_ws('/', object_kind, object_namespace, object_name) AS entity,"
                  + "  event_ts, event_uid AS evidence"
                  + " FROM (SELECT *, intel_match_text(message) AS m FROM %s) WHERE m IS NOT NULL)"));

  /**
   * Sightings from {@code from} to {@code to} of the indicators last loaded on {@code loadedOn} (of
   * one feed, when given).
   */
  public Result run(
      SparkSession shared,
      HuntlakeConfig config,
      LocalDate from,
      LocalDate to,
      LocalDate loadedOn,
      Optional<String> feed) {
    SparkSession spark = io.huntlake.spark.Sessions.isolated(shared);
    Optional<Dataset<Row>> intel = IntelLake.rows(spark, config);
    if (intel.isEmpty()) {
      throw Errors.noThreatIntel();
    }
    Dataset<Row> loaded =
        intel
            .get()
            .where(
                functions
                    .to_date(functions.col(ThreatIntelTable.LAST_LOADED))
                    .equalTo(functions.lit(java.sql.Date.valueOf(loadedOn))));
    if (feed.isPresent()) {
      loaded = loaded.where(functions.col(ThreatIntelTable.FEED).equalTo(feed.get()));
    }
    IntelIndex index = new IntelIndex(IntelLake.indicators(Optional.of(loaded)));
    SqlFunctions.register(spark);
    IntelFunctions.register(spark, new IntelReference(index, RangeIndex.EMPTY));
    Dataset<Row> sightings = null;
    for (Place place : PLACES) {
      String view = "sweep_" + place.table().name();
      LakeTables.readDays(spark, config, place.table(), from, to).createOrReplaceTempView(view);
      Dataset<Row> found = spark.sql(place.sql().formatted(view));
      sightings = sightings == null ? found : sightings.unionByName(found);
    }
    Dataset<Row> grouped =
        sightings
            .groupBy(
                "indicator",
                "indicator_type",
                "feed",
                "event_date",
                "cluster",
                "source",
                "field",
                "entity")
            .agg(
                // Distinct evidence: an audited request has a row per stage.
                functions.countDistinct(functions.col("evidence")).as("sightings"),
                functions.min("event_ts").as("first_seen"),
                functions.max("event_ts").as("last_seen"),
                functions.min("evidence").as("example_evidence"),
                functions.first("description", true).as("description"))
            .orderBy("event_date", "cluster", "indicator", "source", "entity");
    return new Result(index.size(), grouped);
  }
}
