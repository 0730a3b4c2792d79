#!/bin/bash
# E-mail delivery against a real SMTP server (aiosmtpd) on a loopback port: the status notes of
# the aeldre sample's three municipalities arrive with their headers, a Danish subject that
# decodes back to the same UTF-8 and a PDF attachment byte-identical to the rendered file; a
# 550 for one Cc fails that recipient only; running again, or --run-now for the same period,
# sends nothing twice; outbox list/purge; a damaged outbox is an error; AUTH with a password
# from the environment that is never printed.
#
# usage: delivery_smtp.sh <evalreport binary> <source dir>
source "$(dirname "$0")/delivery_lib.sh" "$@"

PORT=$(free_port)
start_smtp mail "$PORT" --reject afvist
S="$WORK/s1"
write_schedule "$S" "$PORT"

set +e
out=$("$BIN" schedule "$S/schedule.yaml" --once --at 2024-04-05T07:00); rc=$?
set -e
echo "$out"
[ $rc = 1 ] || fail "exit $rc, expected 1 (a recipient was rejected)"
case "$out" in *"summary: 3 rendered, 3 queued, 3 sent, 0 failed, 0 waiting for a retry, 1 recipient rejected"*) ;; *) fail "summary: $out" ;; esac
case "$out" in *afvist*) fail "a recipient address was logged" ;; esac
[ "$(accepted_count mail)" = 4 ] || fail "server accepted $(accepted_count mail) recipient lines, expected 4"

outbox_json "$S" >"$WORK/outbox1.json"
$PY "$HERE/mail_check.py" messages "$WORK/mail" "$WORK/outbox1.json"
# The subject, independently: Danish letters and the en dash survive the round trip.
$PY - "$WORK/mail" <<'PY'
import email, email.policy, glob, sys
subjects = sorted(email.message_from_bytes(open(p, "rb").read(), policy=email.policy.default)["Subject"]
                  for p in glob.glob(sys.argv[1] + "/*.eml"))
want = sorted("Statusnotat for %s Kommune – 1. kvartal 2024 (nøgletal)" % k for k in ("Hvidovre", "Odder", "Vejen"))
assert subjects == want, subjects
raw = open(sorted(glob.glob(sys.argv[1] + "/*.eml"))[0], "rb").read()
assert b"=?UTF-8?Q?" in raw and "ø".encode() not in raw.split(b"\r\n\r\n")[0], "subject not RFC 2047 encoded"
PY
list=$("$BIN" outbox list "$S/schedule.yaml")
echo "$list"
case "$list" in *"rejected afvist@vejen.example.dk: 550"*) ;; *) fail "outbox list does not show the rejection" ;; esac

# Again at the same time, and --run-now for the same quarter: nothing is sent twice.
out=$("$BIN" schedule "$S/schedule.yaml" --once --at 2024-04-05T07:00)
case "$out" in *"summary: 0 rendered, 0 queued, 0 sent"*) ;; *) fail "second run: $out" ;; esac
set +e
out=$("$BIN" schedule "$S/schedule.yaml" --run-now --at 2024-05-20T10:00); rc=$?
set -e
[ $rc = 0 ] || fail "run-now for a quarter already sent: exit $rc: $out"
case "$out" in *"summary: 0 rendered, 0 queued, 0 sent"*) ;; *) fail "run-now for a quarter already sent: $out" ;; esac
[ "$(accepted_count mail)" = 4 ] || fail "something was sent twice"

# --run-now for the next quarter sends three new ones, once.
set +e
"$BIN" schedule "$S/schedule.yaml" --run-now --job kvartal --at 2024-07-10T10:00 >/dev/null; rc=$?
"$BIN" schedule "$S/schedule.yaml" --run-now --job kvartal --at 2024-07-10T10:05 >/dev/null
set -e
[ $rc = 1 ] || fail "run-now 2024Q2: exit $rc"
[ "$(accepted_count mail)" = 8 ] || fail "after run-now 2024Q2 the server has $(accepted_count mail) lines, expected 8"
outbox_json "$S" >"$WORK/outbox2.json"
$PY "$HERE/mail_check.py" messages "$WORK/mail" "$WORK/outbox2.json"
[ -f "$S/state/pdf/kvartal/2024Q2/statusnotat-odder-2024q2.pdf" ] || fail "no PDF under pdf_dir"

# Purge what is done, as of December.
out=$("$BIN" outbox purge "$S/schedule.yaml" --older-than 30d --at 2024-12-01T00:00)
[ "$out" = "purged 6 deliveries" ] || fail "purge: $out"
[ "$("$BIN" outbox list "$S/schedule.yaml")" = "the outbox is empty" ] || fail "outbox not empty after purge"

# A damaged outbox: a clear one-line error, the file left as it was.
D="$WORK/damaged"
write_schedule "$D" "$PORT"
head -c 8192 /dev/urandom >"$D/state/outbox.db"
sum_before=$(sha256sum <"$D/state/outbox.db")
set +e
out=$("$BIN" outbox list "$D/schedule.yaml" 2>&1); rc=$?
set -e
[ $rc = 2 ] || fail "damaged outbox: exit $rc"
case "$out" in "evalreport: $D/state/outbox.db: "*"never resets an outbox"*) ;; *) fail "damaged outbox message: $out" ;; esac
[ "$(echo "$out" | wc -l)" = 1 ] || fail "damaged outbox: more than one line"
[ "$sum_before" = "$(sha256sum <"$D/state/outbox.db")" ] || fail "the damaged outbox was changed"

# AUTH: the password comes from the environment and is never printed, not even when wrong.
stop_smtp mail
start_smtp auth "$PORT" --auth evalreport:kodeord-7f3a
A="$WORK/auth"
write_schedule "$A" "$PORT" "  user: evalreport
  password_env: TEST_SMTP_PASSWORD
  auth: plain"
set +e
out=$(TEST_SMTP_PASSWORD=forkert-9c2b "$BIN" schedule "$A/schedule.yaml" --once --at 2024-04-05T07:00 2>&1); rc=$?
set -e
[ $rc = 75 ] || fail "wrong password: exit $rc: $out"
case "$out" in *forkert-9c2b*|*kodeord-7f3a*) fail "a password was printed" ;; esac
case "$out" in *"SMTP server 127.0.0.1:$PORT: login as evalreport refused: 535"*"3 waiting for a retry"*) ;; *) fail "wrong password: $out" ;; esac
"$BIN" outbox list "$A/schedule.yaml" | grep -q "queued" || fail "deliveries not queued after a refused login"
out=$(TEST_SMTP_PASSWORD=kodeord-7f3a "$BIN" outbox retry "$A/schedule.yaml" 2>&1)
case "$out" in *"summary: 3 sent"*) ;; *) fail "retry with the right password: $out" ;; esac
case "$out" in *kodeord-7f3a*) fail "a password was printed" ;; esac
[ "$(accepted_count auth)" = 5 ] || fail "auth server accepted $(accepted_count auth) recipient lines, expected 5"
"$BIN" schedule --help | grep -qi "kodeord" && fail "help shows a password"
echo "1 passed, 0 failed"
