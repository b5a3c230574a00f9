#!/usr/bin/env bash
# Does the driver grow with the data? One slice of the large day (the k3s cluster edge-1: four
# hours of its audit log, its whole day of container logs, flows and Events), replicated 1x, 4x and
# 16x as distinct clusters (edge-1-r00, edge-1-r01, ...) whose audit events get distinct auditIDs,
# is ingested and detected on a standalone cluster (two workers, one core each, executors of 5 GB)
# by a client-mode driver whose heap is fixed at 1 GB. Per size: wall time, time per GB, the
# driver's peak RSS and the most it held after a full collection (heap histograms every 20 s).
#
#   src/bench/driver-flatness.sh [WORK_DIR]     (default /tmp/huntlake-bench-flat; data is reused)
set -euo pipefail
work="${1:-/tmp/huntlake-bench-flat}"
day=2026-11-01
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
mkdir -p "$work"
large_day   # sets large: the large day the slices are cut from

# replica R DEST: edge-1's slice as cluster edge-1-rR under DEST. Every auditID's first hex digit
# becomes R's, so replicas never share an event (ingest would store a repeated auditID once).
replica() {
  local r=$1 dest=$2 name; name=$(printf 'edge-1-r%02d' "$1")
  local digit; digit=$(printf '%x' "$r")
  for source in audit container flow events; do
    local from="$large/raw/$source/dt=$day/cluster=edge-1" to="$dest/$source/dt=$day/cluster=$name"
    mkdir -p "$to"
    if [ "$source" = audit ]; then
      mkdir -p "$to/webhook"
      for hour in 00 01 02 03; do
        zstd -dc "$from/webhook/batches-$hour.jsonl.zst" \
          | sed "s/\"auditID\":\"[0-9a-f]/\"auditID\":\"$digit/g" \
          | zstd -q -1 -o "$to/webhook/batches-$hour.jsonl.zst"
      done
    else
      cp -al "$from/." "$to/"   # hard links: container logs, flows and Events carry no shared key
    fi
  done
}

pool="$work/replicas"
if [ ! -f "$pool/done" ]; then
  rm -rf "$pool"
  for r in $(seq 0 15); do replica "$r" "$pool/r$r"; done
  touch "$pool/done"
fi
for n in 1 4 16; do
  if [ ! -d "$work/raw-$n" ]; then
    for r in $(seq 0 $((n - 1))); do mkdir -p "$work/raw-$n" && cp -al "$pool/r$r/." "$work/raw-$n/"; done
  fi
done

machine
cluster_start 2 1 6g
for n in 1 4 16; do
  raw="$work/raw-$n"
  bytes=$(find "$raw" -type f -print0 | xargs -0 -n 200 sh -c 'for f; do case "$f" in *.zst) zstd -dc "$f";; *.gz) gzip -dc "$f";; *) cat "$f";; esac; done' sh | wc -c)
  files=$(find "$raw" -type f | wc -l)
  settings=(--master "$master" --set "storage.raw=$raw" --set "storage.lake=$work/lake-$n"
            --set "storage.reports=$work/reports-$n" --set "storage.archive=$work/archive-$n"
            --set "spark.conf.spark.executor.memory=5g" --set "spark.conf.spark.cores.max=2")
  rm -rf "$work/lake-$n" "$work/reports-$n" "$work/archive-$n"
  for step in ingest detect; do
    run_driver "$step-$n" "$root/jobs/huntlake" "$step" --date "$day" "${settings[@]}"
    read -r seconds rss <"$work/$step-$n.time"
    printf '  %s %2dx: %d files, %.2f GB uncompressed, %.1f s, %.1f s per GB, driver peak RSS %.2f GB, live heap at most %s MB\n' \
      "$step" "$n" "$files" "$(echo "$bytes / 1000000000" | bc -l)" "$seconds" "$(echo "$seconds * 1000000000 / $bytes" | bc -l)" \
      "$(echo "$rss / 1000000" | bc -l)" "$(cat "$work/$step-$n.live")"
  done
done
