#!/usr/bin/env bash
# Maintenance on one `--scale large` day: ingest it, find its delivery gaps, then
# `huntlake maintain` (compaction of the day's fragmented partitions, VACUUM), `huntlake archive`
# (every table's day as zstd Parquet with sha256 manifests) and `huntlake verify-archive` (every
# archived byte hashed again). Each command runs in its own JVM, as a scheduler would start it;
# wall time and peak RSS come from GNU time.
#
#   src/bench/maintain.sh [WORK_DIR]     (default /tmp/huntlake-bench-detect: shares detect.sh's data)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-/tmp/huntlake-bench-detect}"
day=2026-11-01
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

"$root/jobs/huntlake" --help >/dev/null   # build outside the measurement
if [ ! -f "$work/raw/manifest.json" ] || ! grep -q '"scale" : "large"' "$work/raw/manifest.json"; then
  "$root/jobs/huntlake" generate --out "$work/raw" --days 1 --start "$day" --scale large --seed 42 --overwrite | head -n 3
fi
raw_bytes=$(du -sb "$work/raw" | cut -f1)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1)"
printf 'input: one large day, %.2f GB on disk (%s)\n' "$(echo "$raw_bytes / 1000000000" | bc -l)" "$work/raw"

settings=(--set "storage.raw=$work/raw" --set "storage.lake=$work/lake" --set "storage.reports=$work/reports"
          --set "storage.archive=$work/archive")
run() {  # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 || { echo "$name failed:"; tail -n 20 "$work/$name.log"; exit 1; }
  read -r seconds rss <"$work/$name.time"
  printf '%-15s %7.1f s  peak RSS %5.2f GB  %s\n' "$name" "$seconds" "$(echo "$rss / 1000000" | bc -l)" \
    "$(grep -E "^($name|verify-archive:) " "$work/$name.log" | tail -n 1)"
}

rm -rf "$work/lake" "$work/reports" "$work/archive"
run ingest "$root/jobs/huntlake" ingest --date "$day" "${settings[@]}"
run gaps "$root/jobs/huntlake" gaps --date "$day" "${settings[@]}"
run maintain "$root/jobs/huntlake" maintain --date "$day" "${settings[@]}"
run archive "$root/jobs/huntlake" archive --date "$day" "${settings[@]}"
run verify-archive "$root/jobs/huntlake" verify-archive "${settings[@]}"
printf 'lake %s, archive %s\n' "$(du -sh "$work/lake" | cut -f1)" "$(du -sh "$work/archive" | cut -f1)"
