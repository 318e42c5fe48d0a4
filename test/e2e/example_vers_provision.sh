#!/usr/bin/env bash
# examples/resources/vers_provision as shipped, with real OpenTofu against vers-local.
# Its commit keeps the VM paused (keep_paused = true), and its
# destroy_commands used to wait out the 10-minute delete timeout on the
# paused VM and fail (issue 10, item 7): they now resume the VM, run, and
# pause it again.
source "$(dirname "$0")/lib.sh"
src=${VERS_SOURCE_DIR:?set VERS_SOURCE_DIR to the repository root}
work_dir example-provision
start_vers_local
cp -r "$src/examples/resources/vers_provision/." .
# The example has no provider block (it takes VERS_* from the environment);
# vers-local's CA comes in a file of its own.
cat >ca.tf <<TF
provider "vers" {
  ca_cert_file = "$CA"
}
TF

vm_state() {  # the VM's state as the API reports it
  curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" "$VERS_BASE_URL/vm/$1/status" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])'
}

tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "the example applies" succeeded apply.out
vm=$(tofu show -json | python3 -c '
import json, sys
for r in json.load(sys.stdin)["values"]["root_module"]["resources"]:
    if r["address"] == "vers_vm.app": print(r["values"]["id"])')
upper=$(vm_upper "$vm")
check "bootstrap.sh ran" same "$(cat "$upper/opt/app/status")" "ready"
check "the commit left the VM paused" same "$(vm_state "$vm")" "paused"
check "re-plan is empty" plan_is_empty

# Destroying the provisioning runs its destroy_commands (rm -rf /etc/app)
# on the paused VM. A bound on a hang, not a timing: without the fix this
# waited the whole 10-minute delete timeout.
timeout -k 10 180 "$VERS_TOFU" destroy -auto-approve -no-color -input=false \
  -target=vers_provision.setup >destroy-setup.out 2>&1 && ok=1 || ok=0
check "destroying the provisioning succeeds" succeeded destroy-setup.out
check "its destroy_commands ran on the VM" test ! -e "$upper/etc/app"
check "the VM is paused again, as the commit left it" same "$(vm_state "$vm")" "paused"

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds nothing" test "$(counters)" = "0 0 0"
finish
