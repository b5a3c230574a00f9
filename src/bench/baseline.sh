#!/usr/bin/env bash
# Baseline cost against window length: times `huntlake baseline` with a 7- and a 28-day window over
# 40 days of daily feature tables (the demo lake's, repeated), in one warm Spark session.
#
#   src/bench/baseline.sh [SOURCE_LAKE]     (default demo-work/lake; run jobs/huntlake demo first)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source_lake="$(cd "${1:-$root/demo-work/lake}" && pwd)"
bench_lake="$(mktemp -d /tmp/huntlake-bench-baseline.XXXXXX)"
[ -d "$source_lake/user_activity_daily" ] || { echo "no daily feature tables in $source_lake: run jobs/huntlake demo first" >&2; exit 2; }

"$root/jobs/huntlake" --help >/dev/null   # build outside the measurement
cp="$root/target/huntlake-$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1).jar:$root/target/lib/*"
mkdir -p "$root/target/bench-classes"
javac -d "$root/target/bench-classes" -cp "$cp" "$root/src/bench/java/io/huntlake/bench/BaselineWindowBench.java"
jvm_options="$(sed -n 's/^huntlake\.jvm\.options=//p' "$root/jobs/jvm.properties")"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1)"
# shellcheck disable=SC2086
java -Xmx4g $jvm_options -Dlog4j2.configurationFile=log4j2-huntlake.properties \
  -cp "$cp:$root/target/bench-classes" io.huntlake.bench.BaselineWindowBench "$source_lake" "$bench_lake" 2>&1 | grep '^baseline'
rm -rf "$bench_lake"
