#!/usr/bin/env bash
# Renders the sample reports into output/ (called by run.sh after the build).
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
render aeldre status-note aeldre-status-note.pdf
for kommune in Hvidovre Vejen Odder; do
  slug=$(echo "$kommune" | tr '[:upper:]' '[:lower:]')
  render aeldre status-note "aeldre-status-note-$slug.pdf" -P "kommune=$kommune"
done
build/evalreport-gallery output/chart-gallery.pdf  # every chart type and edge case (charts/gallery/)
