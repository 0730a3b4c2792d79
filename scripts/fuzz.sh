#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang, ASan and UBSan into build-fuzz/ and
# runs them, two at a time (the machine has two cores), each for SECONDS (default 600).
#
#   scripts/fuzz.sh                    # every target, 10 minutes each
#   scripts/fuzz.sh 60 csv cron        # two targets, one minute each
#   scripts/fuzz.sh --build-only
#
# Seeds come from the samples, templates and tests (tests/fuzz/seeds.sh); the growing corpus
# is kept in build-fuzz/corpus/<target>/, logs in build-fuzz/logs/<target>.log, and crashes,
# hangs and out-of-memory inputs in build-fuzz/artifacts/<target>/. A reproducer belongs in
# tests/fuzz/regress/<target>/ once its bug is fixed (ctest fuzz-regress:<target> replays it).
# Installs clang and libclang-rt-14-dev (Debian) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
all=(csv xlsx json yaml schedule cron template markdown truetype)
build_only=0
seconds=600
if [ "${1:-}" = "--build-only" ]; then build_only=1; shift; fi
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# clang and libFuzzer are needed here only, so they are not in scripts/deps.txt.
missing=()
for pkg in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

B=build-fuzz
cmake -S . -B $B -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEVALREPORT_FUZZ=ON \
      -DEVALREPORT_TESTS=OFF >/dev/null
cmake --build $B -j2 --target $(printf 'fuzz-%s ' "${targets[@]}")
[ $build_only -eq 1 ] && exit 0

mkdir -p $B/logs
for t in "${targets[@]}"; do
  mkdir -p $B/corpus/$t $B/artifacts/$t
  tests/fuzz/seeds.sh "$t" $B/corpus/$t
done

# Input size limits: enough for every seed's interesting part; layout of a huge document is
# slow by nature, not a hang.
declare -A max_len=([csv]=8192 [xlsx]=65536 [json]=16384 [yaml]=16384 [schedule]=16384 [cron]=256
                    [template]=16384 [markdown]=8192 [truetype]=16384)
run() {
  local t=$1
  local rc=0
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    $B/fuzz/fuzz-$t -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="${max_len[$t]}" \
      -print_final_stats=1 -artifact_prefix=$B/artifacts/$t/ $B/corpus/$t >$B/logs/$t.log 2>&1 || rc=$?
  # A finding stops the target: its input is in $B/artifacts/$t/ and the report in the log.
  echo "fuzz-$t: exit $rc; $(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' $B/logs/$t.log | tail -1)"
  [ $rc = 0 ] || grep -E 'ERROR|SUMMARY|Test unit written' $B/logs/$t.log | head -3
  grep -E '^stat::' $B/logs/$t.log | tr '\n' ' '; echo
  return 0
}
i=0
for t in "${targets[@]}"; do
  run "$t" &
  i=$((i + 1))
  if [ $((i % 2)) -eq 0 ]; then wait; fi
done
wait
