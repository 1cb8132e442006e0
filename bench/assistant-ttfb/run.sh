#!/usr/bin/env bash
# Time to the first streamed byte that Atom's assistant adds over the provider: 50 concurrent chats (closed loop)
# against bench/ai-gateway/FakeProvider (a fast local fake streaming OpenAI chunks), first directly, then as
# assistant turns through Atom (an openai-compatible key pointing at the fake, personal API token as the bearer).
# A turn's first byte is its first `delta` event: the message stored, tools picked, the gateway's routing,
# budget check and ledger, the provider call and the first chunk translated and flushed. Prints both runs and a
# table with the p50/p99 Atom adds.
#
#   mvn -B -q -DskipTests package && bench/assistant-ttfb/run.sh
#   C=50 DURATION=15 WARMUP=5 PREWARM=20 bench/assistant-ttfb/run.sh   # the defaults
#   RATE=100 bench/assistant-ttfb/run.sh     # open loop: 100 turns/s spread over the C chats (as the gateway's bench)
#   SETUP_ONLY=1 bench/assistant-ttfb/run.sh  # start the fake and Atom, print ports and token, keep running
#   ATOM_JAR=/tmp/atom.jar                                            # the build to measure (default target/atom.jar)
#
# Needs java (JAVA_HOME or Temurin 25), curl, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jar=${ATOM_JAR:-target/atom.jar}
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
c=${C:-50} duration=${DURATION:-15} warmup=${WARMUP:-5} prewarm=${PREWARM:-20}
rate_args=()
[ -n "${RATE:-}" ] && rate_args=(--rate "$RATE")
work=$(mktemp -d /tmp/atom-ttfb-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url pid
  for _ in $(seq 900); do
    curl -s -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "process $2 exited; logs in $work" >&2; exit 1; }
    sleep 0.1
  done
  echo "timed out waiting for $1" >&2; exit 1
}
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

mkdir -p "$work/classes"
"${java%/java}/javac" -d "$work/classes" bench/ai-gateway/FakeProvider.java bench/assistant-ttfb/TtfbLoad.java
fake_port=$(free_port)
"$java" -Dsun.net.httpserver.maxIdleConnections=10000 -cp "$work/classes" FakeProvider "$fake_port" >"$work/fake.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$fake_port/v1/models" "${pids[-1]}"

atom_port=$(free_port)
ATOM_DATA_DIR=$work/atom ATOM_PORT=$atom_port ATOM_DB_URL= ATOM_HTTP_ALLOW_HOSTS=127.0.0.1:$fake_port \
  "$java" ${ATOM_JAVA_OPTS:-} -jar "$jar" >"$work/atom.log" 2>&1 &
atom_pid=$!
pids+=($atom_pid)
wait_for "http://127.0.0.1:$atom_port/actuator/health/readiness" "$atom_pid"
api="http://127.0.0.1:$atom_port/api/v1"
email="bench-$RANDOM@example.test"
curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\",\"name\":\"bench\"}" "$api/auth/signup" >/dev/null
access=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"correct horse battery staple\"}" "$api/auth/login" | json '["accessToken"]')
token=$(curl -sf -H "Authorization: Bearer $access" -H 'Content-Type: application/json' -d '{"name":"bench"}' "$api/tokens" | json '["token"]')
curl -sf -H "Authorization: Bearer $access" -H 'Content-Type: application/json' \
  -d "{\"provider\":\"openai-compatible\",\"name\":\"fake\",\"apiKey\":\"sk-fake-key\",\"baseUrl\":\"http://127.0.0.1:$fake_port/v1\",\"scope\":\"user\"}" \
  "$api/ai/keys" >/dev/null

if [ -n "${SETUP_ONLY:-}" ]; then # for profiling: print what the load generator needs, keep running
  echo "fake=$fake_port atom=$atom_port atom_pid=$atom_pid token=$token classes=$work/classes"
  wait "$atom_pid"
fi
echo "machine: $(nproc) cores, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $("$java" -version 2>&1 | head -1)"
load() { "$java" -cp "$work/classes" TtfbLoad "$@"; }
echo "warming up Atom for ${prewarm}s (c=$c, not measured)"
load --mode atom --base "http://127.0.0.1:$atom_port" --token "$token" -c "$c" -d "$prewarm" -w 0 >/dev/null
results=$work/results
load --mode direct --base "http://127.0.0.1:$fake_port" -c "$c" -d "$duration" -w "$warmup" "${rate_args[@]}" | tee -a "$results" | grep -v '^RESULT'
load --mode atom --base "http://127.0.0.1:$atom_port" --token "$token" -c "$c" -d "$duration" -w "$warmup" \
  "${rate_args[@]}" | tee -a "$results" | grep -v '^RESULT'
echo
echo "| target | turns | first byte p50 ms | p90 ms | p99 ms | added p50 ms | added p99 ms | errors |"
echo "|---|---|---|---|---|---|---|---|"
awk '/^RESULT/ {
  if ($2 == "direct") { p50 = $5; p99 = $7 }
  printf "| %s | %d | %.3f | %.3f | %.3f | %s | %s | %d |\n", $2, $4, $5 / 1000, $6 / 1000, $7 / 1000,
    ($2 == "direct" ? "" : sprintf("%+.3f", ($5 - p50) / 1000)),
    ($2 == "direct" ? "" : sprintf("%+.3f", ($7 - p99) / 1000)), $9
}' "$results"
