#!/usr/bin/env bash
# Start-up time and idle memory, the way a user starts Atom against the plain `java -jar`, A/B interleaved
# (A B A B ...) so that the machine's noise hits both alike: A = java ${BASELINE_JAVA_OPTS} -jar
# ${BASELINE_JAR:-target/atom.jar}, B = ./atom run (the launcher: extracted jar, JVM AOT cache, heap settings;
# see the launcher's comments). Each start gets a fresh temporary data dir (SQLite) and a free port; start-up
# is the time from launch to the first 200 from /actuator/health, idle memory is VmRSS (and its anonymous
# part, RssAnon) IDLE seconds later (default 30). Before the counted runs, one ./atom run start is made and
# reported on its own: the first start after a build trains the AOT cache.
#   mvn -B -q -DskipTests package && bench/startup.sh [runs per side, default 5]
#   BASELINE_JAR=/tmp/old.jar bench/startup.sh 5      # A = an older build
#   ONLY=b bench/startup.sh 3                          # just the launcher
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
idle=${IDLE:-30}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jar=target/atom.jar
base=${BASELINE_JAR:-$jar}
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { awk -v k="$1" '$1 == k":" {print int($2 / 1024)}' "/proc/$2/status"; }

# start SIDE: prints "ms rss anon"
start() {
  local side=$1 dir port t0 pid ms rss anon
  dir=$(mktemp -d /tmp/atom-bench.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  t0=$(date +%s%N)
  if [ "$side" = a ]; then
    ATOM_DATA_DIR=$dir ATOM_PORT=$port ATOM_DB_URL= "$java" ${BASELINE_JAVA_OPTS:-} -jar "$base" >"$dir/log" 2>&1 &
  else
    ATOM_DATA_DIR=$dir ATOM_PORT=$port ATOM_DB_URL= ./atom run >"$dir/log" 2>&1 &
  fi
  pid=$!  # ./atom run execs java: the same pid
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "atom exited; log: $dir/log" >&2; exit 1; }
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  sleep "$idle"
  rss=$(field VmRSS "$pid"); anon=$(field RssAnon "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
  echo "$ms $rss $anon"
}

echo "# $(date -u +%FT%TZ) on $(nproc) cores, $(uptime | sed 's/.*load/load/')"
echo "# A: java ${BASELINE_JAVA_OPTS:-}-jar $base; B: ./atom run; idle ${idle} s; $("$java" -version 2>&1 | head -1)"
read -r ms rss anon < <(start b)
echo "first ./atom run after the build (trains the AOT cache if needed): ready in ${ms} ms, RSS ${rss} MiB"
a_ms=(); a_rss=(); a_anon=(); b_ms=(); b_rss=(); b_anon=(); ratios=()
for i in $(seq "$runs"); do
  line="run $i:"
  if [ "${ONLY:-}" != b ]; then
    read -r ms rss anon < <(start a); a_ms+=("$ms"); a_rss+=("$rss"); a_anon+=("$anon")
    line="$line A ready ${ms} ms, RSS ${rss} MiB (anon ${anon});"
  fi
  read -r ms rss anon < <(start b); b_ms+=("$ms"); b_rss+=("$rss"); b_anon+=("$anon")
  line="$line B ready ${ms} ms, RSS ${rss} MiB (anon ${anon})"
  if [ "${ONLY:-}" != b ]; then
    ratios+=("$(awk -v a="${a_ms[-1]}" -v b="$ms" 'BEGIN {printf "%.2f", a / b}')")
    line="$line; A/B start-up ${ratios[-1]}"
  fi
  echo "$line load $(cut -d' ' -f1 /proc/loadavg)"
done
m() { printf '%s\n' "$@" | median; }
[ "${ONLY:-}" = b ] || echo "median A (java -jar): ready in $(m "${a_ms[@]}") ms, RSS $(m "${a_rss[@]}") MiB (anon $(m "${a_anon[@]}"))"
echo "median B (./atom run): ready in $(m "${b_ms[@]}") ms, RSS $(m "${b_rss[@]}") MiB (anon $(m "${b_anon[@]}"))"
[ "${ONLY:-}" = b ] || echo "median of the pairwise start-up ratios A/B: $(m "${ratios[@]}") ($runs pairs)"
