#!/bin/bash
# kill -9 at every point of a scheduled run, then a restart: no delivery is lost and none is
# sent twice, except in the one window no SMTP client can close (the server has accepted
# the message, the client dies before recording it), where the restart sends it again with
# the same Message-ID and the outbox reports it. Counted at the server.
#
# EVALREPORT_TEST_CRASH=<point>:<n> makes evalreport SIGKILL itself the n-th time it passes a
# point (pipeline/delivery/CrashPoint.hpp); --kill-on-data makes the test server SIGKILL it
# from outside after storing a message and before answering.
#
# usage: delivery_crash.sh <evalreport binary> <source dir>
source "$(dirname "$0")/delivery_lib.sh" "$@"

PORT=$(free_port)
start_smtp mail "$PORT"
AT=2024-04-05T07:00

count_id() { grep -c -F "$1" "$WORK/mail/accepted.log" || true; }
json_field() { $PY -c 'import json,sys; d={x["id"]: x for x in json.load(open(sys.argv[1]))}; print(d[sys.argv[2]][sys.argv[3]])' "$@"; }

run_killed() {  # run_killed DIR CRASHPOINT: expects the process to die by SIGKILL
    set +e
    EVALREPORT_TEST_CRASH=$2 "$BIN" schedule "$1/schedule.yaml" --once --at $AT >"$1/killed.log" 2>&1
    local rc=$?
    set -e
    [ $rc = 137 ] || fail "$2: exit $rc, expected 137 (SIGKILL): $(cat "$1/killed.log")"
}

restart() {  # restart DIR: the next run finishes the job
    set +e
    "$BIN" schedule "$1/schedule.yaml" --once --at $AT >"$1/restart.log" 2>&1
    set -e
    grep -q "3 sent\|[12] sent" "$1/restart.log" || fail "restart: $(cat "$1/restart.log")"
}

# 1. Mid-batch: killed after the second of three PDFs was rendered and recorded.
A="$WORK/a"
write_schedule "$A" "$PORT"
run_killed "$A" after-render:2
[ "$(accepted_count mail)" = 0 ] || fail "mid-batch: something was sent before the run was queued"
[ "$("$BIN" outbox list "$A/schedule.yaml" --state rendered | grep -c '^kvartal/')" = 2 ] || fail "mid-batch: two rendered rows expected"
restart "$A"
grep -q "summary: 1 rendered, 3 queued, 3 sent" "$A/restart.log" || fail "mid-batch restart: $(cat "$A/restart.log")"
outbox_json "$A" >"$A/outbox.json"
$PY "$HERE/mail_check.py" messages "$WORK/mail" "$A/outbox.json"
for id in $($PY -c 'import json,sys; print(" ".join(d["message_id"] for d in json.load(open(sys.argv[1]))))' "$A/outbox.json"); do
    n=$(count_id "$id")
    [ "$n" -ge 1 ] || fail "mid-batch: $id never arrived"
done
base=$(accepted_count mail)
[ "$base" = 5 ] || fail "mid-batch: $base recipient lines, expected 5 (2 + 1 + 2)"

# 2. Mid-send, before DATA: "sending" is committed, then the process dies. The restart sends
# it; the server never saw the first attempt's DATA, so each arrives exactly once.
B="$WORK/b"
write_schedule "$B" "$PORT"
run_killed "$B" before-data:2
[ "$(accepted_count mail)" = $((base + 2)) ] || fail "before-data: the first delivery should be out (2 recipients)"
"$BIN" outbox list "$B/schedule.yaml" --state sending | grep -q '^kvartal/' || fail "before-data: no delivery in state sending"
restart "$B"
grep -q "resending kvartal/kommune=Odder/2024Q1" "$B/restart.log" || fail "before-data: the interrupted send is not reported"
outbox_json "$B" >"$B/outbox.json"
for mid in $($PY -c 'import json,sys; print(" ".join(d["message_id"] for d in json.load(open(sys.argv[1]))))' "$B/outbox.json"); do
    n=$(count_id "$mid")
    [ "$n" -ge 1 ] || fail "before-data: $mid lost"
done
[ "$(accepted_count mail)" = $((base + 5)) ] || fail "before-data: $(($(accepted_count mail) - base)) lines, expected exactly 5"
base=$(accepted_count mail)

# 3. After the server accepted, before the outbox knew (our own SIGKILL): the restart sends the
# same message again with the same Message-ID and says so; the receiver can drop the copy.
C="$WORK/c"
write_schedule "$C" "$PORT"
run_killed "$C" after-data:1
restart "$C"
outbox_json "$C" >"$C/outbox.json"
first=$($PY -c 'import json,sys; print(sorted(json.load(open(sys.argv[1])), key=lambda d: d["id"])[0]["id"])' "$C/outbox.json")
[ "$(json_field "$C/outbox.json" "$first" sends)" = 2 ] || fail "after-data: the resent delivery does not count 2 sends"
grep -q "resending $first" "$C/restart.log" || fail "after-data: the resend is not reported"
"$BIN" outbox list "$C/schedule.yaml" | grep -q "sent 2 times after an interruption" || fail "after-data: outbox list does not flag it"
mid=$(json_field "$C/outbox.json" "$first" message_id)
[ "$(count_id "$mid")" = 4 ] || fail "after-data: $mid should be there twice for its two recipients (4 lines), got $(count_id "$mid")"
[ "$(accepted_count mail)" = $((base + 7)) ] || fail "after-data: $(($(accepted_count mail) - base)) lines, expected 7 (5 + one resent to 2)"
$PY "$HERE/mail_check.py" once "$WORK/mail" "$C/outbox.json"
base=$(accepted_count mail)

# 4. The same window, killed from outside: the server stores the second message and SIGKILLs
# the client before answering.
stop_smtp mail
start_smtp killer "$PORT" --kill-on-data 2 --kill-pid-file "$WORK/client.pid"
D="$WORK/d"
write_schedule "$D" "$PORT"
set +e
bash -c 'echo $$ >"$1"; exec "$2" schedule "$3" --once --at "$4"' _ "$WORK/client.pid" "$BIN" "$D/schedule.yaml" $AT >"$D/killed.log" 2>&1
rc=$?
set -e
[ $rc = 137 ] || fail "external kill: exit $rc: $(cat "$D/killed.log")"
restart "$D"
outbox_json "$D" >"$D/outbox.json"
[ "$($PY -c 'import json,sys; print(sum(d["state"] == "sent" for d in json.load(open(sys.argv[1]))))' "$D/outbox.json")" = 3 ] || fail "external kill: not all sent"
[ "$(accepted_count killer)" = 6 ] || fail "external kill: $(accepted_count killer) lines, expected 6 (3 deliveries to 5 recipients, one resent to 1)"
$PY "$HERE/mail_check.py" once "$WORK/killer" "$D/outbox.json"
echo "1 passed, 0 failed"
