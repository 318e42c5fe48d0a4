#!/usr/bin/env bash
# The vers_vergeio_* resources with real OpenTofu against vergeio-local:
# snapshot, settings and metadata on one VM -> re-plan empty -> import ->
# a metadata change moves only its own tag -> destroy leaves no snapshot or
# tag of ours and puts the settings back; retries follow retry_attempts and
# say how many were made; bad input gets clear diagnostics.
source "$(dirname "$0")/lib.sh"
: "${VERGEIO_LOCAL:?set VERGEIO_LOCAL to the built vergeio-local}"
work_dir vergeio

"$VERGEIO_LOCAL" serve --data-dir "$WORK/vergeio" >ready.json 2>vergeio.log &
vio_pid=$!
trap 'kill -TERM $vio_pid 2>/dev/null; wait $vio_pid 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do [ -s ready.json ] && break; sleep 0.05; done
field() { python3 -c 'import json,sys; print(json.load(open("ready.json"))[sys.argv[1]])' "$1"; }
VIO_HOST=$(field endpoint)
VIO_PORT=$(field port)
VIO_CA=$(field ca_cert_file)
export VERGEIO_ENDPOINT="$VIO_HOST" VERGEIO_USERNAME=$(field username) VERGEIO_PASSWORD=$(field password)
vio() {  # METHOD PATH [BODY]: prints the body
  curl -sS --fail-with-body --cacert "$VIO_CA" -u "$VERGEIO_USERNAME:$VERGEIO_PASSWORD" \
    -H 'Content-Type: application/json' -X "$1" ${3:+--data "$3"} "https://$VIO_HOST:$VIO_PORT$2"
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

vm_key=$(vio POST /api/v4/vms '{"name":"web-1","cpu_cores":2,"ram":2048,"description":"orig"}' | json 'd["$key"]')
vio POST /api/v4/vms '{"name":"other","cpu_cores":1,"ram":1024}' >/dev/null

write_config() {  # BUILD_VERSION EXTRA_VERGEIO_SETTINGS
  cat >main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  vergeio {
    port           = $VIO_PORT
    ca_cert_file   = "$VIO_CA"
    retry_delay    = "1s"
    ${2:-}
  }
}
resource "vers_vergeio_vm_snapshot" "base" {
  vm          = "web-1"
  name        = "base"
  description = "checkpoint"
}
resource "vers_vergeio_vm_settings" "web" {
  vm                 = "web-1"
  cpu_cores          = 4
  ram                = 4096
  description        = "configured"
  advanced           = "machine_type=q35\ncpu.flags=+aes\n"
  restore_on_destroy = true
  depends_on         = [vers_vergeio_vm_snapshot.base]
}
resource "vers_vergeio_vm_metadata" "build" {
  vm         = "web-1"
  metadata   = { build = "$1", owner = "ci" }
  depends_on = [vers_vergeio_vm_settings.web]
}
resource "vers_vergeio_vm_snapshot" "final" {
  vm         = "$vm_key"
  name       = "final"
  expires    = "2030-01-01T00:00:00Z"
  depends_on = [vers_vergeio_vm_metadata.build]
}
output "need_restart" { value = vers_vergeio_vm_settings.web.need_restart }
output "final_machine" { value = vers_vergeio_vm_snapshot.final.machine }
TF
}
write_config 1

tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "apply: two snapshots, settings and metadata" succeeded apply.out
machine=$(vio GET "/api/v4/vms/$vm_key" | json 'd["machine"]')
check "the VM and machine keys differ (the classic bug would hide here)" test "$machine" != "$vm_key"
check "snapshots are taken of the machine key" test "$(tofu output -raw final_machine)" = "$machine"
check "two snapshots exist" test "$(vio GET /api/v4/machine_snapshots | json 'len(d)')" = 2
check "settings applied" test "$(vio GET "/api/v4/vms/$vm_key" | json 'd["cpu_cores"], d["ram"], d["description"]')" = "4 4096 configured"
check "need_restart reported" test "$(tofu output -raw need_restart)" = true
check "metadata tags exist and are attached" \
  test "$(vio GET '/api/v4/tags?fields=name' | json '" ".join(sorted(t["name"] for t in d))')" = "build=1 owner=ci"
check "re-plan is empty" plan_is_empty

# Import into a fresh state: the plan is empty again.
state_id() { tofu state show -no-color "$1" | sed -n 's/^ *id *= "\(.*\)"$/\1/p' | head -1; }
base_id=$(state_id vers_vergeio_vm_snapshot.base)
final_id=$(state_id vers_vergeio_vm_snapshot.final)
mv terraform.tfstate applied.tfstate
tofu import -no-color -input=false vers_vergeio_vm_snapshot.base "$base_id:web-1" >i1.out 2>&1 && ok=1 || ok=0
check "import the first snapshot" succeeded i1.out
tofu import -no-color -input=false vers_vergeio_vm_snapshot.final "$final_id:$vm_key" >i2.out 2>&1 && ok=1 || ok=0
check "import the final snapshot" succeeded i2.out
tofu import -no-color -input=false vers_vergeio_vm_settings.web "web-1:cpu_cores,ram,description,advanced" >i3.out 2>&1 && ok=1 || ok=0
check "import the settings" succeeded i3.out
tofu import -no-color -input=false vers_vergeio_vm_metadata.build "web-1:build,owner" >i4.out 2>&1 && ok=1 || ok=0
check "import the metadata" succeeded i4.out
tofu plan -no-color -input=false >import-plan.out 2>&1 || true
check "after import only the destroy-time option differs" \
  contains import-plan.out "restore_on_destroy = false -> true"
mv applied.tfstate terraform.tfstate
check "the applied state still plans empty" plan_is_empty

# Changing one metadata value moves only that tag.
owner_tag=$(vio GET '/api/v4/tags?fields=name' | json '[t["$key"] for t in d if t["name"] == "owner=ci"][0]')
owner_member=$(vio GET '/api/v4/tag_members' | json "[m['\$key'] for m in d if m['tag'] == $owner_tag][0]")
write_config 2
tofu apply -auto-approve -no-color -input=false >meta.out 2>&1 && ok=1 || ok=0
check "metadata change applies" succeeded meta.out
check "the changed pair moved" \
  test "$(vio GET '/api/v4/tags?fields=name' | json '" ".join(sorted(t["name"] for t in d))')" = "build=2 owner=ci"
check "the unchanged pair's member was not touched" \
  test "$(vio GET '/api/v4/tag_members' | json "[m['\$key'] for m in d if m['tag'] == $owner_tag][0]")" = "$owner_member"

# Drift: a tag removed outside Terraform comes back.
vio DELETE "/api/v4/tag_members/$owner_member" >/dev/null
tofu plan -no-color -input=false >drift.out 2>&1 || true
check "metadata drift is planned back" contains drift.out '+ "owner" = "ci"'

# Retries: every call fails with 503; the error says how many attempts.
vio POST /_admin/faults '{"error_rate":1,"status":503}' >/dev/null
write_config 2 "retry_attempts = 2"
tofu plan -no-color -input=false >retry.out 2>&1 && rc=0 || rc=$?
check "with the API failing, the refresh fails" test "$rc" != 0
check "the error says 3 attempts were made (1 + retry_attempts)" contains retry.out "gave up after 3 of 3 attempts"
vio POST /_admin/faults '{}' >/dev/null
write_config 2

# Bad input.
cat >bad.tf <<'TF'
resource "vers_vergeio_vm_settings" "bad" {
  vm       = "web-1"
  advanced = "{\"machine_type\": \"q35\"}"
}
resource "vers_vergeio_vm_snapshot" "bad" {
  vm      = "web-1"
  name    = "x"
  expires = "next tuesday"
}
TF
tofu validate -no-color >bad.out 2>&1 || true
check "advanced JSON is refused with a hint" contains bad.out "It looks like JSON"
check "a bad expires is refused" contains bad.out 'expires "next tuesday" is not "never" or an RFC 3339 time'
cat >bad.tf <<'TF'
resource "vers_vergeio_vm_snapshot" "missing" {
  vm   = "no-such-vm"
  name = "x"
}
TF
tofu apply -auto-approve -no-color -input=false -target=vers_vergeio_vm_snapshot.missing >missing.out 2>&1 || true
check "an unknown VM is a diagnostic naming it" contains missing.out 'Cannot find VergeIO VM "no-such-vm"'
rm -f bad.tf
VERGEIO_PASSWORD= tofu plan -no-color -input=false >nopass.out 2>&1 || true
check "no password: a diagnostic saying how to give one" contains nopass.out "Missing VergeIO password"
check "the password never shows in output or state" \
  bash -c "! grep -qF '$VERGEIO_PASSWORD' *.out terraform.tfstate"

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "no snapshots left" test "$(vio GET /api/v4/machine_snapshots | json 'len(d)')" = 0
check "no tags or members of ours left" \
  test "$(vio GET /api/v4/tags | json 'len(d)') $(vio GET /api/v4/tag_members | json 'len(d)')" = "0 0"
check "the settings are back" test "$(vio GET "/api/v4/vms/$vm_key" | json 'd["cpu_cores"], d["ram"], d["description"]')" = "2 2048 orig"
finish
