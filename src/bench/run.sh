# Sourced by the benchmarks: sets root, checks for GNU time, and defines machine and run (below).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1)"
}

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
