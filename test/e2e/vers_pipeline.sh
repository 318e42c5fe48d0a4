#!/usr/bin/env bash
# A layered image pipeline without provisioning, with real OpenTofu against
# vers-local: base -> commit -> restore -> commit (triggers) -> restore ->
# commit -> N workers. Changing a middle layer's trigger re-plans exactly that
# layer and everything below it, nothing above.
source "$(dirname "$0")/lib.sh"
work_dir pipeline
start_vers_local

cat >main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "$CA"
}

variable "layer1_revision" {
  type    = string
  default = "1"
}

resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_vm_commit" "layer0" {
  vm_id    = vers_vm.base.id
  triggers = { revision = "1" }
}

resource "vers_vm_restore" "layer1" {
  commit_id = vers_vm_commit.layer0.commit_id
}
resource "vers_vm_commit" "layer1" {
  vm_id    = vers_vm_restore.layer1.id
  triggers = { upstream = vers_vm_commit.layer0.commit_id, revision = var.layer1_revision }
}

resource "vers_vm_restore" "layer2" {
  commit_id = vers_vm_commit.layer1.commit_id
}
resource "vers_vm_commit" "layer2" {
  vm_id    = vers_vm_restore.layer2.id
  triggers = { upstream = vers_vm_commit.layer1.commit_id }
}

resource "vers_vm_restore" "worker" {
  count     = 3
  commit_id = vers_vm_commit.layer2.commit_id
}

output "worker_parents" { value = distinct(vers_vm_restore.worker[*].parent_commit_id) }
output "layer2_commit" { value = vers_vm_commit.layer2.commit_id }
TF

tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "the pipeline applies" succeeded apply.out
check "6 VMs and 3 commits exist" test "$(counters)" = "6 3 0"
check "every worker comes from the last layer" \
  test "$(tofu output -json worker_parents)" = "[\"$(tofu output -raw layer2_commit)\"]"
check "re-plan is empty" plan_is_empty

echo 'layer1_revision = "2"' >terraform.tfvars
expected='vers_vm_commit.layer1 delete,create
vers_vm_commit.layer2 delete,create
vers_vm_restore.layer2 delete,create
vers_vm_restore.worker[0] delete,create
vers_vm_restore.worker[1] delete,create
vers_vm_restore.worker[2] delete,create'
actions=$(planned_actions)
check "a layer-1 trigger replaces layer 1's commit and everything below, nothing above" \
  same "$actions" "$expected"
old_layer2=$(tofu output -raw layer2_commit)
tofu apply -auto-approve -no-color -input=false >rebuild.out 2>&1 && ok=1 || ok=0
check "the rebuild applies" succeeded rebuild.out
check "layer 2 is a new commit" test "$(tofu output -raw layer2_commit)" != "$old_layer2"
check "still 6 VMs and 3 commits: the old layers are gone" test "$(counters)" = "6 3 0"
check "re-plan after the rebuild is empty" plan_is_empty

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds nothing" test "$(counters)" = "0 0 0"
finish
