#!/usr/bin/env bash
# Benchmark (not a test): COUNT `vers_vm_restore` from one commit in a single
# `tofu apply`, against vers-local. Reports apply/destroy wall time, the
# provider's CPU time and peak RSS during the apply, and API calls per
# resource on a refresh (`tofu plan`).
#
#   COUNT=200 PARALLELISM=10 bench/restore_bench.sh
#
# Environment: COUNT (default 200), PARALLELISM (default 10, `tofu -parallelism`),
# VERS_LOCAL_ARGS (vers-local's extra serve arguments, e.g.
# "--max-requests-per-connection 5": a front that closes connections early),
# BUILD_DIR (default build), VERS_PROVIDER (the provider binary to measure, e.g.
# the static release binary; default BUILD_DIR's), TOFU (default .tools/bin/tofu), PROFILE_DIR (set:
# each provider run of the apply is recorded by `perf record -g` there; its
# CPU then includes perf's).
# Writes the table to bench/results/restore_bench.txt as well as stdout.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
count=${COUNT:-200}
parallelism=${PARALLELISM:-10}
build=${BUILD_DIR:-$root/build}
tofu_bin=${TOFU:-$root/.tools/bin/tofu}
source "$root/bench/lib.sh"
bench_work restore
bench_vers_local
subject_at_start=$(bench_subject)

cd "$work/tf"
cat >main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" { ca_cert_file = "$ca" }
resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_vm_commit" "base" { vm_id = vers_vm.base.id }
resource "vers_vm_restore" "r" {
  count     = $count
  commit_id = vers_vm_commit.base.commit_id
}
TF

# run NAME CMD...: runs CMD with output to NAME.out, sets $secs to its wall time.
run() {
  local name=$1 t0=$EPOCHREALTIME
  shift
  "$@" >"$work/$name.out" 2>&1 || { echo "$name failed:" >&2; tail -40 "$work/$name.out" >&2; exit 1; }
  secs=$(python3 -c "print(f'{$EPOCHREALTIME - $t0:.2f}')")
}
tf=("$tofu_bin" -chdir="$work/tf")

requests() { curl -sS --fail --cacert "$ca" -H "Authorization: Bearer $VERS_API_KEY" "${VERS_BASE_URL%/api/v1}/_admin/requests"; }
# TLS connections made to vers-local's API so far: "accepted resumed".
connections() {
  curl -sS --fail --cacert "$ca" -H "Authorization: Bearer $VERS_API_KEY" \
    "${VERS_BASE_URL%/api/v1}/_admin/connections" | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["accepted"], c["resumed"])'
}

# --- apply, with the rusage of every provider process it starts, and the
# CPU of OpenTofu itself: its whole tree less the providers and wrappers ---
requests_before=$(requests)
read -r conns_before resumed_before < <(connections)
[ -n "${PROFILE_DIR:-}" ] && mkdir -p "$PROFILE_DIR" && export VERS_BENCH_PERF_DIR=$PROFILE_DIR
VERS_BENCH_RUSAGE="$work/apply.rusage" run apply bench_tree_cpu "$work/apply.tree_cpu" \
  "${tf[@]}" apply -auto-approve -no-color -input=false -parallelism="$parallelism"
unset VERS_BENCH_PERF_DIR
apply_secs=$secs
read -r conns_after resumed_after < <(connections)
conns_apply=$((conns_after - conns_before - 1)) resumed_apply=$((resumed_after - resumed_before))
read -r runs cpu utime stime rss anon tofu_cpu ratio < <(python3 -c '
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1])]
u, s = sum(r["utime"] for r in rs), sum(r["stime"] for r in rs)
m = max(r["maxrss_kib"] for r in rs) / 1024
a = max(r.get("anon_kib", 0) for r in rs) / 1024
tofu = float(open(sys.argv[2]).read()) - u - s - sum(r["wrapper_cpu"] for r in rs)
print(len(rs), f"{u + s:.2f}", f"{u:.2f}", f"{s:.2f}", f"{m:.1f}", f"{a:.1f}", f"{tofu:.2f}", f"{(u + s) / tofu:.2f}")' \
  "$work/apply.rusage" "$work/apply.tree_cpu")
# Calls per restored VM: all calls of the apply less the base VM's 3 and its
# commit's 2 (test/acceptance/scenarios/vers_api_calls.cc) and less the metadata reads
# repeated while VMs boot (how many depends on the machine's speed).
read -r per_restore by_op < <(python3 -c '
import json, sys
b, a, n = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
d = {k: v - b.get(k, 0) for k, v in a.items() if v - b.get(k, 0)}
repeated = max(d.get("get_vm_metadata", 0) - (n + 1), 0)
total = d.pop("total", 0)
print(f"{(total - repeated - 5) / n:.2f}",
      ",".join(f"{k}={v}" for k, v in sorted(d.items())))' "$requests_before" "$(requests)" "$count")
after_apply=$(counters)
[ "$after_apply" = "$((count + 1)) 1 0" ] || echo "warning: counters after apply: $after_apply (vms commits tags)" >&2

# --- refresh: count the provider's "vers api call" debug lines during a plan ---
resources=$("${tf[@]}" state list | wc -l)
TF_LOG_PROVIDER=debug TF_LOG_PATH="$work/plan.log" run plan "${tf[@]}" plan -no-color -input=false -parallelism="$parallelism"
plan_secs=$secs
calls=$(grep -c ': vers api call:' "$work/plan.log" || true)
per_resource=$(python3 -c "print(f'{$calls / $resources:.2f}')")
grep -q 'No changes' "$work/plan.out" || echo "warning: plan after apply is not empty" >&2

# --- destroy ---
run destroy "${tf[@]}" destroy -auto-approve -no-color -input=false -parallelism="$parallelism"
destroy_secs=$secs
after_destroy=$(counters)
[ "$after_destroy" = "0 0 0" ] && leftover=ok || leftover="NOT EMPTY: $after_destroy"

mkdir -p "$root/bench/results"
{
  echo "restore_bench  $(date -u '+%Y-%m-%d %H:%M:%S UTC')  nproc=$(nproc)  COUNT=$count  PARALLELISM=$parallelism"
  echo "$subject_at_start (at start)"
  echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)${VERS_LOCAL_ARGS:+  vers-local: $VERS_LOCAL_ARGS}"
  printf '%-44s %s\n' \
    "apply wall time (s)" "$apply_secs" \
    "provider CPU in apply, user+sys (s)" "$cpu ($utime + $stime, $runs provider runs)" \
    "OpenTofu's own CPU in apply (s)" "$tofu_cpu" \
    "provider CPU / OpenTofu CPU (goal <= 0.33)" "$ratio" \
    "provider peak RSS in apply (MiB, goal <= 12)" "$rss (VmHWM)" \
    "provider peak anonymous RSS (MiB)" "$anon" \
    "API calls per restored VM (boot polls aside)" "$per_restore ($by_op)" \
    "API connections made in apply (TLS resumed)" "$conns_apply ($resumed_apply)" \
    "refresh plan wall time (s)" "$plan_secs" \
    "API calls on refresh / managed resources" "$calls / $resources = $per_resource" \
    "destroy wall time (s)" "$destroy_secs" \
    "counters after destroy (vms commits tags)" "$after_destroy ($leftover)"
  if [ -n "${PROFILE_DIR:-}" ]; then
    echo "where the provider's CPU went (perf, PROFILE_DIR=$PROFILE_DIR):"
    python3 "$root/bench/perf_breakdown.py" "$PROFILE_DIR"
  fi
} | tee "$root/bench/results/restore_bench.txt"
