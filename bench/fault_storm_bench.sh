#!/usr/bin/env bash
# Benchmark (not a test): the fault storm of issue 10, item 3, repeated.
# Runs test/e2e/vers_fault_storm.sh with seeds 1..RUNS (default 10): 30
# resources under 30% 503s, 20% lost answers, 10% cut connections and 20 ms
# latency. A run converges when at most 2 applies end with exactly the
# declared objects, the re-plan is empty, and destroy leaves nothing.
#
#   RUNS=10 bench/fault_storm_bench.sh
#
# Environment: RUNS, BUILD_DIR (default build), TOFU (default .tools/bin/tofu).
# Writes bench/results/fault_storm_bench.txt as well as stdout.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-10}
build=${BUILD_DIR:-$root/build}
report=$(mktemp)
trap 'rm -f "$report"' EXIT
start=$(date +%s)
STORM_SEEDS=$(seq -s ' ' 1 "$runs") STORM_REPORT=$report \
  VERS_PROVIDER=$build/terraform-provider-vers VERS_LOCAL=$build/src/local/vers-local \
  VERS_TOFU=${TOFU:-$root/.tools/bin/tofu} bash "$root/test/e2e/vers_fault_storm.sh" >"$report.log" 2>&1
elapsed=$(($(date +%s) - start))
converged=$(grep -c 'converged=yes' "$report" || true)
out=$root/bench/results/fault_storm_bench.txt
{
  echo "fault_storm_bench  $(date -u '+%Y-%m-%d %H:%M:%S UTC')  nproc=$(nproc)  RUNS=$runs"
  echo "faults: error_rate 0.3 (503), lose_response_rate 0.2, drop_rate 0.1, latency_ms 20; 30 resources"
  cat "$report"
  echo "converged runs                               $converged / $runs"
  echo "wall time, all runs (s)                      $elapsed"
} | tee "$out"
rm -f "$report.log"
