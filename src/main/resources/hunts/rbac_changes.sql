-- title: RBAC change timeline
-- purpose: Every write to Roles, ClusterRoles and their bindings, oldest first: who granted
--   what to whom. Bindings show 'RoleRef -> subject'; roles show each rule's verbs on
--   resources; deletions are listed too. A grant of cluster-admin or of '*' verbs to a service
--   account or a broad group is the classic persistence and escalation step.
-- attack: T1098, T1078.001
-- param: day date : the last day searched (YYYY-MM-DD)
-- param: days int = 7 : how many days, ending with day
SELECT event_ts, cluster, user_name, verb, resource, namespace, object_name, response_code, change
FROM (
  SELECT
    event_date, event_ts, cluster, user_name, verb, resource, namespace, binding_name AS object_name,
    response_code,
    concat(coalesce(role_ref_kind, '?'), '/', coalesce(role_ref_name, '?'), ' -> ',
      coalesce(subject_kind, '?'), ' ',
      IF(subject_namespace IS NULL, '', concat(subject_namespace, '/')),
      coalesce(subject_name, '?')) AS change
  FROM rbac_bindings
  UNION ALL
  SELECT
    event_date, event_ts, cluster, user_name, verb, resource, namespace, role_name AS object_name,
    response_code,
    concat(role_kind, ' allows ', array_join(rule_verbs, ','), ' on ',
      IF(size(rule_resources) > 0, array_join(rule_resources, ','),
        array_join(rule_non_resource_urls, ',')),
      IF(size(rule_resource_names) > 0, concat(' named ', array_join(rule_resource_names, ',')), ''))
      AS change
  FROM rbac_rules
  UNION ALL
  SELECT
    event_date, event_ts, cluster, user_name, verb, resource, namespace, object_name,
    response_code, 'deleted' AS change
  FROM audit_requests
  WHERE resource IN ('roles', 'clusterroles', 'rolebindings', 'clusterrolebindings')
    AND verb IN ('delete', 'deletecollection')
)
WHERE event_date BETWEEN date_sub(${day}, ${days} - 1) AND ${day}
ORDER BY event_ts
