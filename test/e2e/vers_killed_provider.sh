#!/usr/bin/env bash
# Issue 10, item 2: kill -9 of the provider during an apply of restores.
# Terraform cannot record what a killed provider made, so:
#  - every VM the provider made carries its labels
#    (terraform-provider-vers.managed-by = terraform,
#     terraform-provider-vers.resource = vers_vm_restore), and the documented
#    way (docs/guides/leftovers.md: data "vers_vms" filtered by them) finds
#    exactly the VMs the state lacks;
#  - destroying the commit those VMs were restored from fails within the
#    provider's bound (not the 10-minute delete timeout), naming them;
#  - once they are removed as the message says, destroy leaves nothing.
#
# Evidence about the API: VMs carry labels (orchestrator.openapi.json: VM.labels,
# PATCH /vm/{vm_id}/label); FromCommitVmRequest takes none, so restores are
# labelled just after they are made; CommitInfo and TagInfo have no labels.
# DELETE /commits/{commit_id} answers 409 while the commit is in use.
source "$(dirname "$0")/lib.sh"
work_dir killed-provider
start_vers_local
write_vers_provider_tf

cat >main.tf <<TF
resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_vm_commit" "image" {
  vm_id = vers_vm.base.id
}
resource "vers_vm_restore" "worker" {
  count     = var.workers
  commit_id = vers_vm_commit.image.commit_id
}
variable "workers" {
  type    = number
  default = 0
}
TF
tofu apply -auto-approve -no-color -input=false >setup.out 2>&1 && ok=1 || ok=0
check "the VM and its commit are made" succeeded setup.out

# Restored VMs stay "booting" for 60 s, so the provider is waiting on their
# boot (each already made and labelled) when it is killed.
admin POST /faults '{"slow_boot_ms":60000}' >/dev/null
"$VERS_TOFU" apply -auto-approve -no-color -input=false -var workers=6 >killed.out 2>&1 &
apply_pid=$!
for _ in $(seq 1 600); do
  read -r vms _ <<<"$(counters)"
  [ "$vms" -ge 7 ] && break
  sleep 0.05
done
sleep 1  # the labels are set just after each restore answers
provider_pids=()
for child in $(ps -o pid= --ppid "$apply_pid"); do
  tr '\0' ' ' <"/proc/$child/cmdline" 2>/dev/null | grep -q terraform-provider-vers && provider_pids+=("$child")
done
check "the provider was found running under the apply" test "${#provider_pids[@]}" -ge 1
for p in "${provider_pids[@]}"; do kill -KILL "$p"; done
wait "$apply_pid" || true
admin POST /faults '{}' >/dev/null
read -r vms commits _ <<<"$(counters)"
in_state=$(tofu state list | grep -cE '^vers_vm(_restore)?\.' || true)
leftovers=$((vms - in_state))
echo "after kill -9: $vms VMs in vers-local, $in_state in the state"
check "the killed apply left VMs the state does not have" test "$leftovers" -ge 1

# The documented way to find them (docs/guides/leftovers.md).
mkdir find && cat >find/main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "$CA"
}
data "vers_vms" "made_by_terraform" {
  labels = {
    "terraform-provider-vers.managed-by" = "terraform"
    "terraform-provider-vers.resource"   = "vers_vm_restore"
  }
}
output "ids" {
  value = data.vers_vms.made_by_terraform.ids
}
TF
(cd find && tofu apply -auto-approve -no-color -input=false >find.out 2>&1 && tofu output -json ids >ids.json) && ok=1 || ok=0
check "data vers_vms lists the labelled VMs" succeeded find/find.out
in_state_ids=$( (tofu state list | grep '^vers_vm_restore' || true) | while read -r a; do
  tofu state show -no-color "$a" | sed -n 's/^ *id *= *"\(.*\)"$/\1/p'
done | sort)
found=$(python3 -c 'import json,sys; print("\n".join(sorted(json.load(open(sys.argv[1])))))' find/ids.json 2>/dev/null || true)
not_in_state=$(comm -23 <(echo "$found" | sed '/^$/d') <(echo "$in_state_ids" | sed '/^$/d') | sed '/^$/d')
check "the labels find every VM the state lacks ($leftovers)" same "$(echo "$not_in_state" | sed '/^$/d' | wc -l)" "$leftovers"

tofu destroy -auto-approve -no-color -input=false >blocked.out 2>&1 && ok=1 || ok=0
check "destroy fails while VMs outside the state use the commit" test "$ok" = 0
sed -n '/Cannot delete commit/,/destroy again/p' blocked.out
first=$(echo "$not_in_state" | head -n1)
check "the failure names a leftover VM" contains blocked.out "$first"
check "the failure says how to remove them" contains blocked.out "DELETE /api/v1/vm/<id>"

for id in $not_in_state; do
  curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" -X DELETE \
    "$VERS_BASE_URL/vm/$id" >/dev/null
done
tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds once the leftovers are removed" succeeded destroy.out
check "vers-local holds nothing" same "$(counters)" "0 0 0"
finish
