#!/bin/bash
# The SMTP server is down: deliveries stay queued (exit 75), are retried with backoff, and go
# out once when the server is back, by the next scheduled run or by `outbox retry`.
#
# usage: delivery_outage.sh <evalreport binary> <source dir>
source "$(dirname "$0")/delivery_lib.sh" "$@"

PORT=$(free_port)  # nothing listens here yet
S="$WORK/s"
write_schedule "$S" "$PORT"

set +e
out=$("$BIN" schedule "$S/schedule.yaml" --once --at 2024-04-05T07:00 2>&1); rc=$?
set -e
[ $rc = 75 ] || fail "server down: exit $rc: $out"
case "$out" in *"3 rendered, 3 queued, 0 sent, 0 failed, 3 waiting for a retry"*) ;; *) fail "server down: $out" ;; esac
case "$out" in *"cannot reach SMTP server 127.0.0.1:$PORT"*) ;; *) fail "no reason given: $out" ;; esac
list=$("$BIN" outbox list "$S/schedule.yaml")
[ "$(grep -c ' queued ' <<<"$list")" = 3 ] || fail "not queued: $list"
grep -q "next attempt 2024-04-05T07:01:00+02:00" <<<"$list" || fail "first retry not after 60 s: $list"

# Thirty seconds later the backoff has not run out: no attempt is made.
set +e
"$BIN" schedule "$S/schedule.yaml" --once --at 2024-04-05T07:00:30 >/dev/null 2>&1; rc=$?
set -e
[ $rc = 0 ] || fail "inside the backoff: exit $rc"
[ "$(outbox_json "$S" | $PY -c 'import json,sys; print(max(d["attempts"] for d in json.load(sys.stdin)))')" = 1 ] || fail "attempted inside the backoff"

# Still down two minutes later: the second attempt doubles the wait.
set +e
"$BIN" schedule "$S/schedule.yaml" --once --at 2024-04-05T07:02 >/dev/null 2>&1
set -e
grep -q "next attempt 2024-04-05T07:04:00+02:00" <<<"$("$BIN" outbox list "$S/schedule.yaml")" || fail "backoff did not double"

# The server comes back; the next run sends each delivery once.
start_smtp mail "$PORT" --reject afvist
set +e
out=$("$BIN" schedule "$S/schedule.yaml" --once --at 2024-04-05T07:05 2>&1); rc=$?
set -e
case "$out" in *"0 rendered, 0 queued, 3 sent"*) ;; *) fail "server back: $out" ;; esac
[ "$(accepted_count mail)" = 4 ] || fail "server back: $(accepted_count mail) recipient lines, expected 4"

# Down again for the next quarter; `outbox retry` sends at once when it is back.
stop_smtp mail
set +e
"$BIN" schedule "$S/schedule.yaml" --run-now --at 2024-07-05T07:00 >/dev/null 2>&1; rc=$?
set -e
[ $rc = 75 ] || fail "second outage: exit $rc"
start_smtp mail2 "$PORT" --reject afvist
set +e
out=$("$BIN" outbox retry "$S/schedule.yaml" 2>&1)
set -e
case "$out" in *"requeued 3 deliveries"*"summary: 3 sent"*) ;; *) fail "outbox retry: $out" ;; esac
[ "$(accepted_count mail2)" = 4 ] || fail "after retry: $(accepted_count mail2) recipient lines"
outbox_json "$S" >"$WORK/outbox.json"
cat "$WORK/mail/accepted.log" "$WORK/mail2/accepted.log" >"$WORK/all.log"
mkdir -p "$WORK/all" && cp "$WORK/all.log" "$WORK/all/accepted.log"
$PY "$HERE/mail_check.py" once "$WORK/all" "$WORK/outbox.json"
echo "1 passed, 0 failed"
