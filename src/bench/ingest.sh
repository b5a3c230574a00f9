#!/usr/bin/env bash
# Ingest benchmark: HuntLake's full audit ingest side by side, in one run, with what a user would
# write instead (Spark's JSON reader with inference, seven columns, Delta) and with DuckDB
# (read_json_auto to Parquet), over the same files, for two shapes of data:
#   large-day  one day of --scale large audit logs of the kubeadm cluster (log-backend JSON lines,
#              gzip; mostly Metadata-level events of about 900 bytes);
#   req-resp   a day of RequestResponse-level events from a separate generator (RequestResponseDay:
#              pods, lists, config maps, deployments; objects up to ~40 KB, median line 6 KB).
#   container  a day of kubelet CRI container logs from a separate generator (ContainerFlowDay: JSON
#              and access-log lines, stack traces, long lines split into partial records; 768 MB);
#   flow       the same generator's Cilium Hubble flows (gzip JSON lines of about 1.1 KB; 512 MB).
# DuckDB runs on the two audit shapes (its JSON reader is the moonshot there); the naive Spark
# contender reads container logs as text with regular expressions and flows with the JSON reader.
# Each contender runs in its own JVM; wall time and peak RSS come from GNU time.
#
#   src/bench/ingest.sh [WORK_DIR]       (default /tmp/huntlake-bench; the generated data is reused)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-/tmp/huntlake-bench}"
day=2026-11-01
duckdb_version=1.4.4.0
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

"$root/jobs/huntlake" --help >/dev/null   # build outside the measurement
if [ ! -f "$work/raw/manifest.json" ] || ! grep -q '"scale" : "large"' "$work/raw/manifest.json"; then
  "$root/jobs/huntlake" generate --out "$work/raw" --days 1 --start "$day" --scale large --seed 42 --overwrite | head -n 3
fi

# Bench classes and DuckDB's JDBC driver stay out of the product's build.
mkdir -p "$root/target/bench-lib" "$root/target/bench-classes"
[ -f "$root/target/bench-lib/duckdb_jdbc-$duckdb_version.jar" ] || \
  (cd "$root" && mvn -q -B dependency:copy -Dartifact="org.duckdb:duckdb_jdbc:$duckdb_version" -DoutputDirectory=target/bench-lib)
cp="$root/target/huntlake-$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1).jar:$root/target/lib/*:$root/target/bench-lib/*"
javac -q -d "$root/target/bench-classes" -cp "$cp" "$root"/src/bench/java/io/huntlake/bench/*.java 2>/dev/null || \
  javac -d "$root/target/bench-classes" -cp "$cp" "$root"/src/bench/java/io/huntlake/bench/*.java
jvm_options="$(sed -n 's/^huntlake\.jvm\.options=//p' "$root/jobs/jvm.properties")"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1)"

run() {  # name, command... (input_bytes: the shape's uncompressed size)
  local name=$1; shift
  rm -rf "$work/out-$name"
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 || { echo "$name failed:"; tail -n 20 "$work/$name.log"; exit 1; }
  read -r seconds rss <"$work/$name.time"
  rows=$(grep -o 'rows=[0-9]*' "$work/$name.log" | head -n 1 | cut -d= -f2)
  printf '%-9s %7.1f s  %7.1f MB/s  %9.0f events/s  peak RSS %5.2f GB  rows %s\n' "$name" "$seconds" \
    "$(echo "$input_bytes / 1000000 / $seconds" | bc -l)" "$(echo "$rows / $seconds" | bc -l)" "$(echo "$rss / 1000000" | bc -l)" "$rows"
  echo "$seconds" >"$work/$name.seconds"
}

shape() {  # label, raw root, day, cluster, source (audit, container or flow)
  local label=$1 raw=$2 on=$3 cluster=$4 source=${5:-audit}
  local folder="$raw/$source/dt=$on/cluster=$cluster"
  mapfile -t files < <(find "$folder" -type f | sort)
  input_bytes=$(for f in "${files[@]}"; do gzip -dcf "$f"; done | wc -c)
  printf '\n%s: %d files, %.0f MB uncompressed (%s)\n' "$label" "${#files[@]}" "$(echo "$input_bytes / 1000000" | bc -l)" "$folder"
  run "huntlake" "$root/jobs/huntlake" ingest --date "$on" --source "$source" --set "storage.raw=$raw" \
    --set "storage.lake=$work/out-huntlake" --set "sources.$source.path={raw}/$source/dt={date}/cluster=$cluster"
  # shellcheck disable=SC2086
  run "naive" java -Xmx6g $jvm_options -cp "$cp:$root/target/bench-classes" io.huntlake.bench.NaiveSparkIngest "$source" "$work/out-naive" "${files[@]}"
  h=$(cat "$work/huntlake.seconds"); n=$(cat "$work/naive.seconds")
  if [ "$source" != audit ]; then
    printf 'ratio (%s): huntlake is %.2fx naive Spark\n' "$label" "$(echo "$n / $h" | bc -l)"
    return
  fi
  run "duckdb" java -Xmx6g -cp "$cp:$root/target/bench-classes" io.huntlake.bench.DuckDbIngest "$work/out-duckdb.parquet" "${files[@]}"
  d=$(cat "$work/duckdb.seconds")
  printf 'ratios (%s): huntlake is %.2fx naive Spark; DuckDB is %.2fx huntlake\n' "$label" "$(echo "$n / $h" | bc -l)" "$(echo "$h / $d" | bc -l)"
}

shape large-day "$work/raw" "$day" prod-eu-1
# Memory stays flat: the same day with the heap capped at 1.5 GB.
run "huntlake-1.5g" env HUNTLAKE_DRIVER_MEMORY=1536m "$root/jobs/huntlake" ingest --date "$day" --source audit \
  --set "storage.raw=$work/raw" --set "storage.lake=$work/out-huntlake-1.5g" \
  --set "sources.audit.path={raw}/audit/dt={date}/cluster=prod-eu-1"
[ -d "$work/rr/audit" ] || java -cp "$cp:$root/target/bench-classes" io.huntlake.bench.RequestResponseDay "$work/rr" 1024 7
shape req-resp "$work/rr" 2026-11-02 rr-1
[ -d "$work/cf/container" ] || java -cp "$cp:$root/target/bench-classes" io.huntlake.bench.ContainerFlowDay "$work/cf" 768 512 9
shape container "$work/cf" 2026-11-03 cf-1 container
shape flow "$work/cf" 2026-11-03 cf-1 flow
