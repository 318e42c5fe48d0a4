#!/usr/bin/env bash
# Benchmark (not a test): the four layers of examples/layered-images
# (./layers: base -> tools -> app -> worker, one vers_image_layer each)
# against vers-local:
#   cold:  a first workspace builds every layer (a VM, provisioning, a commit
#          and a tag each; every build VM deleted);
#   warm:  a fresh second workspace applies the same layers: goal <= 1 s of
#          wall time, 0 VMs made, 0 commands run (no ssh_key, no commit);
#   change: layer 3's script changes in the first workspace: the apply
#          rebuilds layers 3 and 4 only.
# Wall times are of the whole `tofu apply` (CLI start to exit).
#
#   bench/image_layers_bench.sh
#
# Environment: BUILD_DIR (default build), TOFU (default .tools/bin/tofu),
# ROUNDS (default 3: warm applies, each in a fresh workspace; the median is
# reported). Writes bench/results/image_layers.txt as well as stdout.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
tofu_bin=${TOFU:-$root/.tools/bin/tofu}
rounds=${ROUNDS:-3}
source "$root/bench/lib.sh"
bench_work image-layers
bench_vers_local
# Wall times are the point here: the CLI runs the provider itself, not
# through bench/lib.sh's rusage wrapper (a Python start per provider run).
cat >"$work/direct.tfrc" <<CFG
provider_installation {
  dev_overrides { "hdr/vers" = "$work/bin" }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/direct.tfrc"
requests() { curl -sS --fail --cacert "$ca" -H "Authorization: Bearer $VERS_API_KEY" "${VERS_BASE_URL%/api/v1}/_admin/requests"; }
# delta BEFORE AFTER OPS...: the summed increase of those request counts.
delta() {
  python3 -c '
import json, sys
b, a = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(sum(a.get(o, 0) - b.get(o, 0) for o in sys.argv[3:]))' "$@"
}
vm_ops=(create_new_root_vm restore_from_commit branch_vm)
# A workspace holding the layers module as shipped, with vers-local's CA.
workspace() {
  mkdir -p "$work/$1" && cp -r "$root/examples/layered-images/layers/." "$work/$1/"
  printf 'provider "vers" {\n  ca_cert_file = "%s"\n}\n' "$ca" >"$work/$1/zz_bench_provider.tf"
}
# timed_apply DIR: applies, prints the wall time in seconds.
timed_apply() {
  local t0=$EPOCHREALTIME
  "$tofu_bin" -chdir="$work/$1" apply -auto-approve -no-color -input=false >"$work/$1.out" 2>&1 ||
    { echo "apply in $1 failed:" >&2; tail -40 "$work/$1.out" >&2; exit 1; }
  python3 -c "print(f'{$EPOCHREALTIME - $t0:.2f}')"
}

workspace cold
before=$(requests)
cold_wall=$(timed_apply cold)
after=$(requests)
cold_vms=$(delta "$before" "$after" "${vm_ops[@]}")
cold_commits=$(delta "$before" "$after" commit_vm)
cold_counters=$(counters)

warm_walls=()
for i in $(seq 1 "$rounds"); do
  workspace "warm$i"
  before=$(requests)
  warm_walls+=("$(timed_apply "warm$i")")
  after=$(requests)
  warm_vms=$(delta "$before" "$after" "${vm_ops[@]}")
  warm_keys=$(delta "$before" "$after" ssh_key)
  warm_commits=$(delta "$before" "$after" commit_vm)
  warm_calls=$(delta "$before" "$after" total)
done
warm_median=$(python3 -c 'import statistics,sys; print(f"{statistics.median(map(float, sys.argv[1:])):.2f}")' "${warm_walls[@]}")

echo 'echo "app v2" >/opt/layers/app.version' >>"$work/cold/scripts/app.sh"
before=$(requests)
change_wall=$(timed_apply cold)
after=$(requests)
change_vms=$(delta "$before" "$after" "${vm_ops[@]}")
rebuilt=$(grep -c 'Creation complete' "$work/cold.out" || true)

mkdir -p "$root/bench/results"
{
  echo "image_layers_bench  $(date -u '+%Y-%m-%d %H:%M:%S UTC')  nproc=$(nproc)  load=$(cut -d' ' -f1 /proc/loadavg)  CLI: $("$tofu_bin" version | sed -n 1p)"
  printf '%-58s %s\n' \
    "cold 4-layer build, apply wall (s)" "$cold_wall" \
    "cold: VMs made / commits taken" "$cold_vms / $cold_commits" \
    "cold: vers-local after (vms commits tags)" "$cold_counters" \
    "warm fresh workspace, apply wall (s), median of $rounds" "$warm_median (${warm_walls[*]})" \
    "warm: VMs made / ssh_key reads / commits (last round)" "$warm_vms / $warm_keys / $warm_commits" \
    "warm: API calls (last round)" "$warm_calls" \
    "layer 3 changed: apply wall (s)" "$change_wall" \
    "layer 3 changed: layers created / VMs made" "$rebuilt / $change_vms" \
    "vers-local at the end (vms commits tags)" "$(counters)"
} | tee "$root/bench/results/image_layers.txt"
