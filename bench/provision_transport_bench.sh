#!/usr/bin/env bash
# Benchmark (not a test): vers_provision's two transports against vers-local,
# one file of SIZE MiB uploaded and checked (size and SHA-256 on the VM) and
# one command run, by `tofu apply -replace` of the one vers_provision:
#   ssh  SSH tunnelled through TLS, SFTP (the default);
#   api  PUT /vm/{id}/files in 1 MiB pieces joined on the VM, exec/stream.
# Each (size, transport) runs RUNS times, interleaved; the median wall time of
# the apply is reported, and the throughput of the upload part: SIZE over the
# median minus the median of the same transport with an empty file (what an
# apply costs without data: OpenTofu, the provider, the command, the checks).
#
#   bench/provision_transport_bench.sh
#
# vers-local runs the API's file and exec calls through the VM's own sshd
# (src/local/vm_exec.h): each request is one ssh session inside vers-local,
# so the api figures are vers-local's, not Vers's; they show the shape (per
# request cost, no streaming of one file) rather than Vers's speed.
#
# Environment: RUNS (default 3), SIZES (MiB, default "16 64"), BUILD_DIR
# (default build; must hold terraform-provider-vers and src/local/vers-local),
# TOFU (default .tools/bin/tofu).
# Writes the table to bench/results/provision_transport.md as well as stdout.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-3}
sizes=${SIZES:-16 64}
build=${BUILD_DIR:-$root/build}
tofu_bin=${TOFU:-$root/.tools/bin/tofu}
source "$root/bench/lib.sh"
bench_work transport
bench_vers_local

cd "$work/tf"
write_config() {  # TRANSPORT FILE
  cat >main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" { ca_cert_file = "$ca" }
resource "vers_vm" "vm" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_provision" "p" {
  vm_id     = vers_vm.vm.id
  transport = "$1"
  files     = [{ source = "$2", destination = "/data/payload.bin" }]
  commands  = ["test -s /data/payload.bin || test ! -s $2"]
}
TF
}
write_config ssh "$work/tf/empty.bin"
: >empty.bin
"$tofu_bin" apply -auto-approve -no-color -input=false -target=vers_vm.vm >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_apply() {  # TRANSPORT FILE -> seconds
  write_config "$1" "$2"
  local t0 t1
  t0=$(date +%s.%N)
  "$tofu_bin" apply -auto-approve -no-color -input=false -replace=vers_provision.p >"$work/apply.out" 2>&1 ||
    { cat "$work/apply.out" >&2; exit 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

declare -A times
for size in 0 $sizes; do
  file=empty.bin
  if [ "$size" != 0 ]; then file=payload-$size.bin; head -c $((size * 1024 * 1024)) /dev/urandom >"$file"; fi
  for _ in $(seq 1 "$runs"); do
    for transport in ssh api; do
      times[$size,$transport]+="$(time_apply "$transport" "$work/tf/$file") "
    done
  done
done

out=$root/bench/results/provision_transport.md
{
  echo "# vers_provision transports against vers-local"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, median of $runs applies (\`tofu apply -replace\` of one"
  echo "vers_provision: one file, checked by size and SHA-256 on the VM, and one command)."
  echo "Throughput: the file's size over (median apply - median apply of an empty file)."
  echo
  echo "| file | ssh apply | api apply | ssh MiB/s | api MiB/s |"
  echo "|---:|---:|---:|---:|---:|"
  base_ssh=$(tr ' ' '\n' <<<"${times[0,ssh]}" | grep . | median)
  base_api=$(tr ' ' '\n' <<<"${times[0,api]}" | grep . | median)
  printf '| 0 MiB | %.2f s | %.2f s | | |\n' "$base_ssh" "$base_api"
  for size in $sizes; do
    s=$(tr ' ' '\n' <<<"${times[$size,ssh]}" | grep . | median)
    a=$(tr ' ' '\n' <<<"${times[$size,api]}" | grep . | median)
    printf '| %s MiB | %.2f s | %.2f s | %.1f | %.1f |\n' "$size" "$s" "$a" \
      "$(echo "$size / ($s - $base_ssh)" | bc -l)" "$(echo "$size / ($a - $base_api)" | bc -l)"
  done
  echo
  echo "vers-local serves each file piece and each exec as one ssh session into the VM (about 0.3-0.6 s"
  echo "each on this machine), so the api column is vers-local's cost per request, not Vers's; what"
  echo "carries over is the shape: ssh streams one file over one connection (SFTP, many writes in"
  echo "flight), api sends 1 MiB pieces one request at a time plus a few helper commands (join, check,"
  echo "rename, sync), so the fixed cost and the per-MiB cost are both higher. Large files belong on ssh."
} | tee "$out"
"$tofu_bin" destroy -auto-approve -no-color -input=false >/dev/null
echo "vers-local at the end (vms commits tags): $(counters)"
