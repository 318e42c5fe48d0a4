# Shell helpers of the portable tests (debian_root.sh, arm64_qemu.sh), which
# drive the release binary with the real CLI in a throwaway directory. (The
# e2e scenarios are C++ acceptance cases: test/acceptance.)
#
# Needs VERS_PROVIDER (path of the built provider) and VERS_TOFU (the CLI:
# OpenTofu or HashiCorp Terraform); ctest sets both.
set -euo pipefail

: "${VERS_PROVIDER:?set VERS_PROVIDER to the built terraform-provider-vers}"
: "${VERS_TOFU:?set VERS_TOFU to the OpenTofu binary (scripts/setup.sh builds it)}"
[ -x "$VERS_TOFU" ] || { echo "the Terraform CLI $VERS_TOFU is missing: run scripts/setup.sh" >&2; exit 1; }
# VERS_TOFU is OpenTofu or HashiCorp Terraform: every scenario runs with both.
echo "e2e: with $(TF_CLI_CONFIG_FILE=/dev/null "$VERS_TOFU" version 2>/dev/null | sed -n 1p)"

failures=0
checks=0
failed_checks=()

# work_dir NAME: a fresh directory with a dev_overrides CLI config; cd's into it.
work_dir() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/vers-e2e-$1-XXXXXX")
  cat >"$WORK/cli.tfrc" <<CFG
provider_installation {
  dev_overrides { "hdr/vers" = "$(dirname "$VERS_PROVIDER")" }
  direct {}
}
CFG
  export TF_CLI_CONFIG_FILE="$WORK/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
  unset TF_LOG TF_LOG_PROVIDER VERS_API_KEY VERS_BASE_URL VERS_VM_DOMAIN VERS_SSH_TLS_PORT
  cd "$WORK"
  trap 'rm -rf "$WORK"' EXIT
  start_watchdog
}

# start_watchdog: if the test still runs after E2E_WATCHDOG_SECONDS (default
# 480, before ctest's 600 s timeout kills it silently), prints what every
# process under it is doing, with the provider's and vers-local's thread
# stacks, to the test's stderr. It holds none of the test's output open (so
# ctest never waits on it) and ends with the test.
start_watchdog() {
  local test_pid=$$ seconds=${E2E_WATCHDOG_SECONDS:-480}
  (
    for _ in $(seq 1 "$seconds"); do
      sleep 1
      kill -0 "$test_pid" 2>/dev/null || exit 0
    done
    descendants() { local c; for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done; }
    pids=$(descendants "$test_pid" | tr '\n' ',' | sed 's/,$//')
    {
      echo "=== watchdog: the test still runs after ${seconds}s; its processes:"
      [ -n "$pids" ] && ps -o pid,ppid,stat,etime,wchan:24,args -p "$pids" || true
      for pid in ${pids//,/ }; do
        grep -qE 'terraform-provider-vers|vers-local' "/proc/$pid/cmdline" 2>/dev/null || continue
        echo "=== threads of $(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-120) (pid $pid)"
        if command -v gdb >/dev/null; then
          timeout 30 gdb -p "$pid" -batch -ex 'thread apply all bt 12' 2>/dev/null | grep -E '^(Thread|#)' || true
        else
          for t in /proc/"$pid"/task/*; do echo "$t $(cat "$t/wchan" 2>/dev/null)"; done
        fi
      done
    } >"/proc/$test_pid/fd/2" 2>&1
  ) </dev/null >/dev/null 2>&1 &
}

tofu() { "$VERS_TOFU" "$@"; }

# check DESCRIPTION COMMAND...: runs COMMAND, counts a failure if it fails.
check() {
  local what=$1
  shift
  checks=$((checks + 1))
  if "$@"; then
    echo "ok: $what"
  else
    echo "FAIL: $what" >&2
    failures=$((failures + 1))
    failed_checks+=("$what")
  fi
}

# contains FILE TEXT: FILE contains TEXT (fixed string).
# OpenTofu wraps long messages, so lines are also joined before looking.
contains() {
  grep -qF -- "$2" "$1" && return 0
  tr -s ' \n' '  ' <"$1" | grep -qF -- "$(tr -s ' \n' '  ' <<<"$2" | sed 's/ $//')" && return 0
  echo "--- $1 lacks: $2 (its last 60 lines follow)" >&2
  tail -n 60 "$1" | sed 's/^/  | /' >&2
  return 1
}

# line_has FILE TEXT...: one line of FILE contains every TEXT (fixed strings).
line_has() {
  python3 - "$@" <<'PY' && return 0
import sys
words = sys.argv[2:]
with open(sys.argv[1], errors="replace") as f:
    sys.exit(0 if any(all(w in line for w in words) for line in f) else 1)
PY
  echo "--- no line of $1 has all of: ${*:2}" >&2
  return 1
}

# Ends the test; the failed checks are listed last so that a truncated log
# still shows them.
finish() {
  local what
  for what in "${failed_checks[@]}"; do echo "failed: $what"; done
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" = 0 ]
}

# start_vers_local: starts vers-local ($VERS_LOCAL) with its data under $WORK
# and points the provider at it through the environment (VERS_API_KEY,
# VERS_BASE_URL, VERS_VM_DOMAIN, and VERS_SSH_TLS_PORT: its TLS front's port,
# Vers's 443) and $CA (for `ca_cert_file`). It is stopped, and its VMs with
# it, when the test exits.
start_vers_local() {
  : "${VERS_LOCAL:?set VERS_LOCAL to the built vers-local}"
  "$VERS_LOCAL" serve --data-dir "$WORK/vers-local" >"$WORK/vers-local.ready" 2>"$WORK/vers-local.log" &
  VERS_LOCAL_PID=$!
  trap 'stop_vers_local; rm -rf "$WORK"' EXIT
  # 15 s, or 20 min while it builds the VM base image (first use on a machine).
  for i in $(seq 1 24000); do
    [ -s "$WORK/vers-local.ready" ] && break
    kill -0 "$VERS_LOCAL_PID" 2>/dev/null || break
    [ "$i" -gt 300 ] && ! grep -q 'building the VM base image' "$WORK/vers-local.log" && break
    sleep 0.05
  done
  [ -s "$WORK/vers-local.ready" ] || { echo "vers-local did not start:" >&2; cat "$WORK/vers-local.log" >&2; exit 1; }
  local ready
  ready=$(cat "$WORK/vers-local.ready")
  field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$ready" "$1"; }
  export VERS_API_KEY VERS_BASE_URL VERS_VM_DOMAIN VERS_SSH_TLS_PORT
  VERS_API_KEY=$(field api_key)
  VERS_BASE_URL=$(field base_url)
  VERS_VM_DOMAIN=$(field vm_domain)
  VERS_SSH_TLS_PORT=$(field ssh_tls_port)
  CA=$(field ca_cert_file)
  ADMIN_URL=${VERS_BASE_URL%/api/v1}/_admin
}

# write_vers_provider_tf: provider.tf requiring hdr/vers and trusting
# vers-local's CA (after start_vers_local); a scenario's main.tf then holds
# only its resources.
write_vers_provider_tf() {
  cat >provider.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "$CA"
}
TF
}

stop_vers_local() {
  [ -n "${VERS_LOCAL_PID:-}" ] || return 0
  kill -TERM "$VERS_LOCAL_PID" 2>/dev/null && wait "$VERS_LOCAL_PID" 2>/dev/null
  VERS_LOCAL_PID=
}

# admin METHOD PATH [BODY]: calls vers-local's admin API, prints the body.
admin() {
  curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" \
    -H 'Content-Type: application/json' -X "$1" ${3:+--data "$3"} "$ADMIN_URL$2"
}

# counters: vers-local's "vms commits tags" counts, e.g. "0 0 0".
counters() {
  admin GET /counters | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["vms"], c["commits"], c["tags"])'
}

# succeeded FILE: the last command set ok=1; if not, shows the end of FILE.
succeeded() { [ "${ok:-0}" = 1 ] || { echo "--- end of $1:" >&2; tail -40 "$1" | sed 's/^/  | /' >&2; return 1; }; }

# same ACTUAL EXPECTED: equal strings; shows both when not.
same() { [ "$1" = "$2" ] || { printf -- '--- got:\n%s\n--- expected:\n%s\n' "$1" "$2" | sed 's/^/  | /' >&2; return 1; }; }
