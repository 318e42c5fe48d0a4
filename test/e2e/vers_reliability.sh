#!/usr/bin/env bash
# Reliability with real OpenTofu against vers-local: an apply through
# injected 503s, cut connections and lost responses ends with exactly the
# declared objects, and a destroy through 429s (with Retry-After), cut
# connections and lost responses leaves nothing behind; Ctrl-C in the middle
# of an apply, then a second apply, converges with nothing orphaned.
#
# vers-local acts on every request like the real API, which has no
# idempotency keys (orchestrator.openapi.json documents none; the official
# clients hdresearch/vers-sdk-ts and hdresearch/vers-cli send none): a create
# repeated after a lost answer would make a second object, so the counts
# below hold only if the provider looks for what a create made before it
# sends the create again. Half of all answers to mutations are lost, so each
# of the seven creates is reconciled with probability 1/2.
source "$(dirname "$0")/lib.sh"
work_dir reliability
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
resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
  labels       = { suite = "reliability" }
}
resource "vers_vm_commit" "image" {
  vm_id = vers_vm.base.id
}
resource "vers_commit_tag" "image" {
  name      = "reliability"
  commit_id = vers_vm_commit.image.commit_id
}
resource "vers_vm_restore" "worker" {
  count     = 4
  commit_id = vers_vm_commit.image.commit_id
}
resource "vers_vm_branch" "clone" {
  source_commit_id = vers_vm_commit.image.commit_id
}
TF

faults='{"error_rate":0.1,"status":503,"drop_rate":0.05,"lose_response_rate":0.5,"latency_ms":5}'
admin POST /faults "$faults" >/dev/null
tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "apply succeeds through injected faults" succeeded apply.out
check "exactly the declared VMs, commit and tag exist" same "$(counters)" "6 1 1"
admin POST /faults '{}' >/dev/null
check "re-plan is empty" plan_is_empty
admin POST /faults '{"error_rate":0.1,"status":429,"retry_after":1,"drop_rate":0.05,"lose_response_rate":0.5}' >/dev/null
tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds through injected faults" succeeded destroy.out
admin POST /faults '{}' >/dev/null
check "nothing is left" test "$(counters)" = "0 0 0"

# Ctrl-C while VMs boot slowly: OpenTofu stops the provider mid-create.
admin POST /faults '{"slow_boot_ms":4000}' >/dev/null
"${interruptible[@]}" "$VERS_TOFU" apply -auto-approve -no-color -input=false >interrupted.out 2>&1 &
apply_pid=$!
for _ in $(seq 1 200); do
  read -r vms _ <<<"$(counters)"
  [ "$vms" -ge 2 ] && break
  sleep 0.1
done
kill -INT "$apply_pid"
wait "$apply_pid" && rc=0 || rc=$?
check "the interrupted apply stops with an error" test "$rc" != 0
check "the interrupted apply says it was interrupted" contains interrupted.out "nterrupt"
read -r vms commits _ <<<"$(counters)"
in_state=$(tofu state list 2>/dev/null | grep -cE '^vers_vm(_restore|_branch)?\.' || true)
check "every VM that exists is in the state ($vms in vers-local, $in_state in the state)" \
  test "$vms" = "$in_state"
admin POST /faults '{}' >/dev/null
tofu apply -auto-approve -no-color -input=false >resumed.out 2>&1 && ok=1 || ok=0
check "a second apply converges" succeeded resumed.out
check "exactly the configured VMs exist" same "$(counters)" "6 1 1"
check "re-plan is empty" plan_is_empty
tofu destroy -auto-approve -no-color -input=false >destroy2.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy2.out
check "nothing is orphaned" test "$(counters)" = "0 0 0"
finish
