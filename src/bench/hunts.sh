#!/usr/bin/env bash
# `huntlake sql` and every built-in hunt on one `--scale large` day: each command in its own JVM, as
# a hunter starts it (JVM and Spark start, registering the lake's tables, the query, printing all
# rows as CSV to /dev/null). Ingests, featurises, baselines, scores and detects the day first unless
# the lake already holds it. The entity and address the parameterised hunts follow are the day's
# busiest identity and one of its pod addresses, read from the lake.
#
#   src/bench/hunts.sh [WORK_DIR]     (default /tmp/huntlake-bench-detect: shares detect.sh's data)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/large-day.sh" "${1:-}"

hl=("$root/jobs/huntlake")
value() { "${hl[@]}" sql --format csv "$1" "${settings[@]}" 2>/dev/null | sed -n 2p; }
# Each step the lake lacks, in pipeline order (a step's table names it).
for step_table in ingest:audit_events features:user_activity_daily baseline:user_baseline \
                  score:anomaly_scores detect:findings; do
  step=${step_table%%:*}
  [ -d "$work/lake/${step_table#*:}" ] || run "$step" "${hl[@]}" "$step" --date "$day" "${settings[@]}"
done
user=$(value "SELECT user_name FROM audit_events WHERE event_date = DATE'$day' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
read -r ip at < <(value "SELECT src_ip, date_format(min(event_ts), \"yyyy-MM-dd'T'HH:mm:ss'Z'\") FROM network_flows WHERE event_date = DATE'$day' AND src_pod IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1" | tr ',' ' ')
echo "entity: $user; address: $ip at $at"

out=(--format csv --limit 0 "${settings[@]}")
run show-tables "${hl[@]}" sql "${out[@]}" "SHOW TABLES"
run count-audit "${hl[@]}" sql "${out[@]}" "SELECT count(*) FROM audit_events WHERE event_date = DATE'$day'"
for hunt in exec_sessions secret_access rbac_changes service_account_sources first_seen_user_agents external_egress; do
  run "$hunt" "${hl[@]}" hunt run "$hunt" "${out[@]}" --param "day=$day"
done
run ip_owner_at "${hl[@]}" hunt run ip_owner_at "${out[@]}" --param "ip=$ip" --param "at=$at"
run entity_timeline "${hl[@]}" hunt run entity_timeline "${out[@]}" --param "entity=$user" --param "day=$day"
for name in exec_sessions secret_access rbac_changes service_account_sources first_seen_user_agents external_egress ip_owner_at entity_timeline; do
  # The log holds the CSV (header first) and Spark's few warnings.
  rows=$(grep -c -v -E '^[0-9:]+ (WARN|INFO|ERROR) |^huntlake:' "$work/$name.log" || true)
  printf '%-24s %8d rows\n' "$name" "$((rows - 1))"
done
