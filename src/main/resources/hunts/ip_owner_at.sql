-- title: Which pod had this IP address at a point in time
-- purpose: Resolves a pod IP to its pod, namespace and workload at a given moment, from the
--   flow logs (the address as a flow's source or destination pod) and from the audit log (pod
--   status updates that report the pod's IP). Pod IPs are reused, so every owner seen within
--   the window is listed, closest in time first, with when the address was seen with it.
-- attack: none
-- param: ip string : the address, e.g. 10.100.5.16
-- param: at timestamp : the moment, UTC (YYYY-MM-DDTHH:MM:SSZ)
-- param: window_minutes int = 60 : how far before and after 'at' to look
WITH seen AS (
  SELECT event_ts, cluster, src_namespace AS namespace, src_pod AS pod,
    src_workload AS workload, 'flow' AS evidence
  FROM network_flows
  WHERE event_date BETWEEN to_date(${at} - make_interval(0, 0, 0, 0, 0, ${window_minutes}))
      AND to_date(${at} + make_interval(0, 0, 0, 0, 0, ${window_minutes}))
    AND src_ip = ${ip} AND src_pod IS NOT NULL
  UNION ALL
  SELECT event_ts, cluster, dst_namespace, dst_pod, dst_workload, 'flow'
  FROM network_flows
  WHERE event_date BETWEEN to_date(${at} - make_interval(0, 0, 0, 0, 0, ${window_minutes}))
      AND to_date(${at} + make_interval(0, 0, 0, 0, 0, ${window_minutes}))
    AND dst_ip = ${ip} AND dst_pod IS NOT NULL
  UNION ALL
  SELECT event_ts, cluster, namespace, object_name, CAST(NULL AS STRING), 'audit'
  FROM audit_requests
  WHERE event_date BETWEEN to_date(${at} - make_interval(0, 0, 0, 0, 0, ${window_minutes}))
      AND to_date(${at} + make_interval(0, 0, 0, 0, 0, ${window_minutes}))
    AND resource = 'pods' AND subresource = 'status' AND verb IN ('patch', 'update')
    AND (get_json_object(request_object, '$.status.podIP') = ${ip}
      OR array_contains(from_json(get_json_object(request_object, '$.status.podIPs'),
        'ARRAY<STRUCT<ip: STRING>>').ip, ${ip}))
)
SELECT
  cluster, namespace, pod,
  max(workload) AS workload,
  array_sort(collect_set(evidence)) AS evidence,
  count(*) AS observations,
  min(event_ts) AS first_seen,
  max(event_ts) AS last_seen,
  min(abs(unix_timestamp(event_ts) - unix_timestamp(${at}))) AS seconds_from_at
FROM seen
WHERE event_ts BETWEEN ${at} - make_interval(0, 0, 0, 0, 0, ${window_minutes})
  AND ${at} + make_interval(0, 0, 0, 0, 0, ${window_minutes})
GROUP BY cluster, namespace, pod
ORDER BY seconds_from_at, observations DESC
