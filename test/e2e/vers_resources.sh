#!/usr/bin/env bash
# Every Vers resource and data source with real OpenTofu against vers-local:
# apply -> re-plan empty -> in-place updates -> import into a fresh state and
# re-plan empty -> destroy -> vers-local holds nothing.
source "$(dirname "$0")/lib.sh"
work_dir resources
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

variable "labels" {
  type    = map(string)
  default = { env = "e2e" }
}
variable "fs_size_mib" {
  type    = number
  default = 1024
}
variable "paused" {
  type    = bool
  default = null
}
variable "tag_target" {
  type    = string
  default = "base"
}

resource "vers_vm" "root" {
  vcpu_count   = 1
  mem_size_mib = 512
  fs_size_mib  = var.fs_size_mib
  labels       = var.labels
  paused       = var.paused
}

resource "vers_vm_commit" "base" {
  vm_id       = vers_vm.root.id
  name        = "base"
  description = "e2e base image"
}

resource "vers_vm_commit" "second" {
  vm_id = vers_vm_restore.by_id.id
  name  = "second"
}

resource "vers_commit_tag" "golden" {
  name        = "golden"
  commit_id   = var.tag_target == "base" ? vers_vm_commit.base.commit_id : vers_vm_commit.second.commit_id
  description = "e2e"
}

resource "vers_vm_restore" "by_id" {
  commit_id = vers_vm_commit.base.commit_id
}

resource "vers_vm_restore" "by_tag" {
  tag_name   = vers_commit_tag.golden.name
  depends_on = [vers_commit_tag.golden]
}

resource "vers_vm_branch" "of_commit" {
  source_commit_id = vers_vm_commit.base.commit_id
}

resource "vers_vm_branch" "of_vm" {
  source_vm_id = vers_vm_restore.by_id.id
  depends_on   = [vers_vm_commit.second]
}

data "vers_vms" "labelled" {
  labels     = { env = "e2e" }
  depends_on = [vers_vm.root]
}
data "vers_vm" "root" {
  id = vers_vm.root.id
}
data "vers_commits" "golden" {
  tag        = vers_commit_tag.golden.name
  depends_on = [vers_commit_tag.golden]
}

output "root_id" { value = vers_vm.root.id }
output "root_state" { value = vers_vm.root.state }
output "root_ssh_host" { value = vers_vm.root.ssh_host }
output "root_ssh_port" { value = vers_vm.root.ssh_port }
output "branch_ssh_port" { value = vers_vm_branch.of_vm.ssh_port }
data "vers_endpoint" "current" {}
output "endpoint_ssh_port" { value = data.vers_endpoint.current.ssh_port }
output "base_commit" { value = vers_vm_commit.base.commit_id }
output "labelled_ids" { value = data.vers_vms.labelled.ids }
output "data_vm_state" { value = data.vers_vm.root.state }
output "golden_commit" { value = data.vers_commits.golden.latest_commit_id }
output "restore_parent" { value = vers_vm_restore.by_id.parent_commit_id }
output "branch_parent" { value = vers_vm_branch.of_commit.parent_commit_id }
output "key_is_openssh" { value = startswith(nonsensitive(vers_vm.root.ssh_private_key), "-----BEGIN OPENSSH PRIVATE KEY-----") }
TF

out() { tofu output -raw "$1"; }

tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "apply creates every resource" succeeded apply.out
check "VMs and commits exist in vers-local" test "$(counters)" = "5 3 1"
check "root VM is running" test "$(out root_state)" = running
check "ssh_host is <id>.<vm_domain>" test "$(out root_ssh_host)" = "$(out root_id).$VERS_VM_DOMAIN"
# What a client dials is the TLS front (VERS_SSH_TLS_PORT here, 443 on Vers:
# vers-cli internal/ssh/client.go), not ssh_key's ssh_port (the VM's own sshd).
check "ssh_port of a VM is the TLS front's port" test "$(out root_ssh_port)" = "$VERS_SSH_TLS_PORT"
check "ssh_port of a branch is the TLS front's port" test "$(out branch_ssh_port)" = "$VERS_SSH_TLS_PORT"
check "vers_endpoint's ssh_port is the TLS front's port" test "$(out endpoint_ssh_port)" = "$VERS_SSH_TLS_PORT"
check "the VM's private key is in state (OpenSSH)" test "$(out key_is_openssh)" = true
check "restore records its commit" test "$(out restore_parent)" = "$(out base_commit)"
check "branch of a commit records it" test "$(out branch_parent)" = "$(out base_commit)"
check "data vers_vms filters by label" test "$(tofu output -json labelled_ids)" = "[\"$(out root_id)\"]"
check "data vers_vm reads one VM" test "$(out data_vm_state)" = running
check "data vers_commits finds the tagged commit" test "$(out golden_commit)" = "$(out base_commit)"
check "re-plan after apply is empty" plan_is_empty

# In-place updates: labels, a bigger disk, pause; then a moved tag.
cat >terraform.tfvars <<'TV'
labels      = { env = "e2e", role = "root" }
fs_size_mib = 2048
paused      = true
TV
check "labels, disk growth and pause are in-place updates" \
  same "$(planned_actions)" "vers_vm.root update"
tofu apply -auto-approve -no-color -input=false >update.out 2>&1 && ok=1 || ok=0
check "apply of the in-place update" succeeded update.out
check "root VM is paused" test "$(out root_state)" = paused
check "re-plan after update is empty" plan_is_empty
sed -i 's/^fs_size_mib = 2048$/fs_size_mib = 1024/' terraform.tfvars
tofu plan -no-color -input=false >shrink.out 2>&1 || true
check "a smaller disk replaces the VM" contains shrink.out "vers_vm.root must be replaced"
check "the plan says why" contains shrink.out "# forces replacement"
sed -i 's/^fs_size_mib = 1024$/fs_size_mib = 2048/' terraform.tfvars
echo 'tag_target = "second"' >>terraform.tfvars
check "moving the tag is an in-place update" \
  same "$(planned_actions)" "vers_commit_tag.golden update"
tofu apply -auto-approve -no-color -input=false >tag.out 2>&1 && ok=1 || ok=0
check "apply of the moved tag" succeeded tag.out
check "re-plan after moving the tag is empty" plan_is_empty

# Drift: a VM deleted outside Terraform leaves the state quietly, and is planned anew.
branch_id=$(tofu state show -no-color vers_vm_branch.of_commit | sed -n 's/^ *id *= "\(.*\)"$/\1/p')
curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" -X DELETE \
  "$VERS_BASE_URL/vm/$branch_id" >/dev/null
tofu plan -no-color -input=false >drift.out 2>&1 || true
check "a VM deleted outside Terraform is planned for creation" \
  contains drift.out "vers_vm_branch.of_commit will be created"
tofu apply -auto-approve -no-color -input=false >drift-apply.out 2>&1 && ok=1 || ok=0
check "apply recreates it" succeeded drift-apply.out

# Import every resource into a fresh state; the plan must then be empty.
state_id() { tofu state show -no-color "$1" | sed -n 's/^ *id *= "\(.*\)"$/\1/p' | head -1; }
declare -A ids
for r in vers_vm.root vers_vm_commit.base vers_vm_commit.second vers_commit_tag.golden \
  vers_vm_restore.by_id vers_vm_restore.by_tag vers_vm_branch.of_commit vers_vm_branch.of_vm; do
  ids[$r]=$(state_id "$r")
done
mv terraform.tfstate imported-from.tfstate
for r in "${!ids[@]}"; do
  id=${ids[$r]}
  case $r in
    vers_vm.root) id="$id:vcpu_count=1,mem_size_mib=512,fs_size_mib=2048" ;;
    vers_vm_branch.of_vm) id="$id:from_vm" ;;
    vers_vm_restore.by_tag) id="$id:tag=golden" ;;
  esac
  tofu import -no-color -input=false "$r" "$id" >import.out 2>&1 && ok=1 || ok=0
  check "import $r" succeeded import.out
done
check "re-plan after import is empty" plan_is_empty

# The Vers API reports no sizes (VmMetadataResponse, VM: orchestrator.openapi.json), so a VM
# imported by id alone has none in state: the first plan takes the configured ones (1 vCPU,
# 512 MiB, 2048 MiB of disk, none the defaults) as an in-place update, never a replacement.
tofu state rm vers_vm.root >/dev/null
tofu import -no-color -input=false vers_vm.root "${ids[vers_vm.root]}" >import-id.out 2>&1 && ok=1 || ok=0
check "import vers_vm.root by id alone" succeeded import-id.out
actions=$(planned_actions)
check "the first plan records the configured sizes in place, replacing nothing" \
  same "$actions" "vers_vm.root update"
# Generated configuration does not invent sizes the API cannot report.
mkdir gen
sed -n '1,/^variable/{/^variable/!p}' main.tf >gen/main.tf
cat >>gen/main.tf <<TF
import {
  to = vers_vm.imported
  id = "${ids[vers_vm.root]}"
}
TF
(cd gen && tofu plan -generate-config-out=generated.tf -no-color -input=false >plan.out 2>&1) || true
check "plan -generate-config-out writes the VM" contains gen/generated.tf 'resource "vers_vm" "imported"'
check "the generated configuration invents no sizes" \
  bash -c '! grep -En "(vcpu_count|size_mib) *= *[0-9]" gen/generated.tf'
if [ "$actions" = "vers_vm.root update" ]; then # a replacement would wait out the VM's children
  tofu apply -auto-approve -no-color -input=false >import-apply.out 2>&1 && ok=1 || ok=0
  check "apply after the import" succeeded import-apply.out
  check "re-plan after recording the sizes is empty" plan_is_empty
fi

# Destroy from the imported state: everything goes, in an order the API accepts.
tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds no VMs, commits or tags" test "$(counters)" = "0 0 0"
finish
