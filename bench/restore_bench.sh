#!/usr/bin/env bash
# Benchmark (not a test): COUNT `vers_vm_restore` from one commit in a single
# `tofu apply`, against vers-local. Reports apply/destroy wall time, the
# provider's CPU time and peak RSS during the apply, and API calls per
# resource on a refresh (`tofu plan`).
#
#   COUNT=200 PARALLELISM=10 bench/restore_bench.sh
#
# Environment: COUNT (default 200), PARALLELISM (default 10, `tofu -parallelism`),
# BUILD_DIR (default build), TOFU (default .tools/bin/tofu).
# Writes the table to bench/results/restore_bench.txt as well as stdout.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
count=${COUNT:-200}
parallelism=${PARALLELISM:-10}
build=${BUILD_DIR:-$root/build}
tofu_bin=${TOFU:-$root/.tools/bin/tofu}
for f in "$build/terraform-provider-vers" "$build/src/local/vers-local" "$tofu_bin"; do
  [ -x "$f" ] || { echo "missing: $f" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/vers-restore-bench-XXXXXX")
vl_pid=
cleanup() {
  # Stopping vers-local with SIGTERM also stops its VMs.
  if [ -n "$vl_pid" ]; then kill -TERM "$vl_pid" 2>/dev/null && wait "$vl_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Run private copies of the binaries: the build dir may be rebuilt while we
# run, and a running executable there could also get in the way of the linker.
mkdir -p "$work/bin" "$work/plugins" "$work/tf"
cp "$build/terraform-provider-vers" "$build/src/local/vers-local" "$work/bin/"

# The provider is a child of tofu, so its rusage is not ours to read. The
# dev_overrides dir holds a wrapper that runs the real provider as its child
# with stdio inherited (go-plugin reads the handshake line from stdout),
# forwards SIGINT/SIGTERM, and appends the child's rusage to $VERS_BENCH_RUSAGE.
cat >"$work/plugins/terraform-provider-vers" <<PY
#!/usr/bin/env python3
import json, os, resource, signal, subprocess, sys
child = subprocess.Popen(["$work/bin/terraform-provider-vers"] + sys.argv[1:])
for s in (signal.SIGINT, signal.SIGTERM):
    signal.signal(s, lambda n, _f: child.send_signal(n))
rc = child.wait()
r = resource.getrusage(resource.RUSAGE_CHILDREN)
if os.environ.get("VERS_BENCH_RUSAGE"):
    with open(os.environ["VERS_BENCH_RUSAGE"], "a") as f:
        f.write(json.dumps({"utime": r.ru_utime, "stime": r.ru_stime, "maxrss_kib": r.ru_maxrss}) + "\n")
sys.exit(rc if rc >= 0 else 128 - rc)
PY
chmod +x "$work/plugins/terraform-provider-vers"
cat >"$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides { "hdr/vers" = "$work/plugins" }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
unset TF_LOG TF_LOG_PROVIDER TF_LOG_PATH VERS_API_KEY VERS_BASE_URL VERS_VM_DOMAIN

# --- vers-local: wait for its one-line JSON "ready" message ---
"$work/bin/vers-local" serve --data-dir "$work/data" >"$work/ready.json" 2>"$work/vers-local.log" &
vl_pid=$!
for _ in $(seq 1 300); do
  [ -s "$work/ready.json" ] && break
  kill -0 "$vl_pid" 2>/dev/null || break
  sleep 0.05
done
[ -s "$work/ready.json" ] || { echo "vers-local did not start:" >&2; cat "$work/vers-local.log" >&2; exit 1; }
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/ready.json" "$1"; }
export VERS_API_KEY VERS_BASE_URL VERS_VM_DOMAIN
VERS_API_KEY=$(field api_key) VERS_BASE_URL=$(field base_url) VERS_VM_DOMAIN=$(field vm_domain)
ca=$(field ca_cert_file)
counters() {  # "vms commits tags"
  curl -sS --fail --cacert "$ca" -H "Authorization: Bearer $VERS_API_KEY" "${VERS_BASE_URL%/api/v1}/_admin/counters" |
    python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["vms"], c["commits"], c["tags"])'
}

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

# --- apply, with the rusage of every provider process it starts ---
VERS_BENCH_RUSAGE="$work/apply.rusage" run apply "${tf[@]}" apply -auto-approve -no-color -input=false -parallelism="$parallelism"
apply_secs=$secs
read -r runs cpu utime stime rss < <(python3 -c '
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1])]
u, s = sum(r["utime"] for r in rs), sum(r["stime"] for r in rs)
m = max(r["maxrss_kib"] for r in rs) / 1024
print(len(rs), f"{u + s:.2f}", f"{u:.2f}", f"{s:.2f}", f"{m:.1f}")' "$work/apply.rusage")
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
  printf '%-44s %s\n' \
    "apply wall time (s)" "$apply_secs" \
    "provider CPU in apply, user+sys (s)" "$cpu ($utime + $stime, $runs provider runs)" \
    "provider peak RSS in apply (MiB)" "$rss" \
    "refresh plan wall time (s)" "$plan_secs" \
    "API calls on refresh / managed resources" "$calls / $resources = $per_resource" \
    "destroy wall time (s)" "$destroy_secs" \
    "counters after destroy (vms commits tags)" "$after_destroy ($leftover)"
} | tee "$root/bench/results/restore_bench.txt"
