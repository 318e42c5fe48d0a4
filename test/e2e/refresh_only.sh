#!/usr/bin/env bash
# A refresh of resources that nothing changed finds nothing: with every Vers
# resource type (vers-local), the vers_vergeio_* ones (vergeio-local), every
# data source and number-valued outputs, `plan -refresh-only
# -detailed-exitcode` exits 0 under OpenTofu and HashiCorp Terraform, and a
# normal plan notes no "Objects have changed outside". Terraform v1.11
# (hashicorp/terraform internal/terraform/context_plan.go, plan.Applyable in
# RefreshOnlyMode; internal/states/state_equal.go) calls the plan applyable,
# exit 2, when the refreshed state is not reflect.DeepEqual to the prior one,
# including how each number is held in memory; see src/plugin/wire/convert.cc.
# A change made outside is still exit 2. (Out of a provider's reach: Terraform
# 1.11 also exits 2 for an output computed by arithmetic, e.g. `2 * 3`, with no
# provider at all, so the outputs here are plain references.)
source "$(dirname "$0")/lib.sh"
: "${VERGEIO_LOCAL:?set VERGEIO_LOCAL to the built vergeio-local}"
work_dir refresh
start_vers_local

# vergeio-local for the vers_vergeio_* resources (as test/e2e/vergeio.sh).
"$VERGEIO_LOCAL" serve --data-dir "$WORK/vergeio" >vergeio.ready 2>vergeio.log &
vio_pid=$!
trap 'kill -TERM $vio_pid 2>/dev/null; wait $vio_pid 2>/dev/null; stop_vers_local; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do [ -s vergeio.ready ] && break; sleep 0.05; done
[ -s vergeio.ready ] || { echo "vergeio-local did not start:" >&2; cat vergeio.log >&2; exit 1; }
vio_field() { python3 -c 'import json,sys; print(json.load(open("vergeio.ready"))[sys.argv[1]])' "$1"; }
VIO_PORT=$(vio_field port)
VIO_CA=$(vio_field ca_cert_file)
export VERGEIO_ENDPOINT=$(vio_field endpoint) VERGEIO_USERNAME=$(vio_field username) VERGEIO_PASSWORD=$(vio_field password)
curl -sS --fail-with-body --cacert "$VIO_CA" -u "$VERGEIO_USERNAME:$VERGEIO_PASSWORD" -H 'Content-Type: application/json' \
  -X POST --data '{"name": "web-1", "cpu_cores": 1, "ram": 1024}' "https://$VERGEIO_ENDPOINT:$VIO_PORT/api/v4/vms" >/dev/null

cat >main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "$CA"
  vergeio {
    port         = $VIO_PORT
    ca_cert_file = "$VIO_CA"
  }
}

resource "vers_vm" "root" {
  vcpu_count   = 1
  mem_size_mib = 512
  fs_size_mib  = 1024
  labels       = { env = "e2e" }
  timeouts {
    create = "10m"
  }
}
resource "vers_vm" "bare" {}

resource "vers_provision" "setup" {
  vm_id       = vers_vm.root.id
  files       = [{ content = "x=1\n", destination = "/etc/app/x.conf", mode = "0600" }]
  environment = { APP = "e2e" }
  commands    = ["grep -qx x=1 /etc/app/x.conf"]
}

resource "vers_vm_commit" "base" {
  vm_id       = vers_vm.root.id
  name        = "base"
  description = "e2e base image"
  triggers    = { provision = vers_provision.setup.id }
}

resource "vers_commit_tag" "golden" {
  name        = "golden"
  commit_id   = vers_vm_commit.base.commit_id
  description = "e2e"
}

resource "vers_vm_restore" "by_id" {
  commit_id = vers_vm_commit.base.commit_id
}

resource "vers_vm_restore" "by_tag" {
  tag_name = vers_commit_tag.golden.name
}

resource "vers_vm_branch" "of_commit" {
  source_commit_id = vers_vm_commit.base.commit_id
}

resource "vers_vm_branch" "of_vm" {
  source_vm_id = vers_vm_restore.by_id.id
}

resource "vers_vergeio_vm_snapshot" "base" {
  vm   = "web-1"
  name = "base"
}
resource "vers_vergeio_vm_settings" "web" {
  vm         = "web-1"
  cpu_cores  = 2
  ram        = 2048
  depends_on = [vers_vergeio_vm_snapshot.base]
}
resource "vers_vergeio_vm_metadata" "build" {
  vm         = "web-1"
  metadata   = { build = "1" }
  depends_on = [vers_vergeio_vm_settings.web]
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
data "vers_endpoint" "current" {}

output "root_id" { value = vers_vm.root.id }
output "labelled_ids" { value = data.vers_vms.labelled.ids }
output "golden_commit" { value = data.vers_commits.golden.latest_commit_id }
# Numbers in outputs: Terraform compares root outputs too.
output "ssh_port" { value = data.vers_endpoint.current.ssh_port }
output "root_mem" { value = vers_vm.root.mem_size_mib }
output "web_ram" { value = vers_vergeio_vm_settings.web.ram }
TF

# refresh_is_empty LOG: a refresh-only plan finds nothing (exit code 0).
refresh_is_empty() {
  local rc=0
  tofu plan -refresh-only -detailed-exitcode -no-color -input=false >"$1" 2>&1 || rc=$?
  [ "$rc" = 0 ] || { echo "--- refresh-only plan exit $rc:" >&2; sed 's/^/  | /' "$1" | tail -60 >&2; return 1; }
}

tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "apply creates every resource type" succeeded apply.out
check "a refresh-only plan right after apply is empty" refresh_is_empty refresh1.out
check "it says nothing changed outside" sh -c '! grep -q "changed outside of" refresh1.out'
check "a normal plan is empty" plan_is_empty
check "it says nothing changed outside either" sh -c '! grep -q "changed outside of" plan.out'

# A refresh-only apply writes what ReadResource returned; the next refresh
# compares against that and must still find nothing.
tofu apply -refresh-only -auto-approve -no-color -input=false >refresh_apply.out 2>&1 && ok=1 || ok=0
check "a refresh-only apply succeeds" succeeded refresh_apply.out
check "a refresh-only plan after a refresh-only apply is empty" refresh_is_empty refresh2.out

# A change made outside is still seen (the rule that keeps prior values must
# not hide real drift): pause the root VM behind the provider's back.
curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" -H 'Content-Type: application/json' \
  -X PATCH --data '{"state":"Paused"}' "$VERS_BASE_URL/vm/$(tofu output -raw root_id)/state" >/dev/null
rc=0
tofu plan -refresh-only -detailed-exitcode -no-color -input=false >drift.out 2>&1 || rc=$?
check "a VM paused outside is a change (exit 2)" test "$rc" = 2
check "it is reported on vers_vm.root" contains drift.out "vers_vm.root"

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds no VM, commit or tag" test "$(counters)" = "0 0 0"
finish
