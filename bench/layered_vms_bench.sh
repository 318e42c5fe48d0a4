#!/usr/bin/env bash
# Benchmark (not a test): examples/layered-vms as shipped, one `tofu apply`
# against vers-local. Reports the apply's wall time, the provider's CPU
# (user+sys, every provider run of the apply) and its share of the wall time
# (goal <= 1%), OpenTofu's own CPU, the provider's peak RSS and the API calls.
#
#   bench/layered_vms_bench.sh
#
# Environment: BUILD_DIR (default build), TOFU (default .tools/bin/tofu),
# PROFILE_DIR (set: each provider run is recorded by `perf record` there, to
# see where the provider's CPU goes; its CPU then includes perf's).
# Writes the table to bench/results/layered_vms_bench.txt as well as stdout.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
tofu_bin=${TOFU:-$root/.tools/bin/tofu}
source "$root/bench/lib.sh"
bench_work layered
bench_vers_local
cp -r "$root/examples/layered-vms/." "$work/tf/"
export TF_VAR_ca_cert_file=$ca
tf=("$tofu_bin" -chdir="$work/tf")
requests() { curl -sS --fail --cacert "$ca" -H "Authorization: Bearer $VERS_API_KEY" "${VERS_BASE_URL%/api/v1}/_admin/requests"; }

"${tf[@]}" init -input=false -no-color >"$work/init.out" 2>&1 || true  # dev_overrides: nothing to install
before=$(requests)
[ -n "${PROFILE_DIR:-}" ] && mkdir -p "$PROFILE_DIR" && export VERS_BENCH_PERF_DIR=$PROFILE_DIR
t0=$EPOCHREALTIME
VERS_BENCH_RUSAGE="$work/apply.rusage" bench_tree_cpu "$work/apply.tree_cpu" \
  "${tf[@]}" apply -auto-approve -no-color -input=false >"$work/apply.out" 2>&1 ||
  { echo "apply failed:" >&2; tail -40 "$work/apply.out" >&2; exit 1; }
wall=$(python3 -c "print(f'{$EPOCHREALTIME - $t0:.2f}')")
unset VERS_BENCH_PERF_DIR
read -r runs cpu tofu_cpu share rss calls < <(python3 -c '
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1])]
cpu = sum(r["utime"] + r["stime"] for r in rs)
tofu = float(open(sys.argv[2]).read()) - cpu - sum(r["wrapper_cpu"] for r in rs)
b, a = json.loads(sys.argv[4]), json.loads(sys.argv[5])
calls = a.get("total", 0) - b.get("total", 0)
rss = max(r["maxrss_kib"] for r in rs) / 1024
print(len(rs), f"{cpu:.3f}", f"{tofu:.2f}", f"{100 * cpu / float(sys.argv[3]):.2f}",
      f"{rss:.1f}", calls)' \
  "$work/apply.rusage" "$work/apply.tree_cpu" "$wall" "$before" "$(requests)")
"${tf[@]}" destroy -auto-approve -no-color -input=false >"$work/destroy.out" 2>&1 ||
  { echo "destroy failed:" >&2; tail -40 "$work/destroy.out" >&2; exit 1; }

mkdir -p "$root/bench/results"
{
  echo "layered_vms_bench  $(date -u '+%Y-%m-%d %H:%M:%S UTC')  nproc=$(nproc)  load=$(cut -d' ' -f1 /proc/loadavg)"
  printf '%-48s %s\n' \
    "apply wall time (s)" "$wall" \
    "provider CPU in apply, user+sys (s)" "$cpu ($runs provider runs)" \
    "provider CPU / apply wall (goal <= 1%)" "$share%" \
    "OpenTofu's own CPU in apply (s)" "$tofu_cpu" \
    "provider peak RSS in apply (MiB)" "$rss" \
    "API calls in apply" "$calls" \
    "counters after destroy (vms commits tags)" "$(counters)"
  if [ -n "${PROFILE_DIR:-}" ]; then
    echo "where the provider's CPU went (perf, PROFILE_DIR=$PROFILE_DIR):"
    python3 "$root/bench/perf_breakdown.py" "$PROFILE_DIR"
  fi
} | tee "$root/bench/results/layered_vms_bench.txt"
