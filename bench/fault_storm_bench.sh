#!/usr/bin/env bash
# Benchmark (not a test): the fault storm of issue 10, item 3, repeated.
# Runs the acceptance case vers_fault_storm (test/acceptance/scenarios/
# vers_fault_storm.cc) with seeds 1..RUNS (default 10; two at a time, as the
# case runs them): 30 resources under 30% 503s, 20% lost answers, 10% cut
# connections and 20 ms latency. A run
# converges when at most 2 applies end with exactly the declared objects,
# the re-plan is empty, and at most 2 destroys leave nothing: when none of
# its checks failed.
#
#   RUNS=10 bench/fault_storm_bench.sh
#
# Environment: RUNS, BUILD_DIR (default build), TOFU (default .tools/bin/tofu).
# Writes bench/results/fault_storm_bench.txt as well as stdout.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-10}
build=${BUILD_DIR:-$root/build}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
STORM_SEEDS=$(seq -s ' ' 1 "$runs") \
  VERS_PROVIDER=$build/terraform-provider-vers VERS_LOCAL=$build/src/local/vers-local \
  VERGEIO_LOCAL=$build/src/vergeio_local/vergeio-local VERS_SOURCE_DIR=$root \
  VERS_TOFU=${TOFU:-$root/.tools/bin/tofu} "$build/vers_acceptance_tests" vers_fault_storm >"$log" 2>&1
elapsed=$(($(date +%s) - start))
# One line per seed from the case's output (two seeds run at once, so their
# lines interleave): the runs CliSucceedsWithin made ("seed-S-apply: K of at
# most 2 runs made…") and any "FAIL: seed S: …".
report=$(for seed in $(seq 1 "$runs"); do
  applies=$(sed -n "s/^seed-$seed-apply: \([0-9]*\) of at most.*/\1/p" "$log")
  destroys=$(sed -n "s/^seed-$seed-destroy: \([0-9]*\) of at most.*/\1/p" "$log")
  converged=yes
  grep -q "^FAIL: seed $seed: " "$log" && converged=no
  [ -n "$applies" ] || converged=no
  echo "seed=$seed converged=$converged applies=${applies:--} destroys=${destroys:--}"
done)
converged=$(grep -c 'converged=yes' <<<"$report" || true)
out=$root/bench/results/fault_storm_bench.txt
{
  echo "fault_storm_bench  $(date -u '+%Y-%m-%d %H:%M:%S UTC')  nproc=$(nproc)  RUNS=$runs"
  echo "faults: error_rate 0.3 (503), lose_response_rate 0.2, drop_rate 0.1, latency_ms 20; 30 resources"
  echo "$report"
  grep '^FAIL: ' "$log" || true
  echo "converged runs                               $converged / $runs"
  echo "wall time, all runs (s)                      $elapsed"
} | tee "$out"
