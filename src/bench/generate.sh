#!/usr/bin/env bash
# Measures `huntlake generate`: wall time, uncompressed MB/s and peak RSS, per scale.
#
#   src/bench/generate.sh [large|medium|small] [DAYS] [OUT_DIR]
#
# Prints one line per run; copy the numbers, with the machine line it prints, into docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scale="${1:-large}"
days="${2:-1}"
out="${3:-$(mktemp -d /tmp/huntlake-bench-generate.XXXXXX)}"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1)"
"$root/jobs/huntlake" --help >/dev/null   # build outside the measurement
/usr/bin/time -f "%e %M" -o "$out.time" "$root/jobs/huntlake" generate --out "$out" --days "$days" --scale "$scale" --seed 42 --overwrite >"$out.log"
read -r seconds rss_kb <"$out.time"
bytes=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(sum(f['uncompressed_bytes'] for f in m['files']))" "$out/manifest.json")
audit=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(sum(f['uncompressed_bytes'] for f in m['files'] if f['source']=='audit'))" "$out/manifest.json")
stored=$(du -sb "$out" | cut -f1)
awk -v s="$seconds" -v b="$bytes" -v a="$audit" -v st="$stored" -v r="$rss_kb" -v sc="$scale" -v d="$days" 'BEGIN {
  printf "generate scale=%s days=%s: %.1f s, %.2f GB uncompressed (audit %.2f GB), %.2f GB on disk, %.0f MB/s, peak RSS %.1f GB\n",
    sc, d, s, b/1e9, a/1e9, st/1e9, b/1e6/s, r/1e6 }'
rm -rf "$out" "$out.time" "$out.log"
