#!/usr/bin/env bash
# Offline intent parser latency: p50/p90/p99 per parse over the evaluation set, cold (fresh JVM) and warm.
#   mvn -B -q -DskipTests compile && bench/assistant/run.sh
#   SECONDS_PER_RUN=20 bench/assistant/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -d target/classes/dev/atom/assistant/offline ] || { echo "build first: mvn -B -q -DskipTests compile" >&2; exit 1; }
work=$(mktemp -d /tmp/atom-parse-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=runtime >/dev/null 2>&1
cp="target/classes:$(cat "$work/cp.txt")"
"$JAVA_HOME/bin/javac" -d "$work" -cp "$cp" bench/assistant/ParseBench.java
"$JAVA_HOME/bin/java" -Dseconds="${SECONDS_PER_RUN:-10}" -cp "$work:$cp" ParseBench "$@"
