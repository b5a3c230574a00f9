# Sourced by the benchmarks that run on a Spark standalone cluster (driver-flatness.sh,
# many-files.sh): starts a master and WORKERS workers on loopback, each its own JVM, from the
# project's own dependency jars (target/lib), as StandaloneClusterIT does, and stops them on exit.
# Needs root, work and day (run.sh and the caller). Sets master (the spark:// URL).
#
#   cluster_start WORKERS CORES_PER_WORKER MEMORY_PER_WORKER
cluster_pids=()

cluster_stop() {
  for pid in "${cluster_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # Executors are the workers' children; a killed worker leaves none behind, but wait for them.
  sleep 2
  pkill -f "CoarseGrainedExecutorBackend.*$work" 2>/dev/null || true
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cluster_start() {
  local workers=$1 cores=$2 memory=$3
  [ -d "$root/target/lib" ] || (cd "$root" && mvn -B -q -o package -DskipTests) >/dev/null
  # Only the workers get SPARK_HOME: with it set, jobs/huntlake would go through spark-submit.
  local spark_home="$work/spark-home"
  rm -rf "$spark_home" && mkdir -p "$spark_home/jars"
  ln -s "$root"/target/lib/*.jar "$spark_home/jars/"
  local port ui; port=$(free_port); ui=$(free_port)
  local opens; opens=$(sed -n 's/^huntlake\.jvm\.options=//p' "$root/jobs/jvm.properties")
  java $opens -Xmx512m -cp "$spark_home/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "$ui" >"$work/master.log" 2>&1 &
  cluster_pids+=($!)
  trap cluster_stop EXIT
  for i in $(seq 1 "$workers"); do
    mkdir -p "$work/worker-$i"
    SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.12 \
      java $opens -Xmx512m -cp "$spark_home/jars/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "$cores" --memory "$memory" --webui-port "$(free_port)" \
      --work-dir "$work/worker-$i" "spark://127.0.0.1:$port" >"$work/worker-$i.log" 2>&1 &
    cluster_pids+=($!)
  done
  master="spark://127.0.0.1:$port"
  for _ in $(seq 1 60); do
    alive=$(curl -s "http://127.0.0.1:$ui/json/" | python3 -c 'import json,sys; print(sum(w["state"] == "ALIVE" for w in json.load(sys.stdin)["workers"]))' 2>/dev/null || echo 0)
    [ "$alive" = "$workers" ] && { echo "cluster: $master, $workers workers x $cores core(s), $memory each"; return; }
    sleep 1
  done
  echo "the standalone cluster did not start; see $work/master.log and $work/worker-*.log" >&2
  exit 1
}

# run_driver NAME COMMAND...: `run` (run.sh) with the driver's heap fixed at 1 GB; every 20 s a
# heap histogram (which forces a full collection) measures what the driver really holds. Prints
# the largest live heap seen and keeps it in $work/NAME.live (MB).
run_driver() {
  local name=$1; shift
  rm -f "$work/$name.histograms"
  ( while sleep 20; do
      pid=$(pgrep -f -- "-Dhuntlake.bench=$name " | head -n 1) || continue
      jcmd "$pid" GC.class_histogram 2>/dev/null | awk '/^Total/ {print $3}' >>"$work/$name.histograms"
    done ) &
  local sampler=$!
  HUNTLAKE_DRIVER_MEMORY=1g HUNTLAKE_JAVA_OPTS="-Dhuntlake.bench=$name " run "$name" "$@"
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  local live; live=$(sort -n "$work/$name.histograms" 2>/dev/null | tail -n 1)
  echo $(( ${live:-0} / 1000000 )) >"$work/$name.live"
  printf '%-15s driver live heap at most %d MB (%d samples)\n' "$name" "$(cat "$work/$name.live")" \
    "$(wc -l <"$work/$name.histograms" 2>/dev/null || echo 0)"
}

# large_day: builds the jar outside the measurement and sets large to the folder holding the
# `--scale large` day of detect.sh and the others (generated there unless present).
large_day() {
  large=/tmp/huntlake-bench-detect
  "$root/jobs/huntlake" --help >/dev/null
  if ! grep -qs '"scale" : "large"' "$large/raw/manifest.json"; then
    "$root/jobs/huntlake" generate --out "$large/raw" --days 1 --start "$day" --scale large --seed 42 --overwrite | head -n 3
  fi
}
