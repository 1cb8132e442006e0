#!/usr/bin/env bash
# Gateway overhead: the same chat completion sent directly to a fake OpenAI-protocol provider, through Atom
# (an openai-compatible key pointing at the fake, personal API token as the bearer) and through Portkey's
# open-source gateway (npm @portkey-ai/gateway 1.15.2, installed into a temp dir outside the repo, never
# committed), at concurrency 1, 50 and 200 (closed loop) and at a fixed 500 requests/s (open loop, 50
# connections). Prints every run and a table of requests/s and the p50/p99 added to the direct figures.
#
#   mvn -B -q -DskipTests package && bench/ai-gateway/run.sh
#   DURATION=15 WARMUP=5 bench/ai-gateway/run.sh     # seconds per run (default 15) and warm-up (default 5)
#   SKIP_PORTKEY=1 bench/ai-gateway/run.sh           # Atom only
#   PREWARM=30                                       # seconds of unmeasured c=50 load per gateway first
#   SETUP_ONLY=1 SKIP_PORTKEY=1 bench/ai-gateway/run.sh  # start fake + Atom, print ports and token, keep running
#   BASELINE_JAR=/tmp/old.jar bench/ai-gateway/run.sh   # also an older build ("atom-before"), same run
#   ATOM_JAR=/tmp/new.jar                            # the build to measure (default target/atom.jar)
#   RUNS='-c 1;-c 50 --rate 500'                     # which loads (default: c=1, c=50, c=200, 500 req/s)
#
# Needs java (JAVA_HOME or Temurin 25), curl, python3, node + npm (for Portkey).
set -euo pipefail
cd "$(dirname "$0")/../.."
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jar=${ATOM_JAR:-target/atom.jar}
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
duration=${DURATION:-15}
warmup=${WARMUP:-5}
work=$(mktemp -d /tmp/atom-gw-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url pid
  for _ in $(seq 600); do
    curl -s -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "process $2 exited; logs in $work" >&2; exit 1; }
    sleep 0.1
  done
  echo "timed out waiting for $1" >&2; exit 1
}
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# The fake provider and the load generator, compiled once.
mkdir -p "$work/classes"
"${java%/java}/javac" -d "$work/classes" bench/ai-gateway/FakeProvider.java bench/ai-gateway/LoadGen.java
fake_port=$(free_port)
"$java" -Dsun.net.httpserver.maxIdleConnections=10000 -cp "$work/classes" FakeProvider "$fake_port" >"$work/fake.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$fake_port/v1/models" "${pids[-1]}"

# Atom: fresh SQLite data dir, the fake allowed as a key's base URL. start_atom JAR NAME sets atom_port,
# atom_pid and token.
start_atom() {
  local jar=$1 name=$2
  atom_port=$(free_port)
  ATOM_DATA_DIR=$work/$name ATOM_PORT=$atom_port ATOM_DB_URL= ATOM_HTTP_ALLOW_HOSTS=127.0.0.1:$fake_port \
    "$java" ${ATOM_JAVA_OPTS:-} -jar "$jar" >"$work/$name.log" 2>&1 &
  atom_pid=$!
  pids+=($atom_pid)
  wait_for "http://127.0.0.1:$atom_port/actuator/health/readiness" "$atom_pid"
  local api="http://127.0.0.1:$atom_port/api/v1"
  local email="bench-$RANDOM@example.test"
  curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\",\"name\":\"bench\"}" "$api/auth/signup" >/dev/null
  local access
  access=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\"}" "$api/auth/login" | json '["accessToken"]')
  token=$(curl -sf -H "Authorization: Bearer $access" -H 'Content-Type: application/json' -d '{"name":"bench"}' "$api/tokens" | json '["token"]')
  curl -sf -H "Authorization: Bearer $access" -H 'Content-Type: application/json' \
    -d "{\"provider\":\"openai-compatible\",\"name\":\"fake\",\"apiKey\":\"sk-fake-key\",\"baseUrl\":\"http://127.0.0.1:$fake_port/v1\",\"scope\":\"user\"}" \
    "$api/ai/keys" >/dev/null
  local check
  check=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d @"$work/atom.json" "http://127.0.0.1:$atom_port/v1/chat/completions")
  [ "$check" = 200 ] || { echo "$name answered $check; log: $work/$name.log" >&2; cat "$work/$name.log" >&2; exit 1; }
}
body='{"model":"%s","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello in five words."}],"max_tokens":32,"temperature":0}'
printf "$body" fake-model >"$work/direct.json"
printf "$body" fake/fake-model >"$work/atom.json"
# BASELINE_JAR=/path/to/an/older/atom.jar: also measures that build ("atom-before") in the same run.
before_port=
if [ -n "${BASELINE_JAR:-}" ]; then
  start_atom "$BASELINE_JAR" atom-before
  before_port=$atom_port before_token=$token
fi
start_atom "$jar" atom
if [ -n "${SETUP_ONLY:-}" ]; then # for profiling: print what a load generator needs, keep running
  echo "fake=$fake_port atom=$atom_port atom_pid=$atom_pid token=$token body=$work/atom.json classes=$work/classes"
  wait "$atom_pid"
fi

# Portkey, from the npm registry into the temp dir (outside the repository).
portkey_port=
if [ -z "${SKIP_PORTKEY:-}" ]; then
  (cd "$work" && npm install --silent --no-audit --no-fund --prefix "$work/portkey" @portkey-ai/gateway@1.15.2 >/dev/null 2>&1)
  portkey_port=$(free_port)
  (cd "$work/portkey" && NODE_ENV=production exec node node_modules/@portkey-ai/gateway/build/start-server.js \
    --port="$portkey_port" --headless >"$work/portkey.log" 2>&1) &
  pids+=($!)
  wait_for "http://127.0.0.1:$portkey_port/" "${pids[-1]}"
fi

echo "machine: $(nproc) cores, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $("$java" -version 2>&1 | head -1); node: $(node --version 2>/dev/null || echo none)"
results=$work/results
load() { # label url body-file extra-args...
  local label=$1 url=$2 file=$3; shift 3
  "$java" -cp "$work/classes" LoadGen --url "$url" --body-file "$file" -d "$duration" -w "$warmup" \
    --label "$label" "$@" | tee -a "$results" | grep -v '^RESULT'
}
# JIT warm-up (not measured): Atom needs some 10^5 requests before its p50 settles; Portkey gets the same.
warm=${PREWARM:-30}
echo "warming up Atom${before_port:+, the baseline}${portkey_port:+ and Portkey} for ${warm}s each (c=50, not measured)"
if [ -n "$before_port" ]; then
  "$java" -cp "$work/classes" LoadGen --url "http://127.0.0.1:$before_port/v1/chat/completions" \
    --body-file "$work/atom.json" -H "Authorization: Bearer $before_token" -c 50 -d "$warm" -w 0 \
    --label warm-before >/dev/null
fi
"$java" -cp "$work/classes" LoadGen --url "http://127.0.0.1:$atom_port/v1/chat/completions" --body-file "$work/atom.json" \
  -H "Authorization: Bearer $token" -c 50 -d "$warm" -w 0 --label warm-atom >/dev/null
if [ -n "$portkey_port" ]; then
  "$java" -cp "$work/classes" LoadGen --url "http://127.0.0.1:$portkey_port/v1/chat/completions" \
    --body-file "$work/direct.json" -H "x-portkey-provider: openai" \
    -H "x-portkey-custom-host: http://127.0.0.1:$fake_port/v1" -H "Authorization: Bearer sk-fake-key" \
    -c 50 -d "$warm" -w 0 --label warm-portkey >/dev/null
fi
IFS=';' read -ra runs <<<"${RUNS:--c 1;-c 50;-c 200;-c 50 --rate 500}"
for run in "${runs[@]}"; do
  # shellcheck disable=SC2086
  load direct "http://127.0.0.1:$fake_port/v1/chat/completions" "$work/direct.json" $run
  # shellcheck disable=SC2086
  load atom "http://127.0.0.1:$atom_port/v1/chat/completions" "$work/atom.json" \
    -H "Authorization: Bearer $token" $run
  if [ -n "$before_port" ]; then
    # shellcheck disable=SC2086
    load atom-before "http://127.0.0.1:$before_port/v1/chat/completions" "$work/atom.json" \
      -H "Authorization: Bearer $before_token" $run
  fi
  if [ -n "$portkey_port" ]; then
    # shellcheck disable=SC2086
    load portkey "http://127.0.0.1:$portkey_port/v1/chat/completions" "$work/direct.json" \
      -H "x-portkey-provider: openai" -H "x-portkey-custom-host: http://127.0.0.1:$fake_port/v1" \
      -H "Authorization: Bearer sk-fake-key" $run
  fi
done

echo
echo "| load | target | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | errors |"
echo "|---|---|---|---|---|---|---|---|"
awk '/^RESULT/ {
  key = $3 " " $4; load = ($4 > 0 ? $4 " req/s, c=" $3 : "c=" $3)
  if ($2 == "direct") { p50[key] = $6; p99[key] = $8 }
  printf "| %s | %s | %d | %.3f | %.3f | %s | %s | %d |\n", load, $2, $5, $6 / 1000, $8 / 1000,
    ($2 == "direct" ? "" : sprintf("%+.3f", ($6 - p50[key]) / 1000)),
    ($2 == "direct" ? "" : sprintf("%+.3f", ($8 - p99[key]) / 1000)), $11
}' "$results"
