#!/usr/bin/env bash
# A day of 100,000 small files: one cluster's container logs as the kubelet leaves them, one file
# per pod container (<pod>_<namespace>_<container>-<id>.log under 1,000 node folders), ten CRI
# lines each, cut from the large day's real CRI lines. Ingested on a standalone cluster (two
# workers, one core each) by a client-mode driver whose heap is fixed at 1 GB, then the same day by
# a local run for comparison. Prints wall time, the driver's peak RSS and heap after GC, and the
# ingest summary (files, rows, rejects: they must reconcile).
#
#   src/bench/many-files.sh [WORK_DIR] [FILES]   (default /tmp/huntlake-bench-files, 100000)
set -euo pipefail
work="${1:-/tmp/huntlake-bench-files}"
count="${2:-100000}"
day=2026-11-01
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
mkdir -p "$work"
large_day   # sets large: the large day the slices are cut from

raw="$work/raw"
if [ ! -f "$work/raw.done" ] || [ "$(cat "$work/raw.done")" != "$count" ]; then
  rm -rf "$raw"
  find "$large/raw/container/dt=$day/cluster=prod-eu-1" -name '*.log' -print0 | xargs -0 cat \
    | python3 -c '
import os, sys, hashlib
count, out = int(sys.argv[1]), sys.argv[2]
lines = [l for l in sys.stdin.buffer if l[:4] == b"2026"]
for i in range(count):
    node = os.path.join(out, "node=worker-%03d" % (i % 1000))
    os.makedirs(node, exist_ok=True)
    pod = "app-%d-7d9f8c-%05d" % (i % 500, i)
    container = "app-%s" % hashlib.sha256(pod.encode()).hexdigest()
    start = (i * 10) % (len(lines) - 10)
    with open(os.path.join(node, "%s_team-%d_%s.log" % (pod, i % 200, container)), "wb") as f:
        f.writelines(lines[start:start + 10])
' "$count" "$raw/container/dt=$day/cluster=big-1"
  echo "$count" >"$work/raw.done"
fi
files=$(find "$raw" -type f | wc -l)
bytes=$(du -sb --apparent-size "$raw" | cut -f1)
machine
printf 'input: %d files, %.1f MB, in %d node folders\n' "$files" "$(echo "$bytes / 1000000" | bc -l)" \
  "$(find "$raw" -mindepth 4 -maxdepth 4 -type d | wc -l)"

settings=(--set "storage.raw=$raw" --set "storage.reports=$work/reports" --set "storage.archive=$work/archive")
cluster_start 2 1 6g
rm -rf "$work/lake-cluster"
run_driver ingest-cluster "$root/jobs/huntlake" ingest --source container --date "$day" --master "$master" \
  "${settings[@]}" --set "storage.lake=$work/lake-cluster" \
  --set "spark.conf.spark.executor.memory=5g" --set "spark.conf.spark.cores.max=2"
cluster_stop
rm -rf "$work/lake-local"
run_driver ingest-local "$root/jobs/huntlake" ingest --source container --date "$day" \
  "${settings[@]}" --set "storage.lake=$work/lake-local"
