#!/usr/bin/env bash
# Maintenance on one `--scale large` day: ingest it, find its delivery gaps, then
# `huntlake maintain` (compaction of the day's fragmented partitions, VACUUM), `huntlake archive`
# (every table's day as zstd Parquet with sha256 manifests) and `huntlake verify-archive` (every
# archived byte hashed again). Each command runs in its own JVM, as a scheduler would start it;
# wall time and peak RSS come from GNU time.
#
#   src/bench/maintain.sh [WORK_DIR]     (default /tmp/huntlake-bench-detect: shares detect.sh's data)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/large-day.sh" "${1:-}"

rm -rf "$work/lake" "$work/reports" "$work/archive"
run ingest "$root/jobs/huntlake" ingest --date "$day" "${settings[@]}"
run gaps "$root/jobs/huntlake" gaps --date "$day" "${settings[@]}"
run maintain "$root/jobs/huntlake" maintain --date "$day" "${settings[@]}"
run archive "$root/jobs/huntlake" archive --date "$day" "${settings[@]}"
run verify-archive "$root/jobs/huntlake" verify-archive "${settings[@]}"
printf 'lake %s, archive %s\n' "$(du -sh "$work/lake" | cut -f1)" "$(du -sh "$work/archive" | cut -f1)"
