-- title: Exec and attach sessions, with the command decoded
-- purpose: Who opened a shell or ran a command in which container, from where, and whether the
--   API server allowed it. The command comes URL-decoded from the request URI, so
--   'bash -c sh -i >& /dev/tcp/...' reads as typed. Interactive sessions have tty = true.
--   Start here after an exec finding, or sweep a week for commands nobody expected.
-- attack: T1609, T1059.004
-- param: day date : the last day searched (YYYY-MM-DD)
-- param: days int = 1 : how many days, ending with day
-- param: user string = % : only identities matching this LIKE pattern
SELECT
  event_ts,
  cluster,
  user_name,
  source_ip,
  namespace,
  pod,
  container,
  tty,
  command,
  response_code,
  user_agent,
  audit_id
FROM exec_sessions
WHERE event_date BETWEEN date_sub(${day}, ${days} - 1) AND ${day}
  AND user_name LIKE ${user}
ORDER BY event_ts
