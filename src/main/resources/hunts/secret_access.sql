-- title: Secret access by identity
-- purpose: Which identities read, listed or watched Secrets, in which namespaces, how many
--   distinct Secrets, how often they were refused, and from where. Enumeration shows as a list
--   across many namespaces or many names in a short time; a workload's service account reading
--   Secrets of another namespace is worth a look. The cluster's own controllers (is_control_plane)
--   are left out unless include_control_plane is 'yes'.
-- attack: T1552.007, T1613
-- param: day date : the last day searched (YYYY-MM-DD)
-- param: days int = 1 : how many days, ending with day
-- param: include_control_plane string = no : 'yes' keeps system: users and kube-system accounts
SELECT
  user_name,
  verb,
  coalesce(namespace, '(all namespaces)') AS namespace,
  count(*) AS requests,
  count(DISTINCT object_name) AS secrets,
  slice(array_sort(collect_set(object_name)), 1, 10) AS first_secrets,
  sum(IF(response_code >= 400, 1, 0)) AS refused,
  array_sort(collect_set(source_ip)) AS source_ips,
  min(event_ts) AS first_ts,
  max(event_ts) AS last_ts
FROM audit_requests
WHERE event_date BETWEEN date_sub(${day}, ${days} - 1) AND ${day}
  AND resource = 'secrets'
  AND verb IN ('get', 'list', 'watch')
  AND (${include_control_plane} = 'yes' OR NOT is_control_plane(user_name))
GROUP BY user_name, verb, namespace
ORDER BY secrets DESC, requests DESC
