#!/usr/bin/env bash
# GET /commits pages: 50 commits by default, at most 100 per page, with
# limit/offset/total (orchestrator.openapi.json, ListCommitsQuery and
# ListCommitsResponse; vers-local pages the same way). With 120 commits, the
# oldest is on no first page: it must stay in the state (not be taken for
# deleted and re-taken), and data vers_commits must still find it.
source "$(dirname "$0")/lib.sh"
work_dir commit_pages
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
resource "vers_vm" "root" {
  mem_size_mib = 256
  fs_size_mib  = 1024
}
resource "vers_vm_commit" "first" {
  vm_id = vers_vm.root.id
  name  = "first"
}
data "vers_commits" "first" {
  name       = "first"
  depends_on = [vers_vm_commit.first]
}
output "commit" { value = vers_vm_commit.first.commit_id }
output "found" { value = data.vers_commits.first.latest_commit_id }
TF

tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "apply creates the VM and its first commit" succeeded apply.out
first=$(tofu output -raw commit)
vm=$(tofu state show -no-color vers_vm.root | sed -n 's/^ *id *= "\(.*\)"$/\1/p' | head -1)
for _ in $(seq 1 119); do
  curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" \
    -H 'Content-Type: application/json' -X POST --data '{}' "$VERS_BASE_URL/vm/$vm/commit" >/dev/null
done
check "vers-local holds 120 commits" same "$(counters)" "1 120 0"
check "the oldest commit stays in the state: the plan is empty" plan_is_empty
# A refresh alone reads the data source again and keeps what still exists.
tofu apply -refresh-only -auto-approve -no-color -input=false >refresh.out 2>&1 && ok=1 || ok=0
check "refresh with 120 commits" succeeded refresh.out
check "the refresh keeps the oldest commit" contains <(tofu state list) vers_vm_commit.first
check "data vers_commits finds the oldest of 120 commits" \
  same "$(tofu output -raw found 2>&1)" "$first"
finish
