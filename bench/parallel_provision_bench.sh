#!/usr/bin/env bash
# Benchmark (not a test): COUNT VMs provisioned in parallel in one `tofu apply`
# against vers-local. Each `vers_vm` (512 MiB, 1 GiB disk) has a
# `vers_provision` that uploads a 1 MiB file and runs 2 commands (the first
# checks the file's SHA-256 in the VM). Reports the wall time of the apply and
# of the destroy, the provider's CPU time and peak RSS during the apply, the
# per-resource times OpenTofu prints, and that vers-local is empty at the end.
#
#   bench/parallel_provision_bench.sh
#
# vers-local's VMs see the host's root filesystem below their own layer, so
# the host's /root/.bashrc, which bash sources for every command run over SSH,
# runs in them too (on a dev machine with e.g. `pyenv init` there, ~0.2 CPU-s
# per command, 3 per VM here: more than the provider's own work). Each
# provisioning therefore first writes an empty /root/.bashrc in its VM (its own
# layer; the host's file is untouched); MASK_HOST_BASHRC=0 leaves it out.
#
# Environment: COUNT (default 20), PARALLELISM (default 20, `tofu -parallelism`),
# BUILD_DIR (default build-bench; must hold terraform-provider-vers and
# src/local/vers-local), TOFU (default .tools/bin/tofu).
# Writes the table to bench/results/parallel_provision_bench.txt as well as stdout.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
count=${COUNT:-20}
parallelism=${PARALLELISM:-20}
mask=${MASK_HOST_BASHRC:-1}
build=${BUILD_DIR:-$root/build-bench}
tofu_bin=${TOFU:-$root/.tools/bin/tofu}
source "$root/bench/lib.sh"
bench_work provision
bench_vers_local

cd "$work/tf"
head -c $((1024 * 1024)) /dev/urandom >payload.bin
cat >main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" { ca_cert_file = "$ca" }
resource "vers_vm" "vm" {
  count        = $count
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_provision" "p" {
  count = $count
  vm_id = vers_vm.vm[count.index].id
  files = [$([ "$mask" = 1 ] && echo '
    { content = "", destination = "/root/.bashrc" },')
    { source = "\${path.module}/payload.bin", destination = "/root/payload.bin" },
  ]
  commands = [
    "echo '$(sha256sum payload.bin | cut -c1-64)  /root/payload.bin' | sha256sum -c -",
    "echo provisioned > /root/done",
  ]
}
output "summaries" { value = vers_provision.p[*].summary }
TF

# run NAME CMD...: runs CMD with output to NAME.out, sets $secs to its wall time.
run() {
  local name=$1 t0=$EPOCHREALTIME
  shift
  "$@" >"$work/$name.out" 2>&1 || { echo "$name failed:" >&2; tail -40 "$work/$name.out" >&2; exit 1; }
  secs=$(python3 -c "print(f'{$EPOCHREALTIME - $t0:.2f}')")
}
tf=("$tofu_bin" -chdir="$work/tf")
# per_resource ADDRESS FILE VERB: median and max of OpenTofu's "ADDRESS[i]: VERB complete after Ns".
per_resource() {
  sed -n "s/^$1\[[0-9]*\]: $3 complete after \([0-9hms]*\).*/\1/p" "$2" | python3 -c '
import re, statistics, sys
ts = [sum(int(n) * {"h": 3600, "m": 60, "s": 1}[u] for n, u in re.findall(r"(\d+)([hms])", l)) for l in sys.stdin]
print(f"{statistics.median(ts):g} s, max {max(ts)} s ({len(ts)} resources)" if ts else "n/a")'
}

# No `tofu init`: dev_overrides serves the provider without the registry.
VERS_BENCH_RUSAGE="$work/apply.rusage" run apply "${tf[@]}" apply -auto-approve -no-color -input=false -parallelism="$parallelism"
apply_secs=$secs
read -r cpu utime stime rss < <(python3 -c '
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1])]
u, s = sum(r["utime"] for r in rs), sum(r["stime"] for r in rs)
m = max(r["maxrss_kib"] for r in rs) / 1024
print(f"{u + s:.2f}", f"{u:.2f}", f"{s:.2f}", f"{m:.1f}")' "$work/apply.rusage")
vm_times=$(per_resource 'vers_vm\.vm' "$work/apply.out" Creation)
prov_times=$(per_resource 'vers_provision\.p' "$work/apply.out" Creation)
after_apply=$(counters)
expected="$((mask + 1)) files (1048576 bytes, verified); 2 commands (exit codes 0,0)"
good=$("${tf[@]}" output -json summaries | python3 -c '
import json, sys
print(sum(1 for s in json.load(sys.stdin) if s == sys.argv[1]))' "$expected")

run destroy "${tf[@]}" destroy -auto-approve -no-color -input=false -parallelism="$parallelism"
destroy_secs=$secs
after_destroy=$(counters)
[ "$after_destroy" = "0 0 0" ] && leftover=ok || leftover="NOT EMPTY"

mkdir -p "$root/bench/results"
{
  echo "parallel_provision_bench  $(date -u '+%Y-%m-%d %H:%M:%S UTC')  nproc=$(nproc)  COUNT=$count  PARALLELISM=$parallelism  $("$tofu_bin" version | head -1)"
  echo "each: vers_vm (512 MiB, 1 GiB disk) + vers_provision (1 MiB file, 2 commands)$([ "$mask" = 1 ] && echo ', host ~/.bashrc masked in the VM (an empty /root/.bashrc uploaded first)')"
  printf '%-46s %s\n' \
    "apply wall time (s)" "$apply_secs" \
    "  vers_vm creation, median (OpenTofu's)" "$vm_times" \
    "  vers_provision creation, median" "$prov_times" \
    "provider CPU in apply, user+sys (s)" "$cpu ($utime + $stime)" \
    "provider peak RSS in apply (MiB)" "$rss" \
    "provisions whose summary is as expected" "$good / $count (\"$expected\")" \
    "counters after apply (vms commits tags)" "$after_apply" \
    "destroy wall time (s)" "$destroy_secs" \
    "counters after destroy (vms commits tags)" "$after_destroy ($leftover)"
} | tee "$root/bench/results/parallel_provision_bench.txt"
