#!/usr/bin/env bash
# examples/layered-vms as shipped, with real OpenTofu against vers-local:
# apply; every worker carries all three layers; changing the layer-1 script
# replaces exactly layers 1-3 and leaves layer 0 alone; apply; destroy; nothing
# is left.
source "$(dirname "$0")/lib.sh"
src=${VERS_SOURCE_DIR:?set VERS_SOURCE_DIR to the repository root}
work_dir layered
start_vers_local
cp -r "$src/examples/layered-vms/." .
export TF_VAR_ca_cert_file=$CA

# A check of the workers, next to the example (not part of it).
cat >check_workers.tf <<'TF'
resource "vers_provision" "check_worker" {
  count = var.worker_count
  vm_id = vers_vm_restore.worker[count.index].id
  commands = [
    "test -f /opt/layers/base.done",
    "grep -qx 'tools v1' /opt/layers/tools.done",
    "grep -qx 'hello from the tools layer' /opt/layers/app.done",
    "test \"$(stat -c %a /etc/app/app.conf)\" = 640",
  ]
}
TF

tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "the layered pipeline applies, and every worker has every layer" succeeded apply.out
check "3 layer VMs + 3 workers, 3 commits" test "$(counters)" = "6 3 0"
check "re-plan is empty" plan_is_empty

sed -i 's/tools v1/tools v2/' scripts/tools.sh
sed -i "s/'tools v1'/'tools v2'/" check_workers.tf
actions=$(planned_actions)
check "a changed layer-1 script replaces layers 1-3, nothing of layer 0" same "$actions" \
'terraform_data.tools_script update
vers_provision.app delete,create
vers_provision.check_worker[0] delete,create
vers_provision.check_worker[1] delete,create
vers_provision.check_worker[2] delete,create
vers_provision.tools delete,create
vers_vm_commit.app delete,create
vers_vm_commit.tools delete,create
vers_vm_restore.app delete,create
vers_vm_restore.tools delete,create
vers_vm_restore.worker[0] delete,create
vers_vm_restore.worker[1] delete,create
vers_vm_restore.worker[2] delete,create'
tofu apply -auto-approve -no-color -input=false >rebuild.out 2>&1 && ok=1 || ok=0
check "the rebuild applies, and the workers see tools v2" succeeded rebuild.out
check "still 6 VMs and 3 commits" test "$(counters)" = "6 3 0"
check "re-plan after the rebuild is empty" plan_is_empty

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds nothing" test "$(counters)" = "0 0 0"
finish
