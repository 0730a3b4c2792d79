#!/bin/bash
# Render benchmark (docs/BENCHMARKS.md, "Rendering"): whole-process wall time of
# `evalreport render`, start to exit, for the status note, the quarterly report and the
# evaluation report of every sample project, with the page count and size of each PDF.
#
# Budgets (issue 7): status note <= 15 ms median and <= 150 KB; a 40-page evaluation report
# <= 250 ms and <= 1,5 MB.
#
# usage: [REST=seconds] bench/render_bench.sh [build dir] [runs]
#   e.g. bench/render_bench.sh build 100
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
RUNS=${2:-30}
OUT=$(mktemp -d /tmp/evalreport-render-bench-XXXXXX)
trap 'rm -rf "$OUT"' EXIT
export SOURCE_DATE_EPOCH=1730332800
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "process start-up: /bin/true $("$BUILD/evalreport-bench-process" 200 /bin/true | awk '{print $2}') ms median, evalreport --help $("$BUILD/evalreport-bench-process" 200 "$BUILD/evalreport" --help | awk '{print $2}') ms median"
# The status notes (whose budget is one render's latency) are measured first, each after
# REST seconds idle (default 0); the other templates follow back to back. This machine is a
# shared VM: the same render's median moves by up to 50 % from one minute to the next
# (docs/BENCHMARKS.md "Rendering"), so compare runs made close together.
REST=${REST:-0}
printf '%-12s %-12s %6s %9s %9s %9s %9s\n' project template pages size min_ms median_ms max_ms
measure() {
    local project=$1 template=$2 pdf="$OUT/$1-$2.pdf" min median max
    # evalreport-bench-process (bench/process_bench.cpp): posix_spawn to exit, RUNS times.
    read -r min median max < <("$BUILD/evalreport-bench-process" "$RUNS" "$BUILD/evalreport" render \
        "samples/$project/project.yaml" --template "$template" -o "$pdf")
    printf '%-12s %-12s %6s %8.1fK %9s %9s %9s\n' "$project" "$template" "$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')" \
        "$(echo "$(stat -c %s "$pdf") / 1024" | bc -l)" "$min" "$median" "$max"
}
for project in aeldre vaeresteder isolerede; do
    sleep "$REST"
    measure "$project" status-note
done
for project in aeldre vaeresteder isolerede; do
    for template in quarterly evaluation; do measure "$project" "$template"; done
done
