#!/bin/bash
# The outbox on PostgreSQL (so several machines can share one queue): a server from the Debian
# package on a free loopback port, two schedulers started together against it send each
# delivery once, and `outbox list` reads the shared queue. The password comes from the
# environment and is never printed.
#
# usage: delivery_postgresql.sh <evalreport binary> <source dir>
source "$(dirname "$0")/delivery_lib.sh" "$@"
PGBIN=/usr/lib/postgresql/15/bin
chmod 755 "$WORK"
AS=()
if [ "$(id -u)" = 0 ]; then  # PostgreSQL refuses to run as root
    AS=(runuser -u postgres --)
    mkdir -p "$WORK/pg"
    chown postgres: "$WORK/pg"
fi
stop_pg() { if [ -f "$WORK/pg/db/postmaster.pid" ]; then "${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/db" -m fast -w stop >/dev/null 2>&1 || true; fi; }
trap 'stop_pg; cleanup' EXIT

PGPORT=$(free_port)
PASSWORD="outbox-$RANDOM-$RANDOM"
printf '%s\n' "$PASSWORD" >"$WORK/pg/pwfile"
chmod 644 "$WORK/pg/pwfile"
"${AS[@]}" "$PGBIN/initdb" -D "$WORK/pg/db" -U evalreport --pwfile="$WORK/pg/pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
rm -f "$WORK/pg/pwfile"
"${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/db" -w -t 60 -l "$WORK/pg/server.log" -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
"$PGBIN/pg_isready" -h 127.0.0.1 -p "$PGPORT" -t 30 >/dev/null
PGPASSWORD="$PASSWORD" psql -X -q -h 127.0.0.1 -p "$PGPORT" -U evalreport -d postgres -c "CREATE DATABASE outbox"
export TEST_OUTBOX_PASSWORD="$PASSWORD"

PORT=$(free_port)
start_smtp mail "$PORT" --reject afvist
S="$WORK/s"
write_schedule "$S" "$PORT"
sed -i "s|^state: state/outbox.db$|state:\n  postgresql: {host: 127.0.0.1, port: $PGPORT, dbname: outbox, user: evalreport, password_env: TEST_OUTBOX_PASSWORD}|" "$S/schedule.yaml"
grep -q "postgresql:" "$S/schedule.yaml" || fail "schedule not pointed at PostgreSQL"

set +e
"$BIN" schedule "$S/schedule.yaml" --once --at 2024-04-05T07:00 >"$WORK/one.log" 2>&1 &
p1=$!
"$BIN" schedule "$S/schedule.yaml" --once --at 2024-04-05T07:00 >"$WORK/two.log" 2>&1 &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
set -e
# The one that sent reports the rejected recipient (1); the other found the run done (0).
[ "$((r1 + r2))" = 1 ] || fail "exit codes $r1 $r2 (expected 1 and 0): $(cat "$WORK/one.log" "$WORK/two.log")"
grep -q NOTICE "$WORK/one.log" "$WORK/two.log" && fail "server notices leak into the output"
[ "$(accepted_count mail)" = 4 ] || fail "two schedulers on PostgreSQL: $(accepted_count mail) recipient lines, expected 4"
[ "$(cat "$WORK/one.log" "$WORK/two.log" | grep -c '^sent ')" = 3 ] || fail "not three sends in all"
outbox_json "$S" >"$WORK/outbox.json"
$PY "$HERE/mail_check.py" messages "$WORK/mail" "$WORK/outbox.json"
"$BIN" outbox list "$S/schedule.yaml" | grep -q "rejected afvist@vejen.example.dk: 550" || fail "outbox list on PostgreSQL"

# A wrong password: one line naming the server, no password.
set +e
out=$(TEST_OUTBOX_PASSWORD=forkert-outbox "$BIN" outbox list "$S/schedule.yaml" 2>&1); rc=$?
set -e
[ $rc = 2 ] || fail "wrong password: exit $rc: $out"
case "$out" in *"cannot connect to the outbox database postgresql://evalreport@127.0.0.1:$PGPORT/outbox"*) ;; *) fail "wrong password: $out" ;; esac
case "$out" in *forkert-outbox*|*"$PASSWORD"*) fail "a password was printed" ;; esac
echo "1 passed, 0 failed"
