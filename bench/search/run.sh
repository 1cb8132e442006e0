#!/usr/bin/env bash
# Search benchmark (issue 10): N generated items (default 1,000,000) in 100 workspaces indexed into Lucene the way
# a rebuild does, then permission-filtered queries (words, a typo, a phrase, type:), BM25 alone and hybrid
# (BM25 + vectors fused by RRF, the query embedded by the in-process model). Prints the indexing rate, the
# embedding rate of the real model, p50/p99 per mode, and the load average before and after.
#
#   bench/search/run.sh                 # 1,000,000 items, 100,000 vectors, 2,000 queries per mode
#   bench/search/run.sh 200000 20000 500
#   BENCH_INDEX=/tmp/idx bench/search/run.sh 1000000 20000 1000   # build once into /tmp/idx, reuse after
#   JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/s.jfr' bench/search/run.sh ...   # profile with JFR
#   BENCH_CLASSES=/tmp/other/classes bench/search/run.sh ...       # put other search classes first (A/B)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -n "${BENCH_SKIP_COMPILE:-}" ] || mvn -B -q test-compile -Dspotless.check.skip=true
cp=target/search-bench.classpath
[ -f "$cp" ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
first=${BENCH_CLASSES:+$BENCH_CLASSES:}
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xmx${HEAP:-2g} ${JAVA_OPTS:-} -cp "${first}target/classes:target/test-classes:$(cat "$cp")" \
  dev.atom.workspace.search.SearchBenchmark "${1:-1000000}" "${2:-100000}" "${3:-2000}"
