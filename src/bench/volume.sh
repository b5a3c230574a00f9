#!/usr/bin/env bash
# `huntlake volume` on one `--scale large` day: the day's log_volume_daily rows (one pass over the
# day's three event partitions, the ledger and the Delta logs) and the capacity report. Ingests the
# day first unless the lake already holds it. Each command runs in its own JVM, as a scheduler
# would start it; wall time and peak RSS come from GNU time.
#
#   src/bench/volume.sh [WORK_DIR]     (default /tmp/huntlake-bench-detect: shares detect.sh's data)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/large-day.sh" "${1:-}"

if [ ! -d "$work/lake/audit_events/event_date=$day" ]; then
  run ingest "$root/jobs/huntlake" ingest --date "$day" "${settings[@]}"
fi
run volume "$root/jobs/huntlake" volume --date "$day" "${settings[@]}"
run volume-rerun "$root/jobs/huntlake" volume --date "$day" "${settings[@]}"
printf 'log_volume_daily %s, report %s\n' "$(du -sh "$work/lake/log_volume_daily" | cut -f1)" \
  "$(du -h "$work/reports/volume/$day.html" | cut -f1)"
