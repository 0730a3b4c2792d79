#!/usr/bin/env bash
# Records what a build produces, for refactors that must not change behaviour:
#   scripts/snapshot.sh BUILD_DIR OUT_DIR
# writes every sample PDF (each sample x template, the per-municipality notes and the chart
# gallery) and the stats JSON of every sample x template into OUT_DIR, with SOURCE_DATE_EPOCH
# fixed. Compare two snapshots with `diff -r A B`.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "$1")
out=$2
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1730332800
declare -A municipalities=(
  [aeldre]="Hvidovre Vejen Odder"
  [vaeresteder]="Haderslev Holstebro Odense"
  [isolerede]="Aarhus Viborg Næstved"
)
for project in aeldre vaeresteder isolerede; do
  for template in evaluation quarterly status-note economics-check; do
    "$build/evalreport" render "samples/$project/project.yaml" --template "$template" \
      -o "$out/$project-$template.pdf" >/dev/null 2>"$out/$project-$template.render.err" || true
    "$build/evalreport" stats "samples/$project/project.yaml" --template "$template" \
      >"$out/$project-$template.json" 2>"$out/$project-$template.stats.err" || true
  done
  for kommune in ${municipalities[$project]}; do
    "$build/evalreport" render "samples/$project/project.yaml" --template status-note \
      -P "kommune=$kommune" -o "$out/$project-note-$kommune.pdf" >/dev/null
  done
done
gallery=$(find "$build" -maxdepth 1 -name evalreport-gallery -type f | head -n1)
[ -n "$gallery" ] && "$gallery" "$out/chart-gallery.pdf" >/dev/null
echo "snapshot: $(ls "$out" | wc -l) files in $out"
