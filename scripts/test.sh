#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs unit and end-to-end
# tests (ctest), the static checks (scripts/lint.sh), the unit tests again
# under ASan/UBSan, and each libFuzzer target for a bounded time. CI runs
# exactly this (.ci/run).
#
#   scripts/test.sh            # everything
#   FUZZ_SECONDS=0 scripts/test.sh   # skip fuzzing
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=${JOBS:-2}
fuzz_seconds=${FUZZ_SECONDS:-30}

# Each step's wall time, printed at the end (also on failure), so that a CI
# log shows where the time went.
step_name="setup" step_start=$SECONDS run_start=$SECONDS times=()
step() {
  times+=("$(printf '%5d s  %s' $((SECONDS - step_start)) "$step_name")")
  step_name=$1 step_start=$SECONDS
}
print_times() {
  step "end"
  echo "== time per step (wall; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
  printf '%s\n' "${times[@]}"
  echo "$(printf '%5d s' $((SECONDS - run_start)))  in all"
  if [ -n "${CCACHE_STATSLOG:-}" ] && [ -s "$CCACHE_STATSLOG" ]; then
    echo "== ccache, this run's compiles (every tree):"
    ccache --show-log-stats | sed -n '/^Cacheable/,/^ *Misses/p'
  fi
}
trap print_times EXIT

bash scripts/setup.sh

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# Paths relative to the checkout in ccache's keys, so that another clone (a
# CI run) reuses what an earlier one compiled.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
# This run's hits and misses alone (the cache's own counters are shared with
# every other build on the machine), shown at the end.
mkdir -p build
export CCACHE_STATSLOG="$root/build/ccache-stats.log"
rm -f "$CCACHE_STATSLOG"
# Unity batches of 16 sources per translation unit (cmake/unity.cmake): after
# a header change both trees below recompile in about half the CPU time. Lint
# still checks every source alone (tools/tidy_sources.py expands the batches).
unity=(-DVERS_UNITY=ON)

echo "== build and test (RelWithDebInfo)"
step "build: configure and ninja build/"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${unity[@]}" "${launcher[@]}" >/dev/null
ninja -C build -j"$jobs"
# vers-local's VM base image: built once per machine (debootstrap, ~4 min) and
# cached outside the clone in ~/.cache/vers-local/images; seconds when warm.
step "vers-local build-image"
build/src/local/vers-local build-image
# Beside the end-to-end tests, which mostly wait on processes and sockets:
# lint, the ASan/UBSan tree and its tests, and the fuzz tree's build, one
# after the other at low priority (nice), so the tests keep the CPU they
# need and these use what is left. Their output is shown after ctest's.
side_jobs() {
  local t=$SECONDS
  side_step() { echo "$(printf '%5d s' $((SECONDS - t)))  $1 (beside ctest build/)" >>build/side-times.txt; t=$SECONDS; }
  echo "== lint: editorconfig, clang-format, clang-tidy with -Wthread-safety (scripts/lint.sh)"
  bash scripts/lint.sh build
  side_step "lint"
  echo "== unit tests under AddressSanitizer and UndefinedBehaviorSanitizer"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DVERS_SANITIZE=ON "${unity[@]}" "${launcher[@]}" >/dev/null
  ninja -C build-asan -j"$jobs" vers_unit_tests vers_acceptance_selftests vers_local_tests vergeio_local_tests terraform-provider-vers
  side_step "build: configure and ninja build-asan/"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" -R '^(unit:|local:[^ ]|vergeio-local:[^ ])'
  side_step "ctest build-asan/"
  if [ "$fuzz_seconds" -gt 0 ]; then
    cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVERS_FUZZ=ON \
      -DBUILD_TESTING=OFF -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" >/dev/null
    ninja -C build-fuzz -j"$jobs" $(cd fuzz && ls *_fuzzer.cc | sed 's/\.cc$//')
    side_step "build: configure and ninja build-fuzz/"
  fi
}
rm -f build/side-times.txt
(renice -n 10 -p "$BASHPID" >/dev/null; side_jobs) </dev/null >build/side.log 2>&1 &
side_pid=$!

step "ctest build/ (beside it: lint, build-asan/ and its tests, build-fuzz/)"
ctest_rc=0
ctest --test-dir build --output-on-failure -j"$jobs" || ctest_rc=$?
step "waiting for lint, build-asan/ and its tests, build-fuzz/"
side_rc=0
wait "$side_pid" || side_rc=$?
cat build/side.log
[ -f build/side-times.txt ] && while IFS= read -r line; do times+=("$line"); done <build/side-times.txt
[ "$ctest_rc" = 0 ] || { echo "ctest build/: failed" >&2; exit 1; }
[ "$side_rc" = 0 ] || { echo "lint, the ASan/UBSan tests or the fuzz build: failed (above)" >&2; exit 1; }

if [ "$fuzz_seconds" -gt 0 ]; then
  echo "== fuzzing each decoder for ${fuzz_seconds}s"
  step "fuzz"
  # Each target fuzzes on one core: $jobs of them at a time, each for the
  # full time; their output is shown in order once all have ended.
  for f in fuzz/*_fuzzer.cc; do
    name=$(basename "$f" .cc)
    corpus=build-fuzz/corpus/$name
    mkdir -p "$corpus"
    [ -d "fuzz/corpus/$name" ] && cp -n fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null || true
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
    (
      rc=0
      build-fuzz/"$name" -max_total_time="$fuzz_seconds" -print_final_stats=0 "$corpus" \
        >"build-fuzz/$name.log" 2>&1 || rc=$?
      echo "$rc" >"build-fuzz/$name.rc"
    ) &
  done
  wait
  fuzz_failed=0
  for f in fuzz/*_fuzzer.cc; do
    name=$(basename "$f" .cc)
    echo "-- $name"
    tail -3 "build-fuzz/$name.log"
    [ "$(cat "build-fuzz/$name.rc")" = 0 ] || { echo "fuzz: $name failed" >&2; fuzz_failed=1; }
  done
  [ "$fuzz_failed" = 0 ] || exit 1
  echo "fuzz: $(ls fuzz/*_fuzzer.cc | wc -l) targets ran ${fuzz_seconds}s each without a crash"
fi
