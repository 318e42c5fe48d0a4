#!/usr/bin/env bash
# examples/layered-vms as shipped, with real OpenTofu against vers-local:
# apply; every worker carries all three layers; changing the layer-1 script
# replaces exactly layers 1-3, each new layer made before the old one goes
# (the published tag moves in place from the old app image to the new), and
# leaves layer 0 alone; apply; examples/golden-image-consumer forks the
# published image and restores workers from its fork, as another team would;
# destroy; nothing is left.
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
vers_provision.app create,delete
vers_provision.check_worker[0] delete,create
vers_provision.check_worker[1] delete,create
vers_provision.check_worker[2] delete,create
vers_provision.tools create,delete
vers_repository_tag.latest update
vers_vm_commit.app create,delete
vers_vm_commit.tools create,delete
vers_vm_restore.app create,delete
vers_vm_restore.tools create,delete
vers_vm_restore.worker[0] delete,create
vers_vm_restore.worker[1] delete,create
vers_vm_restore.worker[2] delete,create'
tofu apply -auto-approve -no-color -input=false >rebuild.out 2>&1 && ok=1 || ok=0
check "the rebuild applies, and the workers see tools v2" succeeded rebuild.out
check "still 6 VMs and 3 commits" test "$(counters)" = "6 3 0"
check "re-plan after the rebuild is empty" plan_is_empty

mkdir consumer && cp -r "$src/examples/golden-image-consumer/." consumer/
printf 'provider "vers" {\n  ca_cert_file = "%s"\n}\n' "$CA" >consumer/zz_test_provider.tf
(cd consumer && tofu apply -auto-approve -no-color -input=false >apply.out 2>&1) && ok=1 || ok=0
check "the consumer forks the published image and restores its workers" succeeded consumer/apply.out
# The pipeline's 6 VMs, the fork's VM and 2 workers; its 3 commits and the fork's.
check "the consumer made its fork and 2 workers" test "$(counters)" = "9 4 0"
consumer_plan_is_empty() { (cd consumer && plan_is_empty); }
check "the consumer's re-plan is empty" consumer_plan_is_empty
(cd consumer && tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1) && ok=1 || ok=0
check "the consumer destroys" succeeded consumer/destroy.out
check "the consumer leaves nothing" test "$(counters)" = "6 3 0"

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds nothing" test "$(counters)" = "0 0 0"
finish
