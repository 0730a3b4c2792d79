#!/usr/bin/env bash
# Regenerates the golden files in tests/golden/ from the current code. Review `git diff`
# before committing: a golden file changes only when the output is meant to change.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build -j2 --target evalreport_tests >/dev/null
EVALREPORT_UPDATE_GOLDEN=1 SOURCE_DATE_EPOCH=1730332800 build/tests/evalreport_tests "[golden]" >/dev/null || true
git status --short tests/golden
