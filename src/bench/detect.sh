#!/usr/bin/env bash
# Detect against ingest on the same day: one `--scale large` day of all four clusters and all three
# sources, ingested with `huntlake ingest`, then every built-in rule run over it with
# `huntlake detect`. Each command runs in its own JVM, as a scheduler would start it; wall time and
# peak RSS come from GNU time. The issue's target: detect within 2x ingest.
#
#   src/bench/detect.sh [WORK_DIR]       (default /tmp/huntlake-bench-detect; generated data is reused)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/large-day.sh" "${1:-}"

rm -rf "$work/lake" "$work/reports"
run ingest "$root/jobs/huntlake" ingest --date "$day" "${settings[@]}"
run detect "$root/jobs/huntlake" detect --date "$day" "${settings[@]}"
i=$(cat "$work/ingest.seconds"); d=$(cat "$work/detect.seconds")
printf 'ratio: detect takes %.2fx the time of ingest (target: at most 2x)\n' "$(echo "$d / $i" | bc -l)"
