#!/usr/bin/env bash
# Search benchmark (issue 10): N generated items (default 1,000,000) in 100 workspaces indexed into Lucene the way
# a rebuild does, then permission-filtered queries (words, a typo, a phrase, type:), BM25 alone and hybrid
# (BM25 + vectors fused by RRF, the query embedded by the in-process model). Prints the indexing rate, the
# embedding rate of the real model, and p50/p99 per mode.
#
#   bench/search/run.sh                 # 1,000,000 items, 100,000 vectors, 2,000 queries per mode
#   bench/search/run.sh 200000 20000 500
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -B -q test-compile -Dspotless.check.skip=true
cp=target/search-bench.classpath
[ -f "$cp" ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
"$JAVA_HOME/bin/java" -Xmx${HEAP:-2g} -cp "target/classes:target/test-classes:$(cat "$cp")" \
  dev.atom.workspace.search.SearchBenchmark "${1:-1000000}" "${2:-100000}" "${3:-2000}"
