#!/usr/bin/env bash
# Start-up time and idle memory of the built jar: starts target/atom.jar N times (default 5) with a fresh
# temporary data dir (SQLite) on a free port, measures the time from launch to the first 200 from
# /actuator/health/readiness, then lets it idle for IDLE seconds (default 5) and reads VmRSS from
# /proc/<pid>/status. Prints each run and the medians.
#   mvn -B -q -DskipTests package && bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
idle=${IDLE:-5}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jar=target/atom.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

starts=(); rss=()
for i in $(seq "$runs"); do
  dir=$(mktemp -d /tmp/atom-bench.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  t0=$(date +%s%N)
  ATOM_DATA_DIR=$dir ATOM_PORT=$port ATOM_DB_URL= "$java" ${ATOM_JAVA_OPTS:-} -jar "$jar" >"$dir/log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "atom exited; log: $dir/log" >&2; exit 1; }
    sleep 0.05
  done
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  sleep "$idle"
  kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
  echo "run $i: ready in ${ms} ms, idle RSS $(( kb / 1024 )) MiB"
  starts+=("$ms"); rss+=("$(( kb / 1024 ))")
done
echo "median: ready in $(printf '%s\n' "${starts[@]}" | median) ms, idle RSS $(printf '%s\n' "${rss[@]}" | median) MiB ($runs runs)"
