#!/usr/bin/env bash
# The daily analytics on the large day: `features`, `baseline` and `score` after `ingest`, each in
# its own JVM as a scheduler would start it (wall time and peak RSS from GNU time). Features read
# the day's events; baseline and score read only the daily feature tables, so the rows they read
# are printed too: their cost should not follow the raw bytes.
#
#   src/bench/analytics.sh [WORK_DIR]    (default /tmp/huntlake-bench-detect; generated data is reused)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/large-day.sh" "${1:-}"

rm -rf "$work/lake" "$work/reports"
run ingest "$root/jobs/huntlake" ingest --date "$day" "${settings[@]}"
for step in features baseline score; do
  run "$step" "$root/jobs/huntlake" "$step" --date "$day" "${settings[@]}"
done
