#!/usr/bin/env bash
# Benchmark (not a test): vers-local VM create-to-ssh-ready and commit/restore
# times, the way a client sees them (each API call is a fresh curl, TLS
# handshake included; each login a real ssh through the documented TLS
# ProxyCommand). Goal: well under a second each.
#
#   bench/vers_local_bench.sh            # N=10 iterations
#   N=50 VERS_LOCAL=path/to/vers-local bench/vers_local_bench.sh
#
# Each iteration, in milliseconds:
#   create            POST /vm/new_root?wait_boot=true until the response
#   create-to-ssh     from the same start until `ssh ... true` succeeds
#                     (GET /vm/{id}/ssh_key included)
#   commit            POST /vm/{id}/commit
#   restore           POST /vm/from_commit?wait_boot=true until the response
#   restore-to-ssh    from the same start until `ssh ... true` succeeds
#   ssh-login         one more `ssh ... true` into the restored, ready VM: the
#                     ssh client's own share of the *-to-ssh figures
# then deletes the VMs and the commit it made. Prints min/median/max per
# measure and writes the table (with date, nproc, per-iteration figures) to
# bench/results/vers_local_bench.txt. Must run as root (vers-local does).
# Environment: N (default 10), VERS_LOCAL (default build/src/local/vers-local).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${N:-10}
vers_local=${VERS_LOCAL:-$root/build/src/local/vers-local}
out_file=$root/bench/results/vers_local_bench.txt
[ -x "$vers_local" ] || { echo "missing: $vers_local (set VERS_LOCAL)" >&2; exit 1; }
for tool in curl jq ssh openssl; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/vers-local-bench-XXXXXX")
vl_pid=
cleanup() {
  # SIGTERM stops vers-local and its VMs; the data dir goes with $work.
  if [ -n "$vl_pid" ]; then kill -TERM "$vl_pid" 2>/dev/null && wait "$vl_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A private copy: the build dir may be rebuilt while we run.
cp "$vers_local" "$work/vers-local"
"$work/vers-local" serve --data-dir "$work/data" >"$work/ready.json" 2>"$work/vers-local.log" &
vl_pid=$!
for _ in $(seq 1 300); do
  [ -s "$work/ready.json" ] && break
  kill -0 "$vl_pid" 2>/dev/null || break
  sleep 0.05
done
[ -s "$work/ready.json" ] || { echo "vers-local did not start:" >&2; cat "$work/vers-local.log" >&2; exit 1; }
base=$(jq -r .base_url "$work/ready.json")
key=$(jq -r .api_key "$work/ready.json")
ca=$(jq -r .ca_cert_file "$work/ready.json")
ssh_tls_port=$(jq -r .ssh_tls_port "$work/ready.json")
domain=$(jq -r .vm_domain "$work/ready.json")

# now_us: microseconds since the epoch.
now_us() { echo "${EPOCHREALTIME/./}"; }
# ms START_US END_US: the interval in milliseconds, one decimal.
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

# api EXPECT METHOD PATH [BODY]: prints the response body; fails unless the
# status is EXPECT.
api() {
  local expect=$1 method=$2 path=$3 out status body=()
  [ $# -ge 4 ] && body=(--data-binary "$4")
  out=$(curl -sS --cacert "$ca" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -X "$method" "${body[@]}" -w '\n%{http_code}' "$base$path")
  status=${out##*$'\n'}
  if [ "$status" != "$expect" ]; then
    echo "$method $path: status $status, expected $expect: ${out%$'\n'*}" >&2
    return 1
  fi
  printf '%s' "${out%$'\n'*}"
}

# vm_ssh VM: `ssh ... true` into VM through the TLS/SNI ProxyCommand.
vm_ssh() {
  ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
    -o BatchMode=yes -o ConnectTimeout=5 \
    -o ProxyCommand="openssl s_client -connect 127.0.0.1:$ssh_tls_port -servername %h -quiet -verify_quiet -CAfile $ca" \
    -i "$work/key-$1" "root@$1.$domain" true </dev/null
}

# ssh_ready VM: fetches the VM's key, then tries `ssh ... true` until it
# succeeds (at most 10 s).
ssh_ready() {
  local vm=$1 deadline=$(($(now_us) + 10000000))
  api 200 GET "/vm/$vm/ssh_key" | jq -r .ssh_private_key >"$work/key-$vm"
  chmod 600 "$work/key-$vm"
  until vm_ssh "$vm"; do
    [ "$(now_us)" -lt "$deadline" ] || { echo "ssh into $vm never succeeded" >&2; return 1; }
    sleep 0.01
  done
}

measures=(create create-to-ssh commit restore restore-to-ssh ssh-login)
declare -A samples
cfg='{"vm_config":{"vcpu_count":1,"mem_size_mib":512,"fs_size_mib":1024}}'
echo "vers-local bench: $n iterations" >&2
for i in $(seq 1 "$n"); do
  t0=$(now_us)
  vm=$(api 201 POST "/vm/new_root?wait_boot=true" "$cfg" | jq -r .vm_id)
  t1=$(now_us)
  ssh_ready "$vm"
  t2=$(now_us)
  commit=$(api 201 POST "/vm/$vm/commit" '{}' | jq -r .commit_id)
  t3=$(now_us)
  copy=$(api 201 POST "/vm/from_commit?wait_boot=true" "{\"commit_id\":\"$commit\"}" | jq -r .vm_id)
  t4=$(now_us)
  ssh_ready "$copy"
  t5=$(now_us)
  vm_ssh "$copy"
  t6=$(now_us)
  row=("$(ms "$t0" "$t1")" "$(ms "$t0" "$t2")" "$(ms "$t2" "$t3")" "$(ms "$t3" "$t4")" "$(ms "$t3" "$t5")"
    "$(ms "$t5" "$t6")")
  for j in "${!measures[@]}"; do samples[${measures[$j]}]+="${row[$j]} "; done
  echo "  $i: ${row[*]}" >&2
  api 200 DELETE "/vm/$copy" >/dev/null
  api 200 DELETE "/vm/$vm" >/dev/null
  api 204 DELETE "/commits/$commit" >/dev/null
  rm -f "$work/key-$vm" "$work/key-$copy"
done

left=$(curl -sS --fail --cacert "$ca" -H "Authorization: Bearer $key" "${base%/api/v1}/_admin/counters" |
  jq -c '[.vms, .commits]')
[ "$left" = "[0,0]" ] || { echo "left behind (vms, commits): $left" >&2; exit 1; }

# stats "X Y Z ...": min median max.
stats() {
  tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%9.1f %9.1f %9.1f", v[1], m, v[NR] }'
}
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$root" diff --quiet HEAD -- src 2>/dev/null || rev="$rev (src modified)"
{
  echo "vers-local benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: nproc=$(nproc), kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg); commit $rev; N=$n"
  echo "each API call is a fresh curl (TLS handshake included); ssh-ready = \`ssh ... true\`"
  echo "through the TLS ProxyCommand succeeded, key fetch included. Goal: well under 1000 ms."
  echo
  printf '%-44s %9s %9s %9s\n' "measure (ms)" min median max
  label() {
    case $1 in
      create) echo "create: POST /vm/new_root?wait_boot=true" ;;
      create-to-ssh) echo "create-to-ssh-ready" ;;
      commit) echo "commit: POST /vm/{id}/commit" ;;
      restore) echo "restore: POST /vm/from_commit?wait_boot=true" ;;
      restore-to-ssh) echo "restore-to-ssh-ready" ;;
      ssh-login) echo "ssh login alone (VM already up)" ;;
    esac
  }
  for m in "${measures[@]}"; do
    printf '%-44s %s\n' "$(label "$m")" "$(stats "${samples[$m]}")"
  done
  echo
  echo "per iteration: ${measures[*]}"
  for i in $(seq 1 "$n"); do
    line=
    for m in "${measures[@]}"; do
      read -ra v <<<"${samples[$m]}"
      line+=" ${v[$((i - 1))]}"
    done
    echo " $i:$line"
  done
} | tee "$out_file.tmp"
mv "$out_file.tmp" "$out_file"
