# Sourced by the benchmarks that work on one `--scale large` day (detect.sh, maintain.sh,
# volume.sh): sets root, work, day and the storage settings, builds the jar outside the
# measurement, generates the day unless WORK_DIR already holds it, prints the machine and the input
# size, and defines run (below).
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

settings=(--set "storage.raw=$work/raw" --set "storage.lake=$work/lake" --set "storage.reports=$work/reports"
          --set "storage.archive=$work/archive")

# run NAME COMMAND...: the command in its own JVM under GNU time; prints wall time, peak RSS and the
# command's summary line (the one starting with NAME up to its first '-', or verify-archive's), and
# keeps the seconds in $work/NAME.seconds.
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 || { echo "$name failed:"; tail -n 20 "$work/$name.log"; exit 1; }
  read -r seconds rss <"$work/$name.time"
  printf '%-15s %7.1f s  peak RSS %5.2f GB  %s\n' "$name" "$seconds" "$(echo "$rss / 1000000" | bc -l)" \
    "$(grep -E "^(${name%%-*}|verify-archive:) " "$work/$name.log" | tail -n 1 | cut -c1-200)"
  echo "$seconds" >"$work/$name.seconds"
}
