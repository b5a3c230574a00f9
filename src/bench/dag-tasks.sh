#!/usr/bin/env bash
# What each task of the Airflow DAGs costs at the least: every command of huntlake_daily and then
# huntlake_maintenance, on one `--scale small` day, one at a time, each in its own JVM through the
# launcher (JVM and Spark start, the Delta commits) as a task starts it. On a day this small the
# start and the commits are most of the time, so these are the floor under any task's duration.
# Maintenance runs for the day eight days later with raw events kept 7 days, so that it archives.
#
#   src/bench/dag-tasks.sh [WORK_DIR]     (default /tmp/huntlake-bench-dag; emptied first)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"
work="${1:-/tmp/huntlake-bench-dag}"
day=2026-11-01
later=2026-11-09

rm -rf "$work" && mkdir -p "$work"
"$root/jobs/huntlake" --help >/dev/null   # build outside the measurement
"$root/jobs/huntlake" generate --out "$work/raw" --days 1 --start "$day" --scale small --seed 11 >/dev/null
machine
echo "input: one small day, $(du -sh "$work/raw" | cut -f1) on disk"

cat >"$work/huntlake.yaml" <<YAML
storage:
  raw: $work/raw
  lake: $work/lake
  archive: $work/archive
  reports: $work/reports
retention:
  audit_events: 7
  container_logs: 7
  network_flows: 7
  rejects: 7
YAML
hl=("$root/jobs/huntlake")
config=(--config "$work/huntlake.yaml")

run inputs "${hl[@]}" inputs "${config[@]}" --date "$day"
for source in audit container flow; do
  run "ingest-$source" "${hl[@]}" ingest "${config[@]}" --date "$day" --source "$source"
done
for step in features gaps baseline score detect volume; do
  run "$step" "${hl[@]}" "$step" "${config[@]}" --date "$day"
done
run maintain "${hl[@]}" maintain "${config[@]}" --date "$later"
run verify-archive "${hl[@]}" verify-archive "${config[@]}"
total=$(cat "$work"/*.seconds | paste -sd+ | bc)
printf 'all %d tasks one after another: %.0f s\n' "$(ls "$work"/*.seconds | wc -l)" "$total"
