#!/usr/bin/env bash
# The main job: install what is missing, build the provider and vers-local,
# start vers-local (the Vers-compatible local backend), and apply
# examples/layered-vms with OpenTofu through a dev_overrides CLI
# configuration: four layers, each provisioned over SSH-over-TLS and
# committed, then workers restored from the last. Shows the outputs, then
# destroys everything (KEEP=1 leaves it running and prints how to reach it).
#
#   scripts/run.sh [EXAMPLE_DIR]    # default: examples/layered-vms
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
example=$(cd "${1:-$root/examples/layered-vms}" && pwd)

bash "$root/scripts/setup.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$root/build" -j"${JOBS:-2}" terraform-provider-vers vers-local

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== starting vers-local"
"$root/build/src/local/vers-local" serve --data-dir "$work/vers-local" >"$work/ready" 2>"$work/vers-local.log" &
server_pid=$!
for _ in $(seq 1 300); do
  [ -s "$work/ready" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/vers-local.log" >&2; exit 1; }
  sleep 0.05
done
ready() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/ready" "$1"; }
export VERS_API_KEY VERS_BASE_URL VERS_VM_DOMAIN VERS_SSH_TLS_PORT TF_VAR_ca_cert_file
VERS_API_KEY=$(ready api_key)
VERS_BASE_URL=$(ready base_url)
VERS_VM_DOMAIN=$(ready vm_domain)
VERS_SSH_TLS_PORT=$(ready ssh_tls_port)  # the TLS front's port (443 on Vers)
TF_VAR_ca_cert_file=$(ready ca_cert_file)
echo "vers-local: $VERS_BASE_URL (VMs at <id>.$VERS_VM_DOMAIN:$VERS_SSH_TLS_PORT)"

cat >"$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides { "hdr/vers" = "$root/build" }
  direct {}
}
CFG
cp -r "$example"/. "$work/config/" 2>/dev/null || { mkdir -p "$work/config" && cp -r "$example"/. "$work/config/"; }
cd "$work/config"
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1
tofu="$root/.tools/bin/tofu"

echo "== tofu apply ($(basename "$example"))"
start=$(date +%s)
"$tofu" apply -auto-approve -input=false
echo "== applied in $(($(date +%s) - start)) s"

if [ "${KEEP:-0}" = 1 ]; then
  echo "KEEP=1: leaving vers-local running in $work (pid $server_pid); stop it with kill $server_pid"
  trap - EXIT
  exit 0
fi
echo "== tofu destroy"
"$tofu" destroy -auto-approve -input=false >/dev/null
echo "== destroyed; vers-local stops"
