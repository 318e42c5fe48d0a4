#!/usr/bin/env bash
# API calls per created VM and per refresh, counted by vers-local
# (GET /_admin/requests: authorized /api/v1 requests by spec operationId).
#
# A new VM's state needs: its id (the create's answer: NewVmResponse carries
# only vm_id, spec orchestrator.openapi.json and hdresearch/vers-cli
# internal/handlers/run_commit.go), the managed-by labels on a restore (the
# spec's FromCommitVmRequest takes none, so PATCH /vm/{id}/label), the state,
# created_at and ip (VmMetadataResponse requires all three, and parent_commit_id
# is there too, so one metadata read both ends the wait for "running" and fills
# the state) and, when keys are stored, the key (only GET /vm/{id}/ssh_key has
# it). So: restore 4 calls (3 without stored keys), root VM 3 (new_root carries
# the labels). A refresh is one call per resource. Reads of the metadata
# repeated while a VM still boots are counted apart: how many there are depends
# on how fast vers-local boots.
source "$(dirname "$0")/lib.sh"
work_dir apicalls
start_vers_local
write_vers_provider_tf
cat >>provider.tf <<TF
provider "vers" {
  alias                 = "nokey"
  ca_cert_file          = "$CA"
  store_ssh_private_key = false
}
TF

# requests: vers-local's counts by operationId, as JSON.
requests() { admin GET /requests; }
# calls BEFORE AFTER N: prints "per_vm=<calls per VM, not counting repeated
# metadata reads> status=<vm_status calls> <op>=<count>..." for the calls
# between two snapshots of the counts, made by creating N VMs.
calls() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
before, after, n = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
d = {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0)}
repeated = max(d.get("get_vm_metadata", 0) - n, 0)
per_vm = (d.get("total", 0) - repeated) / n
print(f"per_vm={per_vm:g}", " ".join(f"{k}={v}" for k, v in sorted(d.items()) if k != "total"))
PY
}
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

cat >main.tf <<'TF'
resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_vm_commit" "base" { vm_id = vers_vm.base.id }
TF
r0=$(requests)
tofu apply -auto-approve -no-color -input=false >apply0.out 2>&1 && ok=1 || ok=0
check "the base VM and its commit are made" succeeded apply0.out
r1=$(requests)
root=$(calls "$r0" "$r1" 1)
echo "root VM + commit: $root"
check "a root VM takes new_root, metadata and ssh_key, and no status read" \
  same "$(field "$root" create_new_root_vm) $(field "$root" ssh_key) $(field "$root" vm_status)" "1 1 "
check "a root VM takes 3 calls, its commit 2 (commit_vm, list_parent_commits to read it back)" \
  same "$(field "$root" per_vm) $(field "$root" commit_vm) $(field "$root" list_parent_commits)" "5 1 1"

cat >>main.tf <<'TF'
resource "vers_vm_restore" "r" {
  count     = 3
  commit_id = vers_vm_commit.base.commit_id
}
resource "vers_vm_restore" "nokey" {
  provider  = vers.nokey
  commit_id = vers_vm_commit.base.commit_id
}
TF
tofu apply -refresh=false -auto-approve -no-color -input=false -target=vers_vm_restore.r >apply1.out 2>&1 && ok=1 || ok=0
check "3 restores are made" succeeded apply1.out
r2=$(requests)
restore=$(calls "$r1" "$r2" 3)
echo "3 restores: $restore"
check "each restore: from_commit, label, ssh_key once, no status read" \
  same "$(field "$restore" restore_from_commit) $(field "$restore" label_vm) $(field "$restore" ssh_key) $(field "$restore" vm_status)" "3 3 3 "
check "a restore takes 4 calls" same "$(field "$restore" per_vm)" 4

tofu apply -refresh=false -auto-approve -no-color -input=false >apply2.out 2>&1 && ok=1 || ok=0
check "a restore without a stored key is made" succeeded apply2.out
r3=$(requests)
nokey=$(calls "$r2" "$r3" 1)
echo "1 restore, keys not stored: $nokey"
check "a restore without a stored key takes 3 calls, no ssh_key" \
  same "$(field "$nokey" per_vm) $(field "$nokey" ssh_key)" "3 "

# The attributes filled from the metadata are those the API reports.
state=$(tofu show -json)
check "restores record ip, created_at, parent_commit_id and (stored) the key" python3 -c '
import json, sys
s = json.loads(sys.argv[1])
rs = [r["values"] for r in s["values"]["root_module"]["resources"] if r["type"] == "vers_vm_restore"]
commit = next(r["values"]["commit_id"] for r in s["values"]["root_module"]["resources"] if r["type"] == "vers_vm_commit")
ok = len(rs) == 4 and all(r["ip"] and r["created_at"] and r["state"] == "running" and r["parent_commit_id"] == commit for r in rs)
keys = sorted(bool(r["ssh_private_key"]) for r in rs)
sys.exit(not (ok and keys == [False, True, True, True]))' "$state"

resources=$(tofu state list | wc -l)
tofu plan -detailed-exitcode -no-color -input=false >plan.out 2>&1 && rc=0 || rc=$?
check "a refresh-and-plan finds nothing to change" test "$rc" = 0
r4=$(requests)
refresh=$(calls "$r3" "$r4" "$resources")
echo "refresh of $resources resources: $refresh"
check "a refresh takes one call per resource" same "$(field "$refresh" per_vm)" 1

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds nothing" test "$(counters)" = "0 0 0"
finish
