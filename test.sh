#!/usr/bin/env bash
# Installs dependencies, builds evalreport and runs the whole test suite through ctest; then
# builds again with AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/) and runs the
# unit tests there (docs/RELIABILITY.md). Arguments go to the first ctest, e.g. ./test.sh -R
# bad-input; with arguments the sanitizer run is left out.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
ctest --test-dir build --output-on-failure -j2 "$@"
if [ $# -eq 0 ]; then
  scripts/test-sanitized.sh --unit
fi
