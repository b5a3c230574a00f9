-- title: First-seen identity and user agent pairs
-- purpose: Identities that called the API server with a client they had not used in the
--   lookback days before: kubectl from an account that only ever ran a controller, curl or a
--   scripting library with a service account's token, an offensive tool's agent. Each pair
--   shows when it first appeared, from which addresses, and what it did. The lookback reaches
--   only as far as audit_events is kept (retention.audit_events).
-- attack: T1078, T1528
-- param: day date : the last day searched (YYYY-MM-DD)
-- param: days int = 1 : how many days, ending with day
-- param: lookback int = 14 : days before the searched ones that count as already seen
WITH pairs AS (
  SELECT
    cluster, user_name, coalesce(user_agent, '(none)') AS user_agent,
    min(event_date) AS first_day,
    min(event_ts) AS first_ts,
    max(event_ts) AS last_ts,
    count_if(event_date >= date_sub(${day}, ${days} - 1)) AS requests,
    array_sort(collect_set(source_ip)) AS source_ips,
    slice(array_sort(collect_set(concat(verb, ' ', resource))), 1, 12) AS actions
  FROM audit_requests
  WHERE event_date BETWEEN date_sub(${day}, ${days} - 1 + ${lookback}) AND ${day}
    AND resource IS NOT NULL
  GROUP BY cluster, user_name, coalesce(user_agent, '(none)')
)
SELECT cluster, user_name, user_agent, first_ts, last_ts, requests, source_ips, actions
FROM pairs
WHERE first_day >= date_sub(${day}, ${days} - 1)
  AND first_day > (SELECT min(event_date) FROM audit_events
                   WHERE event_date >= date_sub(${day}, ${days} - 1 + ${lookback}))
ORDER BY first_ts
