# Sourced by the benchmarks that work on one `--scale large` day (detect.sh, maintain.sh,
# volume.sh): sets root, work and day, builds the jar outside the measurement, generates the day
# unless WORK_DIR already holds it, and prints the machine and the input size.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/large-day.sh" "${1:-}"
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
