#!/usr/bin/env bash
# Waiting for a VM with real OpenTofu against vers-local: a VM that leaves
# "booting" for a state other than "running" ends the wait at once, with a
# message naming the state, instead of at the create timeout.
#
# Sources: vers-cli internal/utils/wait.go (WaitForRunning polls while the VM
# is booting and stops on any other state but running) and
# internal/handlers/connect.go ("VM entered paused state while booting": a
# VM can be paused while it boots); the states are the spec's VmState enum.
source "$(dirname "$0")/lib.sh"
work_dir vmwait
start_vers_local

# vers_api METHOD PATH [BODY]: calls the Vers API of vers-local, prints the body.
vers_api() {
  curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" \
    -H 'Content-Type: application/json' -X "$1" ${3:+--data "$3"} "$VERS_BASE_URL$2"
}

cat >main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "$CA"
}
resource "vers_vm" "slow" {
  mem_size_mib = 512
  fs_size_mib  = 1024
  timeouts { create = "3m" }
}
TF

# The VM stays booting (a 10-minute boot) until something pauses it.
admin POST /faults '{"slow_boot_ms":600000}' >/dev/null
tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 &
apply_pid=$!
vm=
for _ in $(seq 1 600); do
  vm=$(vers_api GET /vms | python3 -c '
import json, sys
print(next((v["vm_id"] for v in json.load(sys.stdin) if v["state"] == "booting"), ""))')
  [ -n "$vm" ] && break
  sleep 0.1
done
check "the VM is booting while the apply waits" test -n "$vm"
vers_api PATCH "/vm/$vm/state" '{"state":"Paused"}' >/dev/null
wait "$apply_pid" && rc=0 || rc=$?
check "the apply fails" test "$rc" != 0
check "it says the VM became paused while waiting for running" contains apply.out \
  "VM $vm became paused while the provider waited for it to be running"
check "it stopped waiting at once, not at the timeout" bash -c "! grep -q 'timeout ran out' apply.out"
check "the VM is kept in the state (tainted), not orphaned" bash -c "'$VERS_TOFU' state list | grep -qx vers_vm.slow"

admin POST /faults '{}' >/dev/null
tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds nothing" test "$(counters)" = "0 0 0"
finish
