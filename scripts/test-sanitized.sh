#!/usr/bin/env bash
# Builds evalreport and its tests with AddressSanitizer and UndefinedBehaviorSanitizer
# (EVALREPORT_SANITIZE=ON, GCC) into build-asan/ and runs the test suite there through ctest.
# Any sanitizer report fails the test that caused it (halt_on_error).
#
#   scripts/test-sanitized.sh              # the whole suite (docs/RELIABILITY.md has the time)
#   scripts/test-sanitized.sh --unit       # the Catch2 unit tests only (what ./test.sh runs in CI)
#   scripts/test-sanitized.sh -R bad-input # any ctest arguments
#
# EVALREPORT_ASAN_DIR overrides the build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${EVALREPORT_ASAN_DIR:-build-asan}
filter=()
if [ "${1:-}" = "--unit" ]; then
  shift
  # Unit tests: everything except the data-driven cases, bad-input cases and integration scripts.
  filter=(-E '^(case|bad-input|integration):')
fi
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEVALREPORT_SANITIZE=ON >/dev/null
cmake --build "$B" -j2
# detect_leaks: Poco and libharu keep a few process-lifetime allocations; tests/lsan.supp lists them.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=0:strict_string_checks=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$PWD/tests/ubsan.supp"
ctest --test-dir "$B" --output-on-failure -j2 --timeout 600 "${filter[@]}" "$@"
