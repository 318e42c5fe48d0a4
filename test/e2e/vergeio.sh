#!/usr/bin/env bash
# The vers_vergeio_* resources with real OpenTofu against vergeio-local, which
# answers as the real VergeIO does (string "$key" in POST answers, exact field
# lists, backslash-escaped filters, snapshots as vms rows, need_restart on
# vms, PUT 200 [] that ignores what it does not know, no idempotency keys):
# snapshot, settings and metadata on one VM -> re-plan empty -> import ->
# a metadata change moves only its own tag -> names with quotes and braces ->
# a setting that does not take is an error on its attribute -> a lost POST
# answer creates nothing twice -> destroy leaves no snapshot or tag of ours and
# puts the settings back; retries follow retry_attempts and say how many were
# made; bad input gets clear diagnostics.
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
new_vm() {  # NAME [CPU RAM DESCRIPTION]: creates a VM, prints its key
  vio POST /api/v4/vms "$(python3 -c 'import json,sys; a=sys.argv[1:]
print(json.dumps({"name": a[0], "cpu_cores": int(a[1]), "ram": int(a[2]), "description": a[3]}))' \
    "$1" "${2:-1}" "${3:-1024}" "${4:-}")" | json 'd["$key"]'
}
machine_of() { vio GET "/api/v4/vms/$1?fields=machine" | json 'd["machine"]'; }

vm_key=$(new_vm web-1 2 2048 orig)
new_vm other >/dev/null
quote_key=$(new_vm "o'brien's vm")
brace_key=$(new_vm "ci{1}")
new_vm ci >/dev/null  # what an unescaped 'ci{1}' would find (the grammar eats {1})

write_config() {  # BUILD_VERSION [EXTRA_VERGEIO_SETTINGS] [ADVANCED] [EXTRA_TF]
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
  advanced           = "${3:-machine_type=q35\ncpu.flags=+aes\n}"
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
resource "vers_vergeio_vm_snapshot" "quiet" {
  vm      = "o'brien's vm"
  name    = "q's"
  quiesce = true
}
resource "vers_vergeio_vm_snapshot" "braces" {
  vm   = "ci{1}"
  name = "b{x}"
}
resource "vers_vergeio_vm_metadata" "quoted" {
  vm           = "o'brien's vm"
  tag_category = "build's-info"
  metadata     = { team = "o'brien" }
}
${4:-}
output "need_restart" { value = vers_vergeio_vm_settings.web.need_restart }
output "final_machine" { value = vers_vergeio_vm_snapshot.final.machine }
output "quiet_machine" { value = vers_vergeio_vm_snapshot.quiet.machine }
output "quiesced" { value = vers_vergeio_vm_snapshot.quiet.quiesced }
output "braces_machine" { value = vers_vergeio_vm_snapshot.braces.machine }
TF
}
write_config 1

tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "apply: snapshots, settings and metadata (creates read string keys)" succeeded apply.out
machine=$(machine_of "$vm_key")
check "the VM and machine keys differ (the classic bug would hide here)" test "$machine" != "$vm_key"
check "snapshots are taken of the machine key" test "$(tofu output -raw final_machine)" = "$machine"
check "four snapshots exist" test "$(vio GET /api/v4/machine_snapshots | json 'len(d)')" = 4
check "each snapshot is also a vms row named like its VM" \
  test "$(vio GET '/api/v4/vms?fields=name,is_snapshot' | json 'sum(1 for v in d if v["name"] == "web-1" and v["is_snapshot"])')" = 2
check "settings found web-1 by name past its snapshot rows, and applied" \
  test "$(vio GET "/api/v4/vms/$vm_key?fields=cpu_cores,ram,description" | json 'd["cpu_cores"], d["ram"], d["description"]')" = "4 4096 configured"
check "a field list answers exactly the fields named" \
  test "$(vio GET "/api/v4/vms/$vm_key?fields=cpu_cores,ram" | json 'sorted(d)')" = "['cpu_cores', 'ram']"
check "need_restart read from the vms row" test "$(tofu output -raw need_restart)" = true
check "a VM named with a quote is found" test "$(tofu output -raw quiet_machine)" = "$(machine_of "$quote_key")"
check "a VM named with braces is found, not the one the braces would hide" \
  test "$(tofu output -raw braces_machine)" = "$(machine_of "$brace_key")"
check "quiesce = true reads back as quiesced" test "$(tofu output -raw quiesced)" = true
check "a tag category named with a quote" \
  test "$(vio GET '/api/v4/tag_categories?fields=name' | json '" ".join(sorted(c["name"] for c in d))')" = "build's-info vers-metadata"
check "metadata tags exist and are attached" \
  test "$(vio GET '/api/v4/tags?fields=name' | json '" ".join(sorted(t["name"] for t in d))')" = "build=1 owner=ci team=o'brien"
check "re-plan is empty (quiesce = true included)" plan_is_empty

# Import into a fresh state: the imported resources plan only the
# destroy-time option (the others plan a create).
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
check "after import the settings differ only in the destroy-time option" \
  contains import-plan.out "restore_on_destroy = false -> true"
check "after import the snapshots plan no change" \
  bash -c "! grep -qE 'vers_vergeio_vm_snapshot\.(base|final) (must be replaced|will be)' import-plan.out"
mv applied.tfstate terraform.tfstate
check "the applied state still plans empty" plan_is_empty

# Changing one metadata value moves only that tag.
owner_tag=$(vio GET '/api/v4/tags?fields=$key,name' | json '[t["$key"] for t in d if t["name"] == "owner=ci"][0]')
owner_member=$(vio GET '/api/v4/tag_members?fields=$key,tag' | json "[m['\$key'] for m in d if m['tag'] == $owner_tag][0]")
write_config 2
tofu apply -auto-approve -no-color -input=false >meta.out 2>&1 && ok=1 || ok=0
check "metadata change applies" succeeded meta.out
check "the changed pair moved" \
  test "$(vio GET '/api/v4/tags?fields=name' | json '" ".join(sorted(t["name"] for t in d))')" = "build=2 owner=ci team=o'brien"
check "the unchanged pair's member was not touched" \
  test "$(vio GET '/api/v4/tag_members?fields=$key,tag' | json "[m['\$key'] for m in d if m['tag'] == $owner_tag][0]")" = "$owner_member"

# A setting that does not take: VergeIO answers the PUT 200 [] and ignores a
# field it does not know (as a VergeOS without `advanced` would), so the
# provider reads the VM back and names the attribute.
vio POST /_admin/hidden_fields '{"vms":["advanced"]}' >/dev/null
write_config 2 "" 'machine_type=pc\n'
tofu apply -auto-approve -no-color -input=false >untaken.out 2>&1 && rc=0 || rc=$?
check "a setting that does not take fails the apply" test "$rc" != 0
check "the diagnostic names the attribute and what VergeIO has" \
  contains untaken.out 'VergeIO did not apply advanced'
check "the diagnostic says what was asked and what was found" \
  contains untaken.out 'reads back advanced = "", not "machine_type=pc\n"'
check "the diagnostic points at the attribute" contains untaken.out 'advanced           = "machine_type=pc\n"'
vio POST /_admin/hidden_fields '{}' >/dev/null
tofu apply -auto-approve -no-color -input=false >taken.out 2>&1 && ok=1 || ok=0
check "once VergeIO takes the field, the same apply succeeds" succeeded taken.out
check "the setting is there" \
  test "$(vio GET "/api/v4/vms/$vm_key?fields=advanced" | json 'repr(d["advanced"])')" = "'machine_type=pc\\n'"
write_config 2
tofu apply -auto-approve -no-color -input=false >back.out 2>&1 && ok=1 || ok=0
check "and back to the configured advanced options" succeeded back.out

# A lost answer: every POST's answer is cut after the work is done. VergeIO has
# no idempotency keys, so each row is looked for by its identity, not made again.
vio POST /_admin/faults '{"lose_response_rate":1}' >/dev/null
write_config 2 "" "" 'resource "vers_vergeio_vm_snapshot" "lost" {
  vm   = "web-1"
  name = "lost'"'"'s answer"
}
resource "vers_vergeio_vm_metadata" "lost" {
  vm           = "other"
  tag_category = "lost-answers"
  metadata     = { extra = "1" }
}'
tofu apply -auto-approve -no-color -input=false -target=vers_vergeio_vm_snapshot.lost \
  -target=vers_vergeio_vm_metadata.lost >lost.out 2>&1 && ok=1 || ok=0
vio POST /_admin/faults '{}' >/dev/null
check "creates whose answers were lost succeed" succeeded lost.out
check "exactly one snapshot was made" \
  test "$(vio GET '/api/v4/machine_snapshots?fields=name' | json 'sum(1 for s in d if s["name"] == "lost'"'"'s answer")')" = 1
check "exactly one category, tag and member were made" \
  test "$(vio GET '/api/v4/tag_categories?fields=name' | json 'sum(1 for c in d if c["name"] == "lost-answers")') $(vio GET '/api/v4/tags?fields=name' | json 'sum(1 for t in d if t["name"] == "extra=1")') $(vio GET '/api/v4/tag_members?fields=member' | json 'len(d)')" = "1 1 4"
check "the lost-answer resources plan empty" plan_is_empty

# A create that fails halfway is recorded (tainted), never orphaned (issue 10,
# item 1): the pair's tag is made, attaching it to the VM is answered 503 every
# time (vergeio-local's `only` aims the faults at that POST).
write_config 2 "" "" 'resource "vers_vergeio_vm_metadata" "half" {
  vm           = "other"
  tag_category = "half-made"
  metadata     = { half = "1" }
}'
vio POST /_admin/faults '{"error_rate":1,"status":503,"only":"POST /api/v4/tag_members"}' >/dev/null
tofu apply -auto-approve -no-color -input=false -target=vers_vergeio_vm_metadata.half >half.out 2>&1 && ok=1 || ok=0
vio POST /_admin/faults '{}' >/dev/null
check "the half-made metadata create fails" test "$ok" = 0
check "the half-made metadata is in the state" line_has <(tofu state list) "vers_vergeio_vm_metadata.half"
tofu destroy -auto-approve -no-color -input=false -target=vers_vergeio_vm_metadata.half >half-destroy.out 2>&1 && ok=1 || ok=0
check "destroying it succeeds" succeeded half-destroy.out
check "and leaves no tag of its category" \
  test "$(vio GET '/api/v4/tags?fields=name' | json 'sum(1 for t in d if t["name"] == "half=1")')" = 0

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
  vm   = "no-such-vm's"
  name = "x"
}
TF
tofu apply -auto-approve -no-color -input=false -target=vers_vergeio_vm_snapshot.missing >missing.out 2>&1 || true
check "an unknown VM (with a quote) is a diagnostic naming it" contains missing.out "VergeIO has no VM named \"no-such-vm's\""
rm -f bad.tf
VERGEIO_PASSWORD= tofu plan -no-color -input=false >nopass.out 2>&1 || true
check "no password: a diagnostic saying how to give one" contains nopass.out "Missing VergeIO password"
check "the password never shows in output or state" \
  bash -c "! grep -qF '$VERGEIO_PASSWORD' *.out terraform.tfstate"

write_config 2 "" "" 'resource "vers_vergeio_vm_snapshot" "lost" {
  vm   = "web-1"
  name = "lost'"'"'s answer"
}
resource "vers_vergeio_vm_metadata" "lost" {
  vm           = "other"
  tag_category = "lost-answers"
  metadata     = { extra = "1" }
}'
tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "no snapshots (nor their vms rows) left" \
  test "$(vio GET /api/v4/machine_snapshots | json 'len(d)') $(vio GET '/api/v4/vms?fields=is_snapshot' | json 'sum(1 for v in d if v["is_snapshot"])')" = "0 0"
check "no tags or members of ours left" \
  test "$(vio GET /api/v4/tags | json 'len(d)') $(vio GET /api/v4/tag_members | json 'len(d)')" = "0 0"
check "the settings are back" test "$(vio GET "/api/v4/vms/$vm_key?fields=cpu_cores,ram,description" | json 'd["cpu_cores"], d["ram"], d["description"]')" = "2 2048 orig"
finish
