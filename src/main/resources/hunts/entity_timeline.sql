-- title: Everything one entity did, across audit, container and flow logs
-- purpose: One time-ordered list for an identity, workload, pod or IP address: its API
--   requests, its containers' log lines, its network flows, and the findings and anomaly
--   scores about it. Pivot here from a finding or a score: the rows around the alert usually
--   say whether it is an attack. Busy entities have many rows: raise --limit, or narrow with
--   from_ts and to_ts.
-- attack: none
-- param: entity string : a user or service account, workload (name or namespace/name), pod, or
--   IP address
-- param: day date : the last day searched (YYYY-MM-DD)
-- param: days int = 1 : how many days, ending with day
-- param: from_ts timestamp = 1970-01-01T00:00:00Z : leave out rows before this time (UTC)
-- param: to_ts timestamp = 9999-12-31T23:59:59Z : leave out rows after this time (UTC)
SELECT event_ts, source, cluster, namespace, actor, action, target, detail
FROM (
  SELECT event_date, event_ts, 'audit' AS source, cluster, namespace, user_name AS actor,
    concat(verb, ' ', coalesce(resource, request_uri), IF(subresource IS NULL, '', concat('/', subresource)))
      AS action,
    object_name AS target,
    concat('code ', coalesce(CAST(response_code AS STRING), '-'), ' from ', coalesce(source_ip, '?'),
      ' via ', coalesce(user_agent, '?')) AS detail
  FROM audit_requests
  WHERE user_name = ${entity} OR source_ip = ${entity} OR object_name = ${entity}
  UNION ALL
  SELECT event_date, event_ts, 'container', cluster, namespace, concat(pod, '/', container),
    concat('log ', coalesce(level, stream)), workload, message
  FROM container_logs
  WHERE workload = ${entity} OR pod = ${entity} OR concat(namespace, '/', workload) = ${entity}
  UNION ALL
  SELECT event_date, event_ts, 'flow', cluster, src_namespace,
    coalesce(src_pod, src_ip),
    concat(lower(protocol), ' ', coalesce(verdict, '')),
    concat(coalesce(dst_pod, dst_ip), ':', coalesce(CAST(dst_port AS STRING), '')),
    concat(coalesce(CAST(bytes AS STRING), '?'), ' bytes',
      IF(dns_query IS NULL, '', concat(', dns ', dns_query)))
  FROM network_flows
  WHERE src_workload = ${entity} OR dst_workload = ${entity} OR src_pod = ${entity}
    OR dst_pod = ${entity} OR src_ip = ${entity} OR dst_ip = ${entity}
    OR concat(src_namespace, '/', src_workload) = ${entity}
    OR concat(dst_namespace, '/', dst_workload) = ${entity}
  UNION ALL
  SELECT event_date, first_ts, 'finding', cluster, namespace, entity_id,
    concat(severity, ' ', rule_id), CAST(event_count AS STRING), summary
  FROM findings
  WHERE entity_id = ${entity}
  UNION ALL
  SELECT event_date, CAST(event_date AS TIMESTAMP), 'score', cluster, CAST(NULL AS STRING), entity_id,
    concat('anomaly score ', CAST(round(score, 1) AS STRING)), concat('rank ', CAST(rank AS STRING)),
    summary
  FROM anomaly_scores
  WHERE entity_id = ${entity}
)
WHERE event_date BETWEEN date_sub(${day}, ${days} - 1) AND ${day}
  AND event_ts BETWEEN ${from_ts} AND ${to_ts}
ORDER BY event_ts, source
