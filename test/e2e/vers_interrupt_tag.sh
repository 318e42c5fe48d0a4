#!/usr/bin/env bash
# Issue 10, item 1: Ctrl-C while a vers_commit_tag is created. Its POST has
# been carried out (vers-local counts the tag) and the read-back GET is in
# flight (every request takes 4 s), when OpenTofu is interrupted: the tag must
# be in the state afterwards, so that a later apply does not fail with
# `409 tag … already exists` and a destroy leaves nothing.
#
# Tag names are unique in the Vers API (orchestrator.openapi.json,
# POST /commit_tags: 409 when the name is taken), which is what a lost tag
# runs into on the next apply.
source "$(dirname "$0")/lib.sh"
work_dir interrupt-tag
start_vers_local

base_tf() {
  cat <<TF
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
}
resource "vers_vm_commit" "image" {
  vm_id = vers_vm.base.id
}
TF
}
base_tf >main.tf
tofu apply -auto-approve -no-color -input=false >setup.out 2>&1 && ok=1 || ok=0
check "the VM and its commit are made" succeeded setup.out

{
  base_tf
  cat <<'TF'
resource "vers_commit_tag" "release" {
  name      = "release"
  commit_id = vers_vm_commit.image.commit_id
}
TF
} >main.tf

admin POST /faults '{"latency_ms":4000}' >/dev/null
"${interruptible[@]}" "$VERS_TOFU" apply -auto-approve -no-color -input=false >interrupted.out 2>&1 &
apply_pid=$!
# The tag exists once its POST was carried out; its answer and the read-back
# GET (4 s) are still to come.
for _ in $(seq 1 600); do
  read -r _ _ tags <<<"$(counters)"
  [ "$tags" -ge 1 ] && break
  kill -0 "$apply_pid" 2>/dev/null || break
  sleep 0.05
done
kill -INT "$apply_pid" 2>/dev/null || true
wait "$apply_pid" && rc=0 || rc=$?
admin POST /faults '{}' >/dev/null
check "the tag was made before the interrupt" same "$(counters)" "1 1 1"
check "the interrupted tag is in the state" line_has <(tofu state list) "vers_commit_tag.release"
echo "interrupted apply exit code: $rc"

tofu apply -auto-approve -no-color -input=false >again.out 2>&1 && ok=1 || ok=0
check "a later apply succeeds (no 409 'already exists')" succeeded again.out
check "still one tag" same "$(counters)" "1 1 1"
check "re-plan is empty" plan_is_empty
tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds (the tag no longer blocks its commit)" succeeded destroy.out
check "vers-local holds nothing" same "$(counters)" "0 0 0"

# The same rule when the read-back fails instead: every GET of the tag is
# answered 503 (vers-local's `only` limits the faults to it), its POST is not.
# Each 503 says Retry-After: 1, which the client honours instead of its
# exponential backoff: its 10 attempts give up after ~9 s rather than ~55 s of
# backoff, and the read-back still fails on every attempt.
tofu apply -auto-approve -no-color -input=false >setup2.out 2>&1 && ok=1 || ok=0
check "the tag and its commit are made again" succeeded setup2.out
tofu state rm vers_commit_tag.release >/dev/null
curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" -X DELETE \
  "$VERS_BASE_URL/commit_tags/release" >/dev/null
check "the tag is gone, its commit stays" same "$(counters)" "1 1 0"
admin POST /faults '{"error_rate":1,"status":503,"retry_after":1,"only":"GET /api/v1/commit_tags/"}' >/dev/null
tofu apply -auto-approve -no-color -input=false >unread.out 2>&1 && ok=1 || ok=0
admin POST /faults '{}' >/dev/null
check "the tag whose read-back failed is in the state" line_has <(tofu state list) "vers_commit_tag.release"
check "the apply says the tag was made but not read back" contains unread.out "could not be read back"
check "re-plan is empty" plan_is_empty
tofu destroy -auto-approve -no-color -input=false >destroy2.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy2.out
check "vers-local holds nothing again" same "$(counters)" "0 0 0"
finish
