-- title: Pod-to-external egress by workload
-- purpose: Traffic from pods to addresses outside the private ranges (RFC 1918, CGNAT,
--   loopback, link-local), per workload and destination: bytes, flows, ports, the DNS names
--   the flows carried, first and last time. VPC Flow Log records are put to their workload
--   through the address's pod in the same day's Hubble flows ('address ...' when none had it). Large transfers to one new address (exfiltration)
--   and small regular ones (command and control, mining pools) both stand out; compare with the
--   workload's flow_edge_baseline.
-- attack: T1041, T1048, T1071
-- param: day date : the last day searched (YYYY-MM-DD)
-- param: days int = 1 : how many days, ending with day
-- param: min_bytes int = 0 : leave out destinations that received fewer bytes
WITH pod_addresses AS (
  -- Hubble names the pod behind an address; VPC Flow Logs do not, so their sources are
  -- resolved through the same day's Hubble flows.
  SELECT event_date, cluster, src_ip AS ip, max(src_namespace) AS namespace,
    max(src_workload) AS workload
  FROM network_flows
  WHERE event_date BETWEEN date_sub(${day}, ${days} - 1) AND ${day}
    AND src_pod IS NOT NULL
  GROUP BY event_date, cluster, src_ip
),
egress AS (
  SELECT f.*,
    coalesce(f.src_namespace, p.namespace) AS namespace,
    coalesce(f.src_workload, p.workload, concat('address ', f.src_ip)) AS workload
  FROM network_flows f
  LEFT JOIN pod_addresses p
    ON p.event_date = f.event_date AND p.cluster = f.cluster AND p.ip = f.src_ip
  WHERE f.event_date BETWEEN date_sub(${day}, ${days} - 1) AND ${day}
    AND coalesce(f.is_reply, false) = false
    AND in_cidrs(f.src_ip, array('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16',
      '100.64.0.0/10', 'fc00::/7'))
    AND NOT in_cidrs(f.dst_ip, array('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16',
      '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10', '::1/128'))
)
SELECT
  cluster,
  namespace,
  workload,
  dst_ip,
  array_sort(collect_set(dst_port)) AS dst_ports,
  array_sort(collect_set(protocol)) AS protocols,
  count(*) AS flows,
  sum(bytes) AS bytes,
  sum(packets) AS packets,
  array_sort(collect_set(flow_source)) AS flow_sources,
  array_sort(collect_set(dns_query)) AS dns_names,
  count(DISTINCT src_ip) AS source_addresses,
  min(event_ts) AS first_ts,
  max(event_ts) AS last_ts
FROM egress
GROUP BY cluster, namespace, workload, dst_ip
HAVING sum(bytes) >= ${min_bytes}
ORDER BY bytes DESC
