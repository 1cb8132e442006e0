#!/usr/bin/env bash
# Inbox benchmarks (issue 10): the inbox list over 100,000 messages (p50/p99 per query; SQLite, and PostgreSQL
# when ATOM_TEST_PG_URL/_USER/_PASSWORD are set) and a first IMAP sync of 10,000 messages from a local GreenMail.
#   mvn -B -q -DskipTests test-compile && bench/inbox/run.sh [list|sync|all]
#   -Dmessages / -Dqueries / -DpageSizes=500,2000 / -Drounds / -Dstore=sqlite through BENCH_OPTS, e.g. BENCH_OPTS='-Dmessages=20000' bench/inbox/run.sh list
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -d target/test-classes/dev/atom/workspace/inbox ] || { echo "build first: mvn -B -q -DskipTests test-compile" >&2; exit 1; }
what=${1:-all}
work=$(mktemp -d /tmp/atom-inbox-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null 2>&1
cp="target/classes:target/test-classes:$(cat "$work/cp.txt")"
"$JAVA_HOME/bin/javac" -nowarn -d "$work" -cp "$cp" bench/inbox/*.java
opts="${BENCH_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dlogback.configurationFile=/dev/null"
if [ "$what" = list ] || [ "$what" = all ]; then
  "$JAVA_HOME/bin/java" $opts -cp "$work:$cp" dev.atom.workspace.inbox.InboxListBench 2>&1 | grep -v ' INFO \| DEBUG '
fi
if [ "$what" = sync ] || [ "$what" = all ]; then
  "$JAVA_HOME/bin/java" $opts -cp "$work:$cp" dev.atom.connectors.email.ImapSyncBench 2>&1 | grep -v ' INFO \| DEBUG '
fi
