#!/usr/bin/env bash
# Installs dependencies, builds evalreport and runs the whole test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
ctest --test-dir build --output-on-failure -j2 "$@"
