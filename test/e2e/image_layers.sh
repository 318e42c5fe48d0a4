#!/usr/bin/env bash
# vers_image_layer with real OpenTofu (and Terraform) against vers-local,
# on examples/layered-images as shipped (issue 17):
#   cold apply: 4 layers built, each build VM deleted, 4 commits, the
#     workers restored from the last layer; the re-plan is empty;
#   import by commit id: an in-place update that records the inputs (nothing
#     rebuilt), then an empty re-plan;
#   a second, fresh workspace with the same layers makes 0 VMs, runs 0
#     commands (no VM, no ssh_key, no commit request: vers-local's
#     /_admin/requests) and adopts the cached commits; ./reuse likewise;
#   changing layer 3's script (app) replaces layers 3 and 4 only, with their
#     new hashes shown in the plan;
#   destroy keeps the cached commits (retain defaults to true); with
#     retain = false the tags and commits go, and nothing is left;
#   data "vers_image_layers" lists the cache;
#   two applies of one new layer at once publish one tag, the loser adopting
#     the winner's commit and deleting its own.
source "$(dirname "$0")/lib.sh"
src=${VERS_SOURCE_DIR:?set VERS_SOURCE_DIR to the repository root}
work_dir image-layers
start_vers_local
export TF_VAR_ca_cert_file=$CA
mkdir ws1 && cp -r "$src/examples/layered-images/." ws1/
cd ws1

# requests OPERATION...: the sum of vers-local's request counts of those
# operationIds (the spec's) so far.
requests() {
  admin GET /requests | python3 -c '
import json, sys
c = json.load(sys.stdin)
print(sum(c.get(op, 0) for op in sys.argv[1:]))' "$@"
}
# A VM made, or a command run (which needs a VM's key), or a commit taken.
vm_work=(create_new_root_vm restore_from_commit branch_vm branch_by_commit branch_by_ref
  branch_by_tag branch_by_vm ssh_key commit_vm)
# layer_field ADDRESS FIELD: FIELD of the layer ADDRESS in the state.
layer_field() {
  tofu show -json | python3 -c '
import json, sys
def walk(m):
    yield from m.get("resources", [])
    for c in m.get("child_modules", []):
        yield from walk(c)
root = json.load(sys.stdin)["values"]["root_module"]
print(next(r["values"][sys.argv[2]] for r in walk(root) if r["address"] == sys.argv[1]))' "$1" "$2"
}
L=module.layers.vers_image_layer

tofu get -no-color >get.out 2>&1  # installs the local module ./layers
tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "the 4 layers build and the workers restore from the last" succeeded apply.out
check "2 workers left running (every build VM deleted), 4 commits" test "$(counters)" = "2 4 0"
check "the re-plan is empty" plan_is_empty
check "each layer says it was built" same "$(tofu output -json layers | python3 -c '
import json, sys; print(sorted((k, v["cached"]) for k, v in json.load(sys.stdin).items()))')" \
  "[('app', False), ('base', False), ('tools', False), ('worker', False)]"
app_hash=$(layer_field $L.app content_hash)
base_hash=$(layer_field $L.base content_hash)
tools_hash=$(layer_field $L.tools content_hash)
worker_commit=$(layer_field $L.worker commit_id)
check "the worker layer is cached as image-layers:<hash>" same \
  "$(curl -sS --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" \
    "$VERS_BASE_URL/repositories/image-layers/tags/$(layer_field $L.worker content_hash)" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["commit_id"])')" "$worker_commit"

# Import by commit id: recorded in place, nothing rebuilt.
app_commit=$(layer_field $L.app commit_id)
tofu state rm -no-color $L.app >state_rm.out 2>&1
tofu import -no-color -input=false $L.app "$app_commit" >import.out 2>&1 && ok=1 || ok=0
check "import by commit id" succeeded import.out
before=$(requests "${vm_work[@]}")
tofu apply -auto-approve -no-color -input=false >import_apply.out 2>&1 && ok=1 || ok=0
check "the apply after the import" succeeded import_apply.out
check "it updates the imported layer in place" contains import_apply.out "0 added, 1 changed, 0 destroyed"
check "it makes no VM and no commit" same "$(requests "${vm_work[@]}")" "$before"
check "the re-plan after the import is empty" plan_is_empty
tofu import -no-color -input=false 'module.layers.vers_image_layer.app' not-a-commit >bad_import.out 2>&1 && ok=1 || ok=0
check "a bad import id is refused, saying what is accepted" contains bad_import.out \
  "is not a commit id. vers_image_layer imports by the layer's commit id"

# A second, fresh workspace: the same layers, all from the cache.
mkdir ../ws2 && cp -r "$src/examples/layered-images/layers/." ../ws2/
printf 'provider "vers" {\n  ca_cert_file = "%s"\n}\n' "$CA" >../ws2/zz_test_provider.tf
echo 'worker_count = 2' >../ws2/terraform.tfvars  # as ws1's module call: the same inputs
before=$(requests "${vm_work[@]}")
vms_before=$(counters)
(cd ../ws2 && tofu apply -auto-approve -no-color -input=false >apply.out 2>&1) && ok=1 || ok=0
check "a fresh workspace applies the same layers" succeeded ../ws2/apply.out
check "it made 0 VMs, ran 0 commands, took 0 commits" same "$(requests "${vm_work[@]}")" "$before"
check "vers-local holds what it held" same "$(counters)" "$vms_before"
check "it adopted every layer from the cache" same "$(cd ../ws2 && tofu output -json layers | python3 -c '
import json, sys; print(sorted((k, v["cached"], v["commit_id"]) for k, v in json.load(sys.stdin).items()))')" \
  "$(tofu output -json layers | python3 -c '
import json, sys; print(sorted((k, True, v["commit_id"]) for k, v in json.load(sys.stdin).items()))')"
ws2_plan_is_empty() { (cd ../ws2 && plan_is_empty); }
check "its re-plan is empty" ws2_plan_is_empty

# examples/layered-images/reuse as shipped: cached layers, one VM restored.
cp -r "$src/examples/layered-images" ../reuse-src
before=$(requests create_new_root_vm commit_vm)
(cd ../reuse-src/reuse && tofu get -no-color >get.out 2>&1 && tofu apply -auto-approve -no-color -input=false >apply.out 2>&1) && ok=1 || ok=0
check "examples/layered-images/reuse applies" succeeded ../reuse-src/reuse/apply.out
check "it builds nothing" same "$(requests create_new_root_vm commit_vm)" "$before"
check "its one worker runs" test "$(counters)" = "3 4 0"
(cd ../reuse-src/reuse && tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1) && ok=1 || ok=0
check "examples/layered-images/reuse destroys, keeping the layers" succeeded ../reuse-src/reuse/destroy.out
check "the layers' commits stay" test "$(counters)" = "2 4 0"

# Layer 3's script changes: layers 3 and 4 are replaced, 1 and 2 are not.
echo 'echo "app v2" >/opt/layers/app.version' >>layers/scripts/app.sh
actions=$(planned_actions)
check "a changed layer-3 script replaces layers 3 and 4 only (and the workers)" same "$actions" \
'module.layers.vers_image_layer.app delete,create
module.layers.vers_image_layer.worker delete,create
vers_vm_restore.worker[0] delete,create
vers_vm_restore.worker[1] delete,create'
tofu show -no-color actions.plan >actions.txt
check "the plan shows layer 3's new hash" line_has actions.txt content_hash "$app_hash" "->"
tofu apply -auto-approve -no-color -input=false >rebuild.out 2>&1 && ok=1 || ok=0
check "the rebuild applies" succeeded rebuild.out
check "2 new commits, the old ones kept (retain), no build VM left" test "$(counters)" = "2 6 0"
check "the re-plan after the rebuild is empty" plan_is_empty

cat >cache.tf <<'TF'
data "vers_image_layers" "cache" {
  repository = "image-layers"
}
output "cached_hashes" {
  value = sort(keys(data.vers_image_layers.cache.commit_ids))
}
TF
tofu apply -auto-approve -no-color -input=false >cache.out 2>&1 && ok=1 || ok=0
check "data vers_image_layers reads the cache" succeeded cache.out
check "it lists the 6 cached layers" test "$(tofu output -json cached_hashes | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 6

# Two applies of one new layer at once. The layer's command waits for
# /tmp/go, which the test creates (over SSH, as a user would) only once both
# build VMs exist: both applies have missed the cache and build, so the tag
# decides. One tag, one commit; the loser deletes its own.
build_vms() {  # the running build VMs, one id per line
  curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" "$VERS_BASE_URL/vms" |
    python3 -c '
import json, sys
for vm in json.load(sys.stdin):
    if (vm.get("labels") or {}).get("terraform-provider-vers.resource") == "vers_image_layer" and vm["state"] == "running":
        print(vm["vm_id"])'
}
release_vm() {  # VM: creates /tmp/go in it over SSH-over-TLS
  mkdir -p keys
  curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" "$VERS_BASE_URL/vm/$1/ssh_key" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["ssh_private_key"])' >"keys/$1"
  chmod 600 "keys/$1"
  ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes \
    -o ConnectTimeout=10 -i "keys/$1" \
    -o ProxyCommand="openssl s_client -connect 127.0.0.1:$VERS_SSH_TLS_PORT -servername %h -quiet -verify_quiet -CAfile $CA" \
    "root@$1.$VERS_VM_DOMAIN" touch /tmp/go
}
mkdir ../race
cat >../race/main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "$CA"
}
resource "vers_image_layer" "race" {
  parent_commit_id = "$worker_commit"
  cache_repository = "image-layers"
  commands         = ["while [ ! -e /tmp/go ]; do sleep 0.2; done", "echo raced >/opt/layers/race"]
  timeouts {
    create = "5m" # bounds a test gone wrong: the gate then never opens
  }
}
output "commit" {
  value = vers_image_layer.race.commit_id
}
TF
cp -r ../race ../race2
commits_before=$(requests commit_vm)
(cd ../race && tofu apply -auto-approve -no-color -input=false >apply.out 2>&1) &
race1=$!
(cd ../race2 && tofu apply -auto-approve -no-color -input=false >apply.out 2>&1) &
race2=$!
for _ in $(seq 1 600); do  # both builds under way (at most 2 minutes)
  [ "$(build_vms | wc -l)" = 2 ] && break
  sleep 0.2
done
check "both applies missed the cache and started a build VM" test "$(build_vms | wc -l)" = 2
for vm in $(build_vms); do
  for _ in $(seq 1 50); do release_vm "$vm" 2>/dev/null && break; sleep 0.2; done
done
wait $race1 && ok=1 || ok=0
wait $race2 && ok2=1 || ok2=0
check "both racing applies succeed" test "$ok$ok2" = 11
check "both built and committed" test "$(($(requests commit_vm) - commits_before))" = 2
check "they end with one and the same commit" same "$(cd ../race && tofu output -raw commit)" \
  "$(cd ../race2 && tofu output -raw commit)"
check "the loser deleted its commit: one commit more, no VM left" test "$(counters)" = "2 7 0"

# Destroy: the cached layers stay (retain = true by default).
tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "destroy keeps the cached commits" test "$(counters)" = "0 7 0"

# retain = false: the race's layer (built on the old worker commit) goes
# first, tag and commit; then the second workspace's, which are ws1's first
# layers: worker and app go, tools and base stay with their tags, since the
# rebuilt app layer is built on them (the API refuses: a warning says so).
# Both workspaces record retain = false first (in place): the first destroy
# then deletes the shared layer, and the second finds it gone (an apply in
# between would rebuild it).
for d in ../race ../race2; do
  (cd $d && sed -i 's/^  cache_repository = "image-layers"$/&\n  retain           = false/' main.tf &&
    tofu apply -auto-approve -no-color -input=false >retain.out 2>&1) && ok=1 || ok=0
  check "$d: retain = false changes in place" contains $d/retain.out "0 added, 1 changed, 0 destroyed"
done
for d in ../race ../race2; do
  (cd $d && tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1) && ok=1 || ok=0
  check "$d: destroy with retain = false" succeeded $d/destroy.out
done
check "the raced layer's commit is deleted" test "$(counters)" = "0 6 0"
cd ../ws2
sed -i 's/^  cache_repository = var.cache_repository$/&\n  retain           = false/' main.tf
tofu apply -auto-approve -no-color -input=false >retain.out 2>&1 && ok=1 || ok=0
check "retain = false changes in place" contains retain.out "0 added, 4 changed, 0 destroyed"
tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy with retain = false succeeds" succeeded destroy.out
check "it warns that the layers the rebuild uses are kept" contains destroy.out "kept too"
check "it deleted the worker and app layers' commits" test "$(counters)" = "0 4 0"
check "the cache lists what is left: base, tools and the rebuilt app and worker" same \
  "$(curl -sS --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" \
    "$VERS_BASE_URL/repositories/image-layers/tags" |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["tags"]))')" 4

# examples/layered-images/prune, keeping base and tools: the rebuilt worker
# and app layers go, newest first, tags and commits.
cd ../reuse-src/prune
tofu apply -auto-approve -no-color -input=false -var "keep=[\"$base_hash\",\"$tools_hash\"]" >apply.out 2>&1 && ok=1 || ok=0
check "examples/layered-images/prune applies" succeeded apply.out
check "it pruned the 2 unkept layers" test "$(counters)" = "0 2 0"
check "the cache lists base and tools" same "$(curl -sS --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" \
    "$VERS_BASE_URL/repositories/image-layers/tags" |
    python3 -c 'import json,sys; print(sorted(t["tag_name"] for t in json.load(sys.stdin)["tags"]))')" \
  "$(python3 -c 'import sys; print(sorted(sys.argv[1:]))' "$base_hash" "$tools_hash")"
finish
