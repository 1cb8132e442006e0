#!/usr/bin/env bash
# Inbox benchmarks (issue 10): the inbox list over 100,000 messages (p50/p99 per query; SQLite, and PostgreSQL
# when ATOM_TEST_PG_URL/_USER/_PASSWORD are set) and a first IMAP sync of 10,000 messages from a local GreenMail.
#   mvn -B -q -DskipTests test-compile && bench/inbox/run.sh [list|sync|dovecot|all]
# dovecot: the same sync from a Dovecot on loopback (own config, maildir and port under a temp dir, stopped at
# exit); INSTALL_DOVECOT=1 installs the Debian package dovecot-imapd first if it is missing (nothing else does).
#   -Dmessages / -Dqueries / -DpageSizes=500,2000 / -Drounds / -Dstore=sqlite through BENCH_OPTS, e.g. BENCH_OPTS='-Dmessages=20000' bench/inbox/run.sh list
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -d target/test-classes/dev/atom/workspace/inbox ] || { echo "build first: mvn -B -q -DskipTests test-compile" >&2; exit 1; }
what=${1:-all}
work=$(mktemp -d /tmp/atom-inbox-bench.XXXXXX)
stop() {
  [ -f "$work/dovecot/run/master.pid" ] && kill "$(cat "$work/dovecot/run/master.pid")" 2>/dev/null && sleep 1
  rm -rf "$work"
}
trap stop EXIT
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
if [ "$what" = dovecot ]; then
  if ! command -v dovecot >/dev/null; then
    [ "${INSTALL_DOVECOT:-}" = 1 ] || { echo "no dovecot: INSTALL_DOVECOT=1 $0 dovecot installs dovecot-imapd" >&2; exit 1; }
    apt-get install -y -q dovecot-imapd >/dev/null
  fi
  d="$work/dovecot"
  mkdir -p "$d/run" "$d/state" "$d/home/ann/Maildir/new" "$d/home/ann/Maildir/cur" "$d/home/ann/Maildir/tmp"
  chmod 755 "$work" "$d" && chmod -R a+rwX "$d/home" # the mail user is nobody
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  echo "ann:{PLAIN}secret-pass" >"$d/passwd"
  cat >"$d/dovecot.conf" <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $d/run
state_dir = $d/state
log_path = $d/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $d/passwd
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=$d/home/%n
}
first_valid_uid = 1
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
EOF
  dovecot -c "$d/dovecot.conf"
  echo "Dovecot $(dovecot --version) on 127.0.0.1:$port; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$JAVA_HOME/bin/java" $opts -Dmaildir="$d/home/ann/Maildir" -DimapPort="$port" -cp "$work:$cp" \
    dev.atom.connectors.email.ImapSyncBench 2>&1 | grep -v ' INFO \| DEBUG '
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
