#!/usr/bin/env bash
# Every example under examples/ as shipped, applied with real OpenTofu (and
# Terraform) against vers-local and vergeio-local: apply, an empty re-plan,
# destroy, and nothing of it left on either emulator (issue 10, item 7: an
# example called a script it did not ship). Examples are discovered, so a new
# one is covered without touching this test. A resource's documented imports
# (examples/resources/<type>/import-by-string-id.tf and each command of its
# import.sh) are tried too: the resource is dropped from state and imported
# by each id form in turn. The test only adds what a user
# brings: credentials (VERS_* / VERGEIO_* from the environment, as the
# examples expect) and the emulators' CA in a provider file of its own.
#
# examples/layered-vms is left to test/acceptance/scenarios/layered_vms.cc, which applies it,
# re-plans, changes a layer and destroys it (too long to run twice), and
# examples/layered-images (whose layers outlive a destroy, as cached) to
# test/acceptance/scenarios/image_layers.cc.
source "$(dirname "$0")/lib.sh"
src=${VERS_SOURCE_DIR:?set VERS_SOURCE_DIR to the repository root}
: "${VERGEIO_LOCAL:?set VERGEIO_LOCAL to the built vergeio-local}"
work_dir examples-apply
start_vers_local

"$VERGEIO_LOCAL" serve --data-dir "$WORK/vergeio" >vergeio.ready 2>vergeio.log &
vio_pid=$!
trap 'kill -TERM $vio_pid 2>/dev/null; wait $vio_pid 2>/dev/null; stop_vers_local; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do [ -s vergeio.ready ] && break; sleep 0.05; done
[ -s vergeio.ready ] || { echo "vergeio-local did not start:" >&2; cat vergeio.log >&2; exit 1; }
vio_field() { python3 -c 'import json,sys; print(json.load(open("vergeio.ready"))[sys.argv[1]])' "$1"; }
VIO_HOST=$(vio_field endpoint)
VIO_PORT=$(vio_field port)
VIO_CA=$(vio_field ca_cert_file)
export VERGEIO_ENDPOINT="$VIO_HOST" VERGEIO_USERNAME=$(vio_field username) VERGEIO_PASSWORD=$(vio_field password)
vio() {  # METHOD PATH [BODY]: prints the body
  curl -sS --fail-with-body --cacert "$VIO_CA" -u "$VERGEIO_USERNAME:$VERGEIO_PASSWORD" \
    -H 'Content-Type: application/json' -X "$1" ${3:+--data "$3"} "https://$VIO_HOST:$VIO_PORT$2"
}
# What a VergeIO example may leave behind: snapshots, tags and their
# members, and the settings of the VM it manages. Tag categories are not
# counted: vers_vergeio_vm_metadata makes its category when missing and
# keeps it, as it cannot tell whether another configuration uses it (as
# test/acceptance/scenarios/vergeio.cc, which checks tags and members).
vergeio_holdings() {
  python3 - "$(vio GET '/api/v4/vms?fields=name,cpu_cores,ram,description,is_snapshot')" \
    "$(vio GET /api/v4/machine_snapshots)" "$(vio GET /api/v4/tags)" \
    "$(vio GET /api/v4/tag_members)" <<'PY'
import json, sys
vms, snaps, tags, members = (json.loads(a) for a in sys.argv[1:])
print(sorted((v["name"], v["cpu_cores"], v["ram"], v["description"], v["is_snapshot"]) for v in vms),
      "snapshots:", len(snaps), "tags:", len(tags), "tag members:", len(members))
PY
}

# What the examples manage but do not make, as a user would have it: the
# VergeIO VM they name, a VM for data "vers_vm", a commit tagged "golden".
web_server='{"name": "web-server", "cpu_cores": 2, "ram": 2048, "description": "web"}'
web_server_key=$(vio POST /api/v4/vms "$web_server" | python3 -c 'import json,sys; print(json.load(sys.stdin)["$key"])')
mkdir fixtures
cat >fixtures/main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "$CA"
}
resource "vers_vm" "existing" {}
resource "vers_vm_commit" "golden" {
  vm_id = vers_vm.existing.id
}
resource "vers_commit_tag" "golden" {
  name      = "golden"
  commit_id = vers_vm_commit.golden.commit_id
}
output "vm_id" { value = vers_vm.existing.id }
TF
(cd fixtures && tofu apply -auto-approve -no-color -input=false >apply.out 2>&1) && ok=1 || ok=0
check "the fixtures apply" succeeded fixtures/apply.out
TF_VAR_vm_id=$(cd fixtures && tofu output -raw vm_id)
export TF_VAR_vm_id
vers_before=$(counters)
vergeio_before=$(vergeio_holdings)

# provider_file DIR: the emulators' CA for DIR's example. A provider block
# the example has is amended by an override file; else one is added.
provider_file() {
  local dir=$1 settings file=zz_test_provider.tf
  settings="ca_cert_file = \"$CA\""
  grep -q 'vers_vergeio_\|vergeio {' "$dir"/*.tf &&
    settings="vergeio {
    port         = $VIO_PORT
    ca_cert_file = \"$VIO_CA\"
    retry_delay  = \"1s\"
  }"
  grep -q '^provider "vers"' "$dir"/*.tf && file=zz_test_override.tf
  printf 'provider "vers" {\n  %s\n}\n' "$settings" >"$dir/$file"
}

# real_id ADDRESS: the `id` of ADDRESS in the state.
real_id() {
  tofu show -json | python3 -c '
import json, sys
def walk(m):
    yield from m.get("resources", [])
    for c in m.get("child_modules", []):
        yield from walk(c)
root = json.load(sys.stdin)["values"]["root_module"]
print(next(r["values"]["id"] for r in walk(root) if r["address"] == sys.argv[1]))' "$1"
}

# import_documented HOW ADDRESS ID REPLACES: ADDRESS, applied, is dropped
# from state and imported again by the documented id form ID, HOW being
# "block" (an import block, applied) or "command" (`import`, then an apply of
# what it plans); then the re-plan is empty. The part of ID before its first
# ':' is put in place of a stand-in the docs cannot know (a UUID or a
# numeric key) as the resource's real `id`. What follows the import replaces
# the resource exactly when the docs say so (REPLACES is 1).
import_documented() {
  local how=$1 to=$2 doc_id=$3 replaces=$4 id out destroyed=" 0 destroyed" first
  id=$doc_id first=${doc_id%%:*}
  if [[ "$first" =~ ^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9]+)$ ]]; then
    id=$(real_id "$to")${doc_id:${#first}}
  fi
  [ "$replaces" = 1 ] && destroyed=" 1 destroyed"
  tofu state rm -no-color "$to" >state_rm.out 2>&1 && ok=1 || ok=0
  check "examples/$name: $to leaves the state" succeeded state_rm.out
  if [ "$how" = block ]; then
    printf 'import {\n  to = %s\n  id = "%s"\n}\n' "$to" "$id" >zz_import.tf
    tofu apply -auto-approve -no-color -input=false >import.out 2>&1 && ok=1 || ok=0
    rm zz_import.tf
    check "examples/$name: an import block imports $to by $doc_id" succeeded import.out
    [ "$ok" = 1 ] && check "examples/$name: the apply imported it" contains import.out "1 imported"
    out=import.out
  else
    tofu import -no-color -input=false "$to" "$id" >import.out 2>&1 && ok=1 || ok=0
    check "examples/$name: import $to $doc_id" succeeded import.out
    tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
    check "examples/$name: the apply after importing $to by $doc_id" succeeded apply.out
    out=apply.out
  fi
  [ "$ok" = 1 ] && check "examples/$name: after importing $to:$destroyed, as documented" \
    contains "$out" "$destroyed"
  [ "$ok" = 1 ] && check "examples/$name: the re-plan after importing $to is empty" plan_is_empty
  return 0  # failures are counted by check; the next form still runs
}

# documented_imports DIR: "block|command ADDRESS ID REPLACES" for the import
# block of DIR/import-by-string-id.tf and each `terraform import` line of
# DIR/import.sh; REPLACES is 1 when the comments before it (or in the .tf
# file) say a replacement follows the import.
documented_imports() {
  python3 - "$1" <<'PY'
import os, re, shlex, sys
d = sys.argv[1]
def says_replaced(comments):
    return "1" if "replacement" in " ".join(comments) else "0"
block = os.path.join(d, "import-by-string-id.tf")
if os.path.exists(block):
    text = open(block).read()
    comments = re.findall(r"#(.*)", text)
    print("block", re.search(r"^\s*to\s*=\s*(\S+)", text, re.M).group(1),
          re.search(r'^\s*id\s*=\s*"([^"]*)"', text, re.M).group(1), says_replaced(comments))
script = os.path.join(d, "import.sh")
if os.path.exists(script):
    comments = []
    for line in open(script):
        if line.lstrip().startswith("#"):
            comments.append(line.lstrip()[1:])
            continue
        words = shlex.split(line, comments=True)
        if words[:2] == ["terraform", "import"] and len(words) == 4:
            print("command", words[2], words[3], says_replaced(comments))
            comments = []
PY
}

# Every folder of .tf files under examples/: the conventional layout
# (examples/provider, examples/resources/<type>, examples/data-sources/<type>,
# examples/ephemeral-resources/<type>) and the scenarios (examples/vergeio).
examples=()
while IFS= read -r dir; do
  examples+=("${dir#"$src"/examples/}")
done < <(find "$src/examples" -name '*.tf' -printf '%h\n' | sort -u)
check "examples are found" test "${#examples[@]}" -gt 15

for name in "${examples[@]}"; do
  [ "$name" = layered-vms ] && continue  # applied by test/acceptance/scenarios/layered_vms.cc
  [[ "$name" == layered-images* ]] && continue  # applied by test/acceptance/scenarios/image_layers.cc
  dir="$WORK/ex/$name"
  mkdir -p "$dir" && cp -r "$src/examples/$name/." "$dir"
  # The import examples are for the docs page; they are tried below, with
  # real ids, and the import block is not part of the configuration.
  mapfile -t imports < <(documented_imports "$dir")
  rm -f "$dir/import-by-string-id.tf"
  provider_file "$dir"
  pushd "$dir" >/dev/null
  tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
  check "examples/$name applies" succeeded apply.out
  [ "$ok" = 1 ] && check "examples/$name: the re-plan is empty" plan_is_empty
  # The resource imported by each documented id form in turn.
  for form in "${imports[@]}"; do
    [ "$ok" = 1 ] || break  # what failed left the state unknown
    read -r how address id replaces <<<"$form"
    import_documented "$how" "$address" "$id" "$replaces"
  done
  tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
  check "examples/$name destroys" succeeded destroy.out
  popd >/dev/null
  # An imported vers_vergeio_vm_settings takes the values it found as what
  # to restore (src/resources/vergeio_vm_settings.cc: no `original` after an
  # import), so its destroy leaves the VM as configured: put it back (the
  # restore itself is checked by examples/vergeio, which imports nothing).
  [ "$name" = resources/vers_vergeio_vm_settings ] &&
    vio PUT "/api/v4/vms/$web_server_key" "$web_server" >/dev/null
  check "examples/$name leaves nothing on vers-local" same "$(counters)" "$vers_before"
  check "examples/$name leaves nothing on vergeio-local" same "$(vergeio_holdings)" "$vergeio_before"
done

(cd fixtures && tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1) && ok=1 || ok=0
check "the fixtures destroy" succeeded fixtures/destroy.out
check "vers-local holds nothing" same "$(counters)" "0 0 0"
finish
