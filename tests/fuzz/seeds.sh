#!/usr/bin/env bash
# Writes the seed corpus of one fuzz target into DIR, from the samples, templates and tests:
#   tests/fuzz/seeds.sh csv build-fuzz/corpus/csv
# Seeds are cut to the target's input size limit (scripts/fuzz.sh). The CSV, XLSX targets read
# a dialect byte first; their seeds get each dialect once.
set -euo pipefail
cd "$(dirname "$0")/../.."
t=$1
out=$2
mkdir -p "$out"
seed() {  # seed NAME < bytes: named by content, so a seed is kept once
  local tmp
  tmp=$(mktemp "$out/.seed-XXXXXX")
  cat >"$tmp"
  mv "$tmp" "$out/seed-$1-$(md5sum "$tmp" | cut -c1-12)"
}
files() {  # files DIR... -name PATTERN...: regular files matching any pattern
  local dirs=() pats=()
  while [ $# -gt 0 ] && [ "$1" != -name ]; do dirs+=("$1"); shift; done
  while [ $# -gt 0 ]; do pats+=(-o -name "$2"); shift 2; done
  find "${dirs[@]}" -type f \( "${pats[@]:1}" \) 2>/dev/null | grep -v '/golden/' | sort
}
case $t in
  csv)
    for f in $(files samples tests/bad-input tests/cases tests/fixtures -name '*.csv'); do
      for d in '\x00' '\x11' '\x22'; do { printf "$d"; head -c 8000 "$f"; } | seed "$(basename "$f")"; done
    done ;;
  xlsx)
    for f in $(files tests/bad-input tests/cases tests/fixtures samples -name '*.xlsx'); do
      { printf '\x00'; cat "$f"; } | seed "$(basename "$f")"
      { printf '\x01'; cat "$f"; } | seed "$(basename "$f")"
    done ;;
  json)
    for f in $(files tests/bad-input tests/cases tests/fixtures samples -name '*.json'); do
      head -c 16000 "$f" | seed "$(basename "$f")"
    done ;;
  yaml)
    for f in $(files samples tests/bad-input tests/cases tests/fixtures templates -name 'project.yaml' -name 'template.yaml'); do
      head -c 16000 "$f" | seed "$(basename "$f")"
    done ;;
  schedule)
    for f in $(files samples tests/cases -name 'schedule*.yaml'); do seed "$(basename "$f")" <"$f"; done ;;
  cron)
    for e in '0 7 5 1,4,7,10 *' '*/30 * * * *' '0 0 * * fri-mon' '0 0 13 * 5' '0 0 29 2 *' '0 0 30 2 *' \
             '0 6 * jan,jul mon' '0,30 2 * * *' '15-45/10 8-10 * * 1-5' '30 2 * * *' '0 12 * * 7' '@hourly' \
             '@monthly' '@yearly' '@weekly' '@daily' '*/7 */5 */3 */2 */4' 'Ældreområdet <a@b.dk>' '15m' '7d'; do
      printf '%s\n\x00\x10\xa5\x65' "$e" | seed cron
    done ;;
  template)
    for f in $(files templates tests/cases tests/fixtures -name '*.md'); do head -c 16000 "$f" | seed "$(basename "$f")"; done ;;
  markdown)
    for f in $(files templates tests/cases -name '*.md') README.md docs/STATISTICS.md; do
      head -c 8000 "$f" | seed "$(basename "$f")"
    done ;;
  truetype) ;;  # font files are too large to seed from: the small subsets in regress/truetype/
  *) echo "seeds.sh: unknown target $t" >&2; exit 2 ;;
esac
# The committed reproducers and hand-made seeds (tests/fuzz/regress/<target>/).
for f in $(files "tests/fuzz/regress/$t" -name '*'); do seed "$(basename "$f")" <"$f"; done
echo "seeds.sh: $t: $(ls "$out" | wc -l) files in $out"
