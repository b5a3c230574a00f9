-- title: Service-account use by source IP
-- purpose: For every service account, each address it called the API server from, with what it
--   did and which pod (if any) held that address that day according to the flow logs. A token
--   is meant to be used from its own pods: use from a public address (private_address =
--   false), from an address no pod had in the flow logs (from_pod = false; control-plane
--   nodes and pods without flow logs show so too), or from a pod of another workload suggests
--   a stolen token. Public addresses come first. Control-plane accounts are left
--   out unless include_control_plane is 'yes'.
-- attack: T1528, T1078.001
-- param: day date : the last day searched (YYYY-MM-DD)
-- param: days int = 1 : how many days, ending with day
-- param: include_control_plane string = no : 'yes' keeps kube-system service accounts
WITH calls AS (
  SELECT
    event_date, cluster, user_name, source_ip,
    count(*) AS requests,
    sum(IF(response_code >= 400, 1, 0)) AS refused,
    array_sort(collect_set(concat(verb, ' ', resource))) AS actions,
    array_sort(collect_set(user_agent)) AS user_agents,
    min(event_ts) AS first_ts,
    max(event_ts) AS last_ts
  FROM audit_requests
  WHERE event_date BETWEEN date_sub(${day}, ${days} - 1) AND ${day}
    AND user_name LIKE 'system:serviceaccount:%'
    AND (${include_control_plane} = 'yes' OR NOT is_control_plane(user_name))
  GROUP BY event_date, cluster, user_name, source_ip
),
pod_addresses AS (
  SELECT DISTINCT event_date, cluster, src_ip AS ip, src_namespace AS namespace,
    src_workload AS workload
  FROM network_flows
  WHERE event_date BETWEEN date_sub(${day}, ${days} - 1) AND ${day}
    AND src_pod IS NOT NULL
  UNION
  SELECT DISTINCT event_date, cluster, dst_ip, dst_namespace, dst_workload
  FROM network_flows
  WHERE event_date BETWEEN date_sub(${day}, ${days} - 1) AND ${day}
    AND dst_pod IS NOT NULL
)
SELECT
  c.user_name,
  c.source_ip,
  p.ip IS NOT NULL AS from_pod,
  in_cidrs(c.source_ip, array('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10',
    '127.0.0.0/8', 'fc00::/7', '::1/128')) AS private_address,
  p.namespace AS pod_namespace,
  p.workload AS pod_workload,
  sum(c.requests) AS requests,
  sum(c.refused) AS refused,
  array_sort(array_distinct(flatten(collect_list(c.actions)))) AS actions,
  array_sort(array_distinct(flatten(collect_list(c.user_agents)))) AS user_agents,
  min(c.first_ts) AS first_ts,
  max(c.last_ts) AS last_ts
FROM calls c
LEFT JOIN pod_addresses p
  ON p.event_date = c.event_date AND p.cluster = c.cluster AND p.ip = c.source_ip
GROUP BY c.user_name, c.source_ip, p.ip IS NOT NULL, p.namespace, p.workload
ORDER BY private_address, from_pod, c.user_name, requests DESC
