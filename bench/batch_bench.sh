#!/bin/bash
# Batch benchmark (docs/BENCHMARKS.md, "Batch"): 98 status notes from a generated
# 200,000-citizen aeldre project, whole process, wall clock. Data generation is not timed.
#
# usage: bench/batch_bench.sh [build dir] [repeats] [threads]
#   e.g. bench/batch_bench.sh build-delivery 5 2
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
REPEATS=${2:-5}
THREADS=${3:-2}
DATA=/tmp/big
if [ ! -f "$DATA/project.yaml" ]; then
    "$BUILD/evalreport-gen" --shape aeldre --citizens 200000 --municipalities 98 --quarters 12 --seed 1 --out "$DATA"
fi
OUT=$(mktemp -d /tmp/evalreport-batch-bench-XXXXXX)
trap 'rm -rf "$OUT"' EXIT
export SOURCE_DATE_EPOCH=1730332800
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$REPEATS"); do
    rm -f "$OUT"/*.pdf
    start=$(date +%s.%N)
    summary=$("$BUILD/evalreport" batch "$DATA/project.yaml" --template status-note --each kommune -P period=2024Q3 \
        -j "$THREADS" --out-dir "$OUT" | tail -1)
    end=$(date +%s.%N)
    # "98 rendered, 0 failed in R s (x reports/s; load L s, total T s) into …"
    render=$(sed -E 's/.* in ([0-9.]+) s .*/\1/' <<<"$summary")
    load=$(sed -E 's/.*load ([0-9.]+) s.*/\1/' <<<"$summary")
    printf 'run %d: wall %.2f s (ingest + stats index %.2f s, 98 reports %.2f s on %d threads) %s PDFs, %s\n' \
        "$i" "$(echo "$end - $start" | bc)" "$load" "$render" "$THREADS" "$(ls "$OUT" | wc -l)" "$(du -sh "$OUT" | cut -f1)"
done
