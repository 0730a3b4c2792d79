#!/bin/bash
# A process opening a new outbox while another is creating it waits for it (the switch to WAL
# is serialised by the outbox lock file). Then two schedulers on one outbox: started together they send each delivery once (the outbox
# lock serialises them; the second finds the run done). Then two daemons: both catch up the
# latest missed run, one sends it, and both stop cleanly on SIGTERM.
#
# usage: delivery_concurrency.sh <evalreport binary> <source dir>
source "$(dirname "$0")/delivery_lib.sh" "$@"

PORT=$(free_port)
start_smtp mail "$PORT"
S="$WORK/s"
write_schedule "$S" "$PORT"

R="$WORK/race"
write_schedule "$R" "$PORT"
$PY "$HERE/outbox_open_race.py" "$BIN" "$R/schedule.yaml" "$R/state/outbox.db" || fail "opening a new outbox during its creation"

set +e
"$BIN" schedule "$S/schedule.yaml" --once --at 2024-04-05T07:00 >"$WORK/one.log" 2>&1 &
p1=$!
"$BIN" schedule "$S/schedule.yaml" --once --at 2024-04-05T07:00 >"$WORK/two.log" 2>&1 &
p2=$!
"$BIN" schedule "$S/schedule.yaml" --run-now --at 2024-04-05T07:00 >"$WORK/three.log" 2>&1 &
p3=$!
wait $p1; r1=$?
wait $p2; r2=$?
wait $p3; r3=$?
set -e
[ "$r1$r2$r3" = 000 ] || fail "exit codes $r1 $r2 $r3: $(cat "$WORK"/one.log "$WORK"/two.log "$WORK"/three.log)"
[ "$(accepted_count mail)" = 5 ] || fail "three schedulers at once: $(accepted_count mail) recipient lines, expected 5"
sent=$(cat "$WORK/one.log" "$WORK/two.log" "$WORK/three.log" | grep -c '^sent ')
[ "$sent" = 3 ] || fail "three schedulers at once: $sent sends logged, expected 3"
outbox_json "$S" >"$WORK/outbox.json"
$PY "$HERE/mail_check.py" messages "$WORK/mail" "$WORK/outbox.json"

# Two daemons on a fresh outbox: each catches up the latest missed run of the job (its
# period derived from the real clock); the lock lets one of them send it.
D="$WORK/d"
write_schedule "$D" "$PORT"
stop_smtp mail
start_smtp daemon "$PORT"
"$BIN" schedule "$D/schedule.yaml" --daemon >"$WORK/d1.log" 2>&1 &
d1=$!
"$BIN" schedule "$D/schedule.yaml" --daemon >"$WORK/d2.log" 2>&1 &
d2=$!
three_sent() { [ "$(grep -c '^sent ' "$WORK/d1.log" "$WORK/d2.log" | awk -F: '{s += $2} END {print s}')" = 3 ]; }
daemon_logs() { echo "--- daemon 1:"; cat "$WORK/d1.log"; echo "--- daemon 2:"; cat "$WORK/d2.log"; }
poll_until three_sent || fail "the daemons did not send the catch-up run: $(daemon_logs)"
both_waiting() { grep -q '^next: ' "$WORK/d1.log" && grep -q '^next: ' "$WORK/d2.log"; }
poll_until both_waiting || fail "the daemons did not both go idle: $(daemon_logs)"
kill -TERM $d1 $d2
set +e
wait $d1; r1=$?
wait $d2; r2=$?
set -e
[ "$r1$r2" = 00 ] || fail "daemons exited $r1 $r2"
grep -q "daemon stopped\|schedule: stopped" "$WORK/d1.log" || fail "daemon 1 did not stop cleanly: $(cat "$WORK/d1.log")"
grep -q "schedule: stopped" "$WORK/d2.log" || fail "daemon 2 did not stop cleanly: $(cat "$WORK/d2.log")"
[ "$(accepted_count daemon)" = 5 ] || fail "two daemons: $(accepted_count daemon) recipient lines, expected 5"
outbox_json "$D" >"$WORK/daemon.json"
$PY "$HERE/mail_check.py" messages "$WORK/daemon" "$WORK/daemon.json"
echo "1 passed, 0 failed"
