#!/bin/bash
# Privacy scan (docs/RELIABILITY.md): personal data written into free-text fields must not
# reach any PDF, log line, statistics output or e-mail, and an SMTP password must not reach any
# output either, --help included.
#
#  1. The aeldre sample gets a free-text column 'note' holding names, street addresses, phone
#     numbers, private e-mail addresses and CPR-like numbers that are not dates (so ingest
#     accepts them). Every command is run: validate, stats, render (all templates), batch,
#     schedule with e-mail, outbox list. The PDFs (pdftotext), the e-mails (headers, decoded text
#     and the attached PDFs), stdout and stderr are searched for every marker.
#  2. Real CPR numbers in a free-text field and in an id column: validate and render refuse them,
#     and no message repeats the number in any spelling.
#  3. The SMTP password (from the environment and from a file) against a server that wants
#     AUTH, right and wrong: it appears in no output.
#
# usage: privacy_scan.sh <evalreport binary> <source dir>
source "$(dirname "$0")/delivery_lib.sh" "$@"
export EVALREPORT_PROGRESS=plain
OUT="$WORK/scan"   # everything evalreport prints or writes that a person may read
mkdir -p "$OUT"

MARKERS=("Kirsten Bøgelund-Marker" "Bøgelund" "Æblehavevej 117" "Æblehavevej" "20 61 93 57" "20619357"
         "kirsten.privat@postkasse.example" "321399-4417" "3213994417" "Jens Ulrik Fiskebæk" "Fiskebæk"
         "Strandvejen 9, 3. th" "+45 31 42 77 08" "31427708")

# --- 1. free text in a sample project --------------------------------------------------------
P="$WORK/p"
cp -r "$SRC/samples/aeldre" "$P"
rm -f "$P/schedule.yaml"
$PY - "$P" <<'PY'
import sys, os
p = sys.argv[1]
y = open(os.path.join(p, "project.yaml"), encoding="utf-8").read()
y = y.replace("      registerdata: {type: category, values: [Ja, Nej]}\n",
              "      registerdata: {type: category, values: [Ja, Nej]}\n      note: {type: text, required: false}\n", 1)
open(os.path.join(p, "project.yaml"), "w", encoding="utf-8").write(y)
notes = ["Kirsten Bøgelund-Marker, Æblehavevej 117, tlf. 20 61 93 57",
         "skriv til kirsten.privat@postkasse.example; ref 321399-4417",
         "Jens Ulrik Fiskebæk, Strandvejen 9, 3. th, +45 31 42 77 08",
         "journal 3213994417", "20619357 / 31427708", ""]
path = os.path.join(p, "data", "borgere.csv")
lines = open(path, encoding="utf-8").read().splitlines()
quoted = ['"' + n + '"' if ";" in n else n for n in notes]  # RFC 4180: a ';' inside a value is quoted
out = [lines[0] + ";note"] + [l + ";" + quoted[i % len(notes)] for i, l in enumerate(lines[1:])]
open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
grep -q "note: {type: text" "$P/project.yaml" || fail "could not add the note column"

log() { "$@" >>"$OUT/stdout.log" 2>>"$OUT/stderr.log"; }
log "$BIN" validate "$P/project.yaml"
[ "$(grep -c ' error: ' "$OUT/stdout.log" || true)" = 0 ] || fail "the free-text project does not validate: $(head -3 "$OUT/stdout.log")"
for t in status-note quarterly evaluation; do
    log "$BIN" stats "$P/project.yaml" --template $t
    log "$BIN" render "$P/project.yaml" --template $t -o "$OUT/$t.pdf"
    log "$BIN" render "$P/project.yaml" --template $t -P kommune=Odder -o "$OUT/$t-odder.pdf" || true
done
mkdir -p "$OUT/batch"
log "$BIN" batch "$P/project.yaml" --template status-note --each kommune -P period=2024Q3 --out-dir "$OUT/batch"
PORT=$(free_port)
start_smtp mail "$PORT"
S="$WORK/s"
write_schedule "$S" "$PORT"
sed -i "s|project: $SRC/samples/aeldre/project.yaml|project: $P/project.yaml|" "$S/schedule.yaml"
log "$BIN" schedule "$S/schedule.yaml" --once --at 2024-04-05T07:00 || fail "schedule: $(tail -3 "$OUT/stderr.log")"
log "$BIN" outbox list "$S/schedule.yaml"
log "$BIN" outbox list "$S/schedule.yaml" --json
[ "$(ls "$WORK/mail"/*.eml | wc -l)" = 3 ] || fail "expected 3 e-mails"
cp -r "$S/state/pdf" "$OUT/scheduled-pdf"

# The e-mails: raw (headers, encoded parts), the decoded text parts, and the attachments.
$PY - "$WORK/mail" "$OUT" <<'PY'
import email, email.policy, glob, os, sys
src, out = sys.argv[1], sys.argv[2]
for i, path in enumerate(sorted(glob.glob(os.path.join(src, "*.eml")))):
    raw = open(path, "rb").read()
    open(os.path.join(out, "mail-%d.eml" % i), "wb").write(raw)
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    with open(os.path.join(out, "mail-%d.txt" % i), "w", encoding="utf-8") as f:
        for k, v in msg.items():
            f.write("%s: %s\n" % (k, v))
        for part in msg.walk():
            if part.get_content_type() == "text/plain":
                f.write(part.get_content())
            elif part.get_content_type() == "application/pdf":
                open(os.path.join(out, "mail-%d.pdf" % i), "wb").write(part.get_payload(decode=True))
PY

n=0
while IFS= read -r -d '' pdf; do
    pdftotext "$pdf" "$pdf.txt"
    pdftotext -layout "$pdf" "$pdf.layout.txt"
    n=$((n + 1)); echo "$pdf" >>"$WORK/pdfs.txt"
done < <(find "$OUT" -name '*.pdf' -print0)
[ $n -ge 14 ] || fail "only $n PDFs to scan: $(cat "$WORK/pdfs.txt"; tail -5 "$OUT/stderr.log")"

scan() {  # scan DIR MARKER...: no file below DIR holds any marker (also with line breaks squashed)
    local dir=$1 m f
    shift
    for m in "$@"; do
        f=$(grep -r -l -F -- "$m" "$dir" || true)
        [ -z "$f" ] || fail "'$m' appears in: $f"
    done
    # pdftotext may break a name over two lines: search the text with whitespace squashed.
    $PY - "$dir" "$@" <<'PY'
import os, re, sys
root, markers = sys.argv[1], sys.argv[2:]
for dirpath, _, files in os.walk(root):
    for name in files:
        if not name.endswith(".txt") and not name.endswith(".log"):
            continue
        text = re.sub(r"\s+", " ", open(os.path.join(dirpath, name), encoding="utf-8", errors="replace").read())
        for m in markers:
            if m in text:
                print("FAIL: '%s' appears in %s" % (m, os.path.join(dirpath, name)))
                sys.exit(1)
PY
}
scan "$OUT" "${MARKERS[@]}"
echo "ok: free text reaches no PDF, e-mail or log ($n PDFs, $(ls "$OUT"/mail-*.eml | wc -l) e-mails, $(cat "$OUT"/*.log | wc -l) log lines)"

# --- 2. CPR numbers are refused and never repeated -------------------------------------------
C="$WORK/cpr"
cp -r "$SRC/tests/bad-input/csv-cpr-in-text" "$C"
rm -f "$C/expected.txt"
printf 'borger_id;kommune;startdato;alder;note\nB1;Odder;07-02-2022;71;ringet op af 150370-4417 i dag\nB2;Vejen;01-03-2022;80;cpr 1503704418\n0405921234;Vejen;01-03-2022;80;\nB4;Odder;01-03-2022;80;ref 040592 1235\n' >"$C/data/borgere.csv"
mkdir -p "$WORK/cpr-out"
set +e
"$BIN" validate "$C/project.yaml" >"$WORK/cpr-out/validate.log" 2>&1; rc=$?
"$BIN" render "$C/project.yaml" --template status-note -o "$WORK/cpr-out/x.pdf" >"$WORK/cpr-out/render.log" 2>&1; rc2=$?
set -e
[ $rc = 2 ] && [ $rc2 = 2 ] || fail "CPR numbers: validate exit $rc, render exit $rc2"
[ "$(grep -c 'CPR' "$WORK/cpr-out/validate.log")" -ge 4 ] || fail "CPR numbers not all reported: $(cat "$WORK/cpr-out/validate.log")"
[ ! -e "$WORK/cpr-out/x.pdf" ] || fail "a PDF was written"
scan "$WORK/cpr-out" "150370-4417" "1503704417" "150370" "1503704418" "0405921234" "040592" "4417" "4418" "1234" "1235"
echo "ok: CPR numbers refused and not repeated"

# --- 3. The SMTP password appears nowhere ---------------------------------------------------
stop_smtp mail
SECRET="kodeord-Zq81-hemmeligt"
PORT2=$(free_port)
start_smtp auth "$PORT2" --auth "evalreport:$SECRET"
A="$WORK/auth"
write_schedule "$A" "$PORT2" "  user: evalreport
  password_env: TEST_SMTP_PASSWORD
  auth: login"
write_schedule "$WORK/authfile" "$PORT2" "  user: evalreport
  password_file: $WORK/pw.txt
  auth: plain"
printf '%s\n' "$SECRET" >"$WORK/pw.txt"
printf 'forkert-%s\n' "$SECRET" >"$WORK/pw-wrong.txt"
PW="$WORK/pw-scan"
mkdir -p "$PW"
plog() { "$@" >>"$PW/stdout.log" 2>>"$PW/stderr.log" || true; }
export TEST_SMTP_PASSWORD="forkert-$SECRET"
plog "$BIN" schedule "$A/schedule.yaml" --once --at 2024-04-05T07:00
export TEST_SMTP_PASSWORD="$SECRET"
plog "$BIN" schedule "$A/schedule.yaml" --once --at 2024-04-05T07:10
plog "$BIN" outbox list "$A/schedule.yaml"
plog "$BIN" outbox list "$A/schedule.yaml" --json
plog "$BIN" schedule "$WORK/authfile/schedule.yaml" --once --at 2024-04-05T07:00
cp "$WORK/pw-wrong.txt" "$WORK/pw.txt"
plog "$BIN" outbox retry "$WORK/authfile/schedule.yaml"
for cmd in $("$BIN" --help 2>&1 | awk '/^  [a-z]+  +[A-Z]/{print $1}' | sort -u); do
    plog "$BIN" "$cmd" --help
done
plog "$BIN" --help
[ "$(grep -c 'summary: .* 3 sent\|3 sent' "$PW/stdout.log" "$PW/stderr.log" | awk -F: '{s+=$2} END {print s}')" -ge 1 ] || fail "AUTH never succeeded: $(cat "$PW/stderr.log" | tail -5)"
grep -q -i "auth\|login\|password\|adgangskode" "$PW/stderr.log" "$PW/stdout.log" || fail "the wrong password gave no message"
[ "$(grep -c -- '--help\|Usage\|usage' "$PW/stdout.log")" -ge 3 ] || fail "no --help output was scanned"
scan "$PW" "$SECRET" "forkert-$SECRET"
scan "$A/state" "$SECRET"
scan "$WORK/authfile/state" "$SECRET"
echo "ok: the SMTP password appears in no output"

echo "1 passed, 0 failed"
