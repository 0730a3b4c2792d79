#!/usr/bin/env bash
# Renders the sample reports into output/ (called by run.sh after the build): for each of the
# three sample projects the evaluation report, the quarterly report, the status note for the
# whole project and one status note per municipality; and the chart gallery.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p output
bin=build/evalreport
render() {  # render <project> <template> <out-name> [-P …]
  local project=$1 template=$2 out=$3
  shift 3
  "$bin" render "samples/$project/project.yaml" --template "$template" "$@" -o "output/$out"
  echo "wrote output/$out"
}
slug() {  # "Næstved" -> "naestved"
  echo "$1" | tr '[:upper:]' '[:lower:]' | sed 's/æ/ae/g; s/ø/oe/g; s/å/aa/g; s/ /-/g'
}
declare -A municipalities=(
  [aeldre]="Hvidovre Vejen Odder"
  [vaeresteder]="Haderslev Holstebro Odense"
  [isolerede]="Aarhus Viborg Næstved"
)
for project in aeldre vaeresteder isolerede; do
  render "$project" evaluation "$project-evaluation.pdf"
  render "$project" quarterly "$project-quarterly.pdf"
  render "$project" status-note "$project-status-note.pdf"
  for kommune in ${municipalities[$project]}; do
    render "$project" status-note "$project-status-note-$(slug "$kommune").pdf" -P "kommune=$kommune"
  done
done
build/evalreport-gallery output/chart-gallery.pdf  # every chart type and edge case (charts/gallery/)
