#!/usr/bin/env bash
# Issue 10, item 2: kill -9 of the provider during vers_vm_commit, then apply
# again. The API carried the commit out but the killed provider recorded
# nothing; the second apply must find that commit, not take a second one.
#
# Evidence about the API: VmCommitRequest.commit_id ("chelsea will use the
# requested commit UUID", orchestrator.openapi.json); the orchestrator inserts
# the commit's row under that id first and answers 500 when the insert fails
# (its commit_vm action, CommitVMError::Db => INTERNAL_SERVER_ERROR); deleting
# a commit only marks its row deleted (its commits repository: mark_deleted
# sets deleted_at, get_by_id skips such rows), so a deleted commit's id stays
# taken. CommitInfo carries no labels, so the id is what marks a commit.
source "$(dirname "$0")/lib.sh"
work_dir killed-commit
start_vers_local
write_vers_provider_tf

cat >main.tf <<TF
resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_vm_commit" "image" {
  count       = var.commits
  vm_id       = vers_vm.base.id
  description = "golden image"
}
variable "commits" {
  type    = number
  default = 0
}
TF
tofu apply -auto-approve -no-color -input=false >setup.out 2>&1 && ok=1 || ok=0
check "the VM is made" succeeded setup.out
echo 'commits = 1' >terraform.tfvars

# Every answer to a commit is lost and every request waits 3 s, so the
# provider is still looking for its commit when it is killed.
admin POST /faults '{"latency_ms":3000,"lose_response_rate":1,"only":"POST /api/v1/vm/"}' >/dev/null
"$VERS_TOFU" apply -auto-approve -no-color -input=false >killed.out 2>&1 &
apply_pid=$!
for _ in $(seq 1 600); do
  read -r _ commits _ <<<"$(counters)"
  [ "$commits" -ge 1 ] && break
  sleep 0.05
done
provider_pids=()
for child in $(ps -o pid= --ppid "$apply_pid"); do
  tr '\0' ' ' <"/proc/$child/cmdline" 2>/dev/null | grep -q terraform-provider-vers && provider_pids+=("$child")
done
check "the provider was found running under the apply" test "${#provider_pids[@]}" -ge 1
for p in "${provider_pids[@]}"; do kill -KILL "$p"; done
wait "$apply_pid" || true
admin POST /faults '{}' >/dev/null
check "the killed apply took the commit" same "$(counters)" "1 1 0"
check "the state does not have it" same "$(tofu state list | grep -c vers_vm_commit || true)" 0

tofu apply -auto-approve -no-color -input=false >again.out 2>&1 && ok=1 || ok=0
check "applying again succeeds" succeeded again.out
check "it found the commit the killed apply took instead of taking a second" same "$(counters)" "1 1 0"
check "the state now has it" same "$(tofu state list | grep -c vers_vm_commit || true)" 1
check "a re-plan is empty" plan_is_empty
first=$(tofu state show -no-color 'vers_vm_commit.image[0]' | sed -n 's/^ *commit_id *= *"\(.*\)"$/\1/p')

# Taking the commit again (destroy, then create) asks for the same id first:
# the API keeps a deleted commit's id taken, so the provider moves on to the
# next id and takes exactly one new commit.
tofu apply -auto-approve -no-color -input=false -replace='vers_vm_commit.image[0]' >replace.out 2>&1 && ok=1 || ok=0
check "replacing the commit succeeds" succeeded replace.out
second=$(tofu state show -no-color 'vers_vm_commit.image[0]' | sed -n 's/^ *commit_id *= *"\(.*\)"$/\1/p')
check "the replacement is a new commit" test -n "$second" -a "$second" != "$first"
check "exactly one commit exists" same "$(counters)" "1 1 0"

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds nothing" same "$(counters)" "0 0 0"
finish
