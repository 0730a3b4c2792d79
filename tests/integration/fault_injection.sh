#!/bin/bash
# Fault injection (docs/RELIABILITY.md): a full disk during a render and during a scheduled run,
# a read-only output directory, kill -9 at random points of batch and scheduled runs (20 runs
# each), the SMTP server going away in the middle of a session, and a damaged SQLite outbox in
# the ways a disk or a person damages one. Every fault must give a clear error, leave no torn
# PDF and leave the outbox usable and consistent; an outbox is never reset silently.
#
# The named crash points of a scheduled run and an outbox of random bytes are covered by
# delivery_crash.sh and delivery_smtp.sh; this script adds what those do not.
#
# usage: fault_injection.sh <evalreport binary> <source dir>
source "$(dirname "$0")/delivery_lib.sh" "$@"
GEN="$(dirname "$BIN")/evalreport-gen"
P="$SRC/samples/aeldre/project.yaml"
export EVALREPORT_PROGRESS=plain

# complete_pdfs DIR: every *.pdf below DIR is a whole PDF (header and final %%EOF), and no
# file named *.pdf is empty. Prints how many it checked.
complete_pdfs() {
    local f n=0
    while IFS= read -r -d '' f; do
        [ "$(head -c 5 "$f")" = "%PDF-" ] || fail "torn PDF (no header): $f"
        tail -c 32 "$f" | grep -q '%%EOF' || fail "torn PDF (no %%EOF): $f"
        n=$((n + 1))
    done < <(find "$1" -name '*.pdf' -type f -print0)
    echo "$n"
}

# one_line TEXT: exactly one line, starting "evalreport: ".
one_line() {
    [ "$(printf '%s\n' "$1" | wc -l)" = 1 ] || fail "more than one line: $1"
    case "$1" in "evalreport: "*) ;; *) fail "not an evalreport message: $1" ;; esac
}

# ---------------------------------------------------------------------------------------------
# 1. The disk fills up during a render. `ulimit -f` caps the size of any file the process
#    writes (SIGXFSZ ignored, so write() fails with EFBIG as on a full disk).
mkdir -p "$WORK/full"
set +e
out=$( (trap '' XFSZ; ulimit -f 16; exec "$BIN" render "$P" --template status-note -P kommune=Odder -o "$WORK/full/odder.pdf") 2>&1); rc=$?
set -e
[ $rc = 2 ] || fail "disk full: exit $rc: $out"
one_line "$out"
case "$out" in *"odder.pdf: cannot write output file: File too large; free disk space"*) ;; *) fail "disk full message: $out" ;; esac
[ -z "$(ls -A "$WORK/full")" ] || fail "disk full left files: $(ls -A "$WORK/full")"
echo "ok: disk full during render"

# 2. The disk fills up during a scheduled run whose outbox already holds a sent quarter.
PORT=$(free_port)
start_smtp mail "$PORT"
S="$WORK/s"
write_schedule "$S" "$PORT"
"$BIN" schedule "$S/schedule.yaml" --once --at 2024-04-05T07:00 >"$WORK/q1.log" 2>&1 || fail "Q1: $(cat "$WORK/q1.log")"
outbox_json "$S" >"$WORK/before.json"
cp "$S/state/outbox.db" "$WORK/outbox-before.db"
set +e
# 16 KiB: smaller than a status note and than the outbox file, larger than a WAL frame or two.
(trap '' XFSZ; ulimit -f 16; exec "$BIN" schedule "$S/schedule.yaml" --once --at 2024-07-05T07:00) >"$WORK/full.log" 2>&1; rc=$?
set -e
[ $rc != 0 ] && [ $rc -lt 128 ] || fail "disk full in a scheduled run: exit $rc: $(cat "$WORK/full.log")"
grep -q "File too large" "$WORK/full.log" || fail "disk full in a scheduled run: no reason given: $(cat "$WORK/full.log")"
complete_pdfs "$S/state" >/dev/null
# The outbox is intact: it opens, passes SQLite's integrity check and still holds Q1 as sent.
$PY - "$S/state/outbox.db" <<'PY' || fail "outbox damaged by a full disk"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
PY
outbox_json "$S" >"$WORK/after-full.json"
$PY - "$WORK/before.json" "$WORK/after-full.json" <<'PY' || fail "Q1 rows changed by the failed run"
import json, sys
before = {d["id"]: d["state"] for d in json.load(open(sys.argv[1]))}
after = {d["id"]: d["state"] for d in json.load(open(sys.argv[2]))}
for k, v in before.items():
    assert after.get(k) == v, (k, v, after.get(k))
PY
# With space again, the quarter is delivered: a failed render is rendered again by retry --failed.
set +e
"$BIN" schedule "$S/schedule.yaml" --once --at 2024-07-05T07:10 >"$WORK/q2.log" 2>&1
"$BIN" outbox retry "$S/schedule.yaml" --failed >>"$WORK/q2.log" 2>&1
set -e
outbox_json "$S" >"$WORK/after.json"
$PY - "$WORK/after.json" <<'PY' || fail "after the disk had room again: $(cat "$WORK/q2.log")"
import json, sys
rows = json.load(open(sys.argv[1]))
q2 = [d for d in rows if d["id"].endswith("2024Q2")]
assert len(q2) == 3 and all(d["state"] == "sent" for d in q2), [(d["id"], d["state"]) for d in rows]
PY
$PY "$HERE/mail_check.py" once "$WORK/mail" "$WORK/after.json"
[ "$(complete_pdfs "$S/state")" = 6 ] || fail "expected 6 complete PDFs"
echo "ok: disk full during a scheduled run"

# 3. A read-only output directory. Root ignores permissions, so as root the commands run as
#    nobody (setpriv); the binary and the sources must then be readable by others.
RO="$WORK/ro"
mkdir -p "$RO/out" "$RO/batch"
chmod 755 "$WORK" "$RO"
chmod 555 "$RO/out" "$RO/batch"
as_user=()
if [ "$(id -u)" = 0 ]; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --); fi
if "${as_user[@]}" test -x "$BIN" -a -r "$P"; then
    set +e
    out=$("${as_user[@]}" "$BIN" render "$P" --template status-note -o "$RO/out/x.pdf" 2>&1); rc=$?
    set -e
    [ $rc = 2 ] || fail "read-only: exit $rc: $out"
    one_line "$out"
    case "$out" in *"x.pdf: cannot create output file: Permission denied; check that the directory exists and is writable") ;; *) fail "read-only message: $out" ;; esac
    set +e
    out=$("${as_user[@]}" "$BIN" batch "$P" --template status-note --each kommune -P period=2024Q3 --out-dir "$RO/batch" 2>&1); rc=$?
    set -e
    # The batch checks its output directory before it renders anything.
    [ $rc = 2 ] || fail "read-only batch: exit $rc: $out"
    one_line "$out"
    case "$out" in *"/ro/batch: output directory does not exist or is not writable; create it first") ;; *) fail "read-only batch message: $out" ;; esac
    [ -z "$(ls -A "$RO/out" "$RO/batch" | grep -v ':$' | grep -v '^$' || true)" ] || fail "read-only: files written"
    echo "ok: read-only output directory"
else
    echo "skip: read-only output directory (the build is not readable by nobody)"
fi

# 4. kill -9 at random points of a batch, 20 runs into the same directory: afterwards only
#    complete PDFs are there (hidden temporary files of an interrupted write may remain).
"$GEN" --shape aeldre --citizens 2000 --municipalities 24 --quarters 4 --seed 5 --out "$WORK/gen" --quiet
B="$WORK/batch"
mkdir -p "$WORK/batch-full"
mkdir -p "$B"
t0=$(date +%s%N)
"$BIN" batch "$WORK/gen/project.yaml" --template status-note --each kommune -P period=2022Q4 -j 2 --out-dir "$WORK/batch-full" >/dev/null
full_ms=$((($(date +%s%N) - t0) / 1000000))
[ "$(complete_pdfs "$WORK/batch-full")" = 24 ] || fail "the unkilled batch did not write 24 PDFs"
RANDOM=17  # the same "random" points every run of the test
for i in $(seq 20); do
    delay_ms=$((RANDOM % (full_ms + 1)))
    "$BIN" batch "$WORK/gen/project.yaml" --template status-note --each kommune -P period=2022Q4 -j 2 --out-dir "$B" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -9 $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    complete_pdfs "$B" >/dev/null
    stray=$(ls -A "$B" | grep -v -E '^(statusnotat-[a-z0-9-]+-2022q4\.pdf|\.statusnotat-[a-z0-9-]+-2022q4\.pdf\.tmp-.{6})$' || true)
    [ -z "$stray" ] || fail "batch killed after ${delay_ms} ms left: $stray"
done
# A run to the end replaces everything; each PDF is byte-identical to the unkilled batch's.
"$BIN" batch "$WORK/gen/project.yaml" --template status-note --each kommune -P period=2022Q4 -j 2 --out-dir "$B" >/dev/null
for f in "$WORK/batch-full"/*.pdf; do cmp -s "$f" "$B/$(basename "$f")" || fail "$(basename "$f") differs after the kills"; done
echo "ok: kill -9 at 20 random points of a batch (${full_ms} ms each)"

# 5. kill -9 at random points of a scheduled run (render, queue, send), 20 runs, each in a
#    fresh outbox with its own server: after the kill the outbox opens and every PDF is
#    whole; a restart delivers every report, each once (or a reported resend, see
#    docs/DELIVERY.md "Crash windows").
K="$WORK/k0"
write_schedule "$K" "$PORT"
t0=$(date +%s%N)
"$BIN" schedule "$K/schedule.yaml" --once --at 2024-04-05T07:00 >/dev/null 2>&1 || fail "unkilled scheduled run"
sched_ms=$((($(date +%s%N) - t0) / 1000000))
for i in $(seq 20); do
    port=$(free_port)
    start_smtp "k$i" "$port"
    K="$WORK/k$i"
    write_schedule "$K" "$port"
    delay_ms=$((RANDOM % (sched_ms + 1)))
    "$BIN" schedule "$K/schedule.yaml" --once --at 2024-04-05T07:00 >"$K/killed.log" 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -9 $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    complete_pdfs "$K" >/dev/null
    if [ -f "$K/state/outbox.db" ]; then
        "$BIN" outbox list "$K/schedule.yaml" >"$K/list.log" 2>&1 || fail "run $i: outbox unreadable after kill at ${delay_ms} ms: $(cat "$K/list.log")"
    fi
    "$BIN" schedule "$K/schedule.yaml" --once --at 2024-04-05T07:00 >"$K/restart.log" 2>&1 ||
        fail "run $i: restart after kill at ${delay_ms} ms: $(cat "$K/restart.log")"
    outbox_json "$K" >"$K/outbox.json"
    $PY - "$K/outbox.json" <<'PY' || fail "run $i: not all sent after kill at ${delay_ms} ms: $(cat "$K/restart.log")"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 3 and all(d["state"] == "sent" for d in rows), [(d["id"], d["state"]) for d in rows]
PY
    $PY "$HERE/mail_check.py" once "$WORK/k$i" "$K/outbox.json" >/dev/null || fail "run $i: $($PY "$HERE/mail_check.py" once "$WORK/k$i" "$K/outbox.json")"
    [ "$(accepted_count "k$i")" -ge 3 ] || fail "run $i: $(accepted_count "k$i") recipients reached"
    stop_smtp "k$i"
done
echo "ok: kill -9 at 20 random points of a scheduled run (${sched_ms} ms each)"

# 6. The SMTP server goes away in the middle of a session (it exits when the second message's
#    data has arrived): the first delivery is sent, the rest wait with the reason, and once the
#    server is back each is delivered once.
port=$(free_port)
start_smtp gone "$port" --die-on-data 2
G="$WORK/gone"
write_schedule "$G" "$port"
set +e
out=$("$BIN" schedule "$G/schedule.yaml" --once --at 2024-04-05T07:00 2>&1); rc=$?
set -e
[ $rc = 75 ] || fail "server gone: exit $rc: $out"
grep -q "1 sent, 0 failed, 2 waiting for a retry" <<<"$out" || fail "server gone: $out"
list=$("$BIN" outbox list "$G/schedule.yaml")
[ "$(grep -c ' queued ' <<<"$list")" = 2 ] || fail "server gone: not queued: $list"
start_smtp back "$port"
"$BIN" schedule "$G/schedule.yaml" --once --at 2024-04-05T07:05 >"$G/back.log" 2>&1 || fail "server back: $(cat "$G/back.log")"
outbox_json "$G" >"$G/outbox.json"
cat "$WORK/gone/accepted.log" "$WORK/back/accepted.log" >"$G/all.log" 2>/dev/null || cp "$WORK/back/accepted.log" "$G/all.log"
mkdir -p "$G/all" && cp "$G/all.log" "$G/all/accepted.log"
$PY "$HERE/mail_check.py" once "$G/all" "$G/outbox.json"
$PY - "$G/outbox.json" <<'PY' || fail "server back: not all sent: $(cat "$G/back.log")"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 3 and all(d["state"] == "sent" for d in rows), [(d["id"], d["state"]) for d in rows]
# The message whose data reached the dying server is sent again, and reported as such.
assert sorted(d["sends"] for d in rows) == [1, 1, 2], [(d["id"], d["sends"]) for d in rows]
PY
echo "ok: SMTP server gone mid-session"

# 7. A damaged outbox: one line naming the file and the fix, exit 2, the file untouched, never
#    reset.
damaged() {  # damaged NAME: runs schedule and outbox list on $WORK/NAME and checks the refusal
    local D="$WORK/$1" sum out rc cmd
    sum=$(sha256sum <"$D/state/outbox.db")
    for cmd in list schedule; do
        set +e
        if [ $cmd = list ]; then
            out=$("$BIN" outbox list "$D/schedule.yaml" 2>&1); rc=$?
        else
            out=$("$BIN" schedule "$D/schedule.yaml" --once --at 2024-07-05T07:00 2>&1); rc=$?
        fi
        set -e
        [ $rc = 2 ] || fail "$1 ($cmd): exit $rc: $out"
        one_line "$out"
        case "$out" in "evalreport: $D/state/outbox.db: "*) ;; *) fail "$1 ($cmd): $out" ;; esac
        [ "$sum" = "$(sha256sum <"$D/state/outbox.db")" ] || fail "$1: the outbox was changed"
    done
}
make_outbox() {  # make_outbox NAME: a copy of the Q1 outbox (3 sent deliveries) in $WORK/NAME
    write_schedule "$WORK/$1" "$PORT"
    cp "$WORK/outbox-before.db" "$WORK/$1/state/outbox.db"
}
make_outbox torn
head -c $(($(stat -c %s "$WORK/torn/state/outbox.db") / 2)) "$WORK/outbox-before.db" >"$WORK/torn/state/outbox.db"
damaged torn
make_outbox scribbled  # a block of zeros over the middle of the file (a lost write)
size=$(stat -c %s "$WORK/scribbled/state/outbox.db")
dd if=/dev/zero of="$WORK/scribbled/state/outbox.db" bs=4096 seek=$((size / 8192)) count=2 conv=notrunc status=none
damaged scribbled
make_outbox foreign  # somebody else's SQLite database
rm "$WORK/foreign/state/outbox.db"
$PY -c 'import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute("create table kunder (id integer)"); db.commit()' "$WORK/foreign/state/outbox.db"
damaged foreign
make_outbox newer  # an outbox from a newer evalreport (schema version 99)
$PY -c 'import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute("update evr_meta set value = 99 where key = ?", ("schema",)); db.commit()' "$WORK/newer/state/outbox.db"
damaged newer
echo "ok: damaged outboxes refused"

echo "1 passed, 0 failed"
