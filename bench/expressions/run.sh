#!/usr/bin/env bash
# Expression evaluator micro benchmark: Echo runs/s (3 template evaluations each) on 1 and 2 threads.
#   mvn -B -q -DskipTests compile && bench/expressions/run.sh [threads...]
#   SECONDS_PER_RUN=10 bench/expressions/run.sh 1 2 4
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -d target/classes/dev/atom/workflows/expr ] || { echo "build first: mvn -B -q -DskipTests compile" >&2; exit 1; }
work=$(mktemp -d /tmp/atom-expr-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=runtime >/dev/null 2>&1
cp="target/classes:$(cat "$work/cp.txt")"
"$JAVA_HOME/bin/javac" -d "$work" -cp "$cp" bench/expressions/ExpressionBench.java
"$JAVA_HOME/bin/java" -Dseconds="${SECONDS_PER_RUN:-5}" -cp "$work:$cp" ExpressionBench "$@"
