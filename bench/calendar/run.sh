#!/usr/bin/env bash
# Calendar read benchmarks (events of 10 calendars x 1 year; find-time over 10 attendees) on SQLite.
#   mvn -B -q -DskipTests compile && bench/calendar/run.sh
#   ITERATIONS=5000 bench/calendar/run.sh
#   CLASSES=/tmp/before-classes bench/calendar/run.sh   (another build's classes, for before/after runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
classes=${CLASSES:-target/classes}
[ -d "$classes/dev/atom/workspace/calendar" ] || { echo "build first: mvn -B -q -DskipTests compile" >&2; exit 1; }
work=$(mktemp -d /tmp/atom-calendar-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=runtime >/dev/null 2>&1
cp="$classes:$(cat "$work/cp.txt")"
"$JAVA_HOME/bin/javac" -d "$work" -cp "$cp" bench/calendar/CalendarBench.java
"$JAVA_HOME/bin/java" ${BENCH_OPTS:-} -Diterations="${ITERATIONS:-2000}" -cp "$work:$cp" dev.atom.workspace.calendar.CalendarBench
