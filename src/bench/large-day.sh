# Sourced by the benchmarks that work on one `--scale large` day (detect.sh, maintain.sh,
# volume.sh, hunts.sh): sets work, day and the storage settings (root and run come from run.sh),
# builds the jar outside the measurement, generates the day unless WORK_DIR already holds it, and
# prints the machine and the input size.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/large-day.sh" "${1:-}"
work="${1:-/tmp/huntlake-bench-detect}"
day=2026-11-01
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

"$root/jobs/huntlake" --help >/dev/null   # build outside the measurement
if [ ! -f "$work/raw/manifest.json" ] || ! grep -q '"scale" : "large"' "$work/raw/manifest.json"; then
  "$root/jobs/huntlake" generate --out "$work/raw" --days 1 --start "$day" --scale large --seed 42 --overwrite | head -n 3
fi
raw_bytes=$(du -sb "$work/raw" | cut -f1)
machine
printf 'input: one large day, %.2f GB on disk (%s)\n' "$(echo "$raw_bytes / 1000000000" | bc -l)" "$work/raw"

settings=(--set "storage.raw=$work/raw" --set "storage.lake=$work/lake" --set "storage.reports=$work/reports"
          --set "storage.archive=$work/archive")

