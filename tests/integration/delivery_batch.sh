#!/bin/bash
# evalreport batch: one PDF per municipality (and quarter) from one ingest, on several threads.
# File names are safe ASCII (Ærø -> aeroe) from the template's output: pattern; a plain line per
# report when stdout is not a terminal and a bar with rate and ETA when it is; one failing PDF
# fails alone and the exit code says so at the end.
#
# usage: delivery_batch.sh <evalreport binary> <source dir>
source "$(dirname "$0")/delivery_lib.sh" "$@"
GEN="$(dirname "$BIN")/evalreport-gen"

# 98 real municipality names, with æ, ø, å, hyphens.
"$GEN" --shape aeldre --citizens 3000 --municipalities 98 --quarters 4 --seed 2 --out "$WORK/p" --quiet
mkdir -p "$WORK/out"
out=$("$BIN" batch "$WORK/p/project.yaml" --template status-note --each kommune -P period=2022Q4 -j 2 --out-dir "$WORK/out")
n=$(ls "$WORK/out" | wc -l)
[ "$n" = 98 ] || fail "$n PDFs, expected 98"
for f in statusnotat-aeroe-2022q4.pdf statusnotat-laesoe-2022q4.pdf statusnotat-koebenhavn-2022q4.pdf \
         statusnotat-lyngby-taarbaek-2022q4.pdf statusnotat-hoeje-taastrup-2022q4.pdf statusnotat-taarnby-2022q4.pdf; do
    [ -f "$WORK/out/$f" ] || fail "missing $f"
done
bad=$(ls "$WORK/out" | grep -v -E '^[a-z0-9-]+\.pdf$' || true)
[ -z "$bad" ] || fail "unsafe file names: $bad"
qpdf --check "$WORK/out/statusnotat-aeroe-2022q4.pdf" >/dev/null || fail "not a valid PDF"
pdftotext "$WORK/out/statusnotat-aeroe-2022q4.pdf" - | grep -q "Ærø Kommune" || fail "the Ærø note does not name Ærø Kommune"
# Not a terminal: one plain line per report, then the summary.
[ "$(grep -c '^\[[0-9]*/98\] ok ' <<<"$out")" = 98 ] || fail "plain progress lines: $out"
grep -q "^98 rendered, 0 failed in " <<<"$out" || fail "summary: $out"

# --each kommune --each period: the product, quarters from the project period (2022Q1-Q4).
mkdir -p "$WORK/grid"
"$BIN" batch "$SRC/samples/aeldre/project.yaml" --template status-note --each kommune --each period \
    --periods 2024Q1..2024Q2 --out-dir "$WORK/grid" >/dev/null
[ "$(ls "$WORK/grid" | tr '\n' ' ')" = "statusnotat-hvidovre-2024q1.pdf statusnotat-hvidovre-2024q2.pdf statusnotat-odder-2024q1.pdf statusnotat-odder-2024q2.pdf statusnotat-vejen-2024q1.pdf statusnotat-vejen-2024q2.pdf " ] ||
    fail "grid: $(ls "$WORK/grid")"

# One PDF cannot be written (a directory is in its way): it fails, the others are written,
# and the exit code is 1 at the end.
mkdir -p "$WORK/fail/statusnotat-odder-2024q3.pdf"
set +e
out=$("$BIN" batch "$SRC/samples/aeldre/project.yaml" --template status-note --each kommune -P period=2024Q3 --out-dir "$WORK/fail"); rc=$?
set -e
[ $rc = 1 ] || fail "one failure: exit $rc"
grep -q "^2 rendered, 1 failed in " <<<"$out" || fail "one failure summary: $out"
grep -q "^failed: statusnotat-odder-2024q3.pdf: .*statusnotat-odder-2024q3.pdf: cannot move output file into place" <<<"$out" || fail "reason: $out"
[ -f "$WORK/fail/statusnotat-vejen-2024q3.pdf" ] && [ -f "$WORK/fail/statusnotat-hvidovre-2024q3.pdf" ] || fail "the others were not written"

# On a terminal: a bar with count, rate and ETA, redrawn in place.
mkdir -p "$WORK/tty"
script -qec "'$BIN' batch '$SRC/samples/aeldre/project.yaml' --template status-note --each kommune --out-dir '$WORK/tty'" /dev/null >"$WORK/tty.log"
grep -q $'\r' "$WORK/tty.log" || fail "no bar redrawn on a terminal"
grep -q "3/3 .*/s  ETA" "$WORK/tty.log" || fail "bar without count, rate and ETA: $(cat -v "$WORK/tty.log")"

# Mistakes are one line.
set +e
out=$("$BIN" batch "$SRC/samples/aeldre/project.yaml" --template status-note --each kommun --out-dir "$WORK/out" 2>&1); rc=$?
set -e
[ $rc = 2 ] || fail "unknown --each: exit $rc"
[ "$out" = "evalreport: --each kommun: template 'status-note' has no parameter 'kommun'; its parameters are: kommune, period" ] || fail "unknown --each: $out"
echo "1 passed, 0 failed"
