#!/usr/bin/env bash
# Issue 15, item 2, against vers-local: a base image uploaded from a local
# root filesystem archive, a VM that boots from it (the archive's file is
# there, read over SSH by vers_provision), data vers_images; apply -> re-plan
# empty -> import into a fresh state (re-plan empty) -> destroy -> vers-local
# holds no image. Then the failures a user meets: an archive the API refuses
# (its reason is the diagnostic), bad inputs named at validation.
#
# Sources: the Vers spec (orchestrator.openapi.json, tag "images", and
# VmCreateVmConfig.image_name); no public client calls /images (see
# src/local/api_images.cc for what vers-local decides where the spec is open).
source "$(dirname "$0")/lib.sh"
work_dir base-images
start_vers_local
write_vers_provider_tf

mkdir -p rootfs/etc && echo "made by e2e vers_base_images" >rootfs/etc/vers-image-release
tar --create --gzip --file rootfs.tar.gz -C rootfs etc

cat >main.tf <<'TF'
resource "vers_base_image" "tools" {
  image_name   = "e2e-tools"
  archive_path = "${path.module}/rootfs.tar.gz"
  size_mib     = 512
  triggers     = { archive = filesha256("${path.module}/rootfs.tar.gz") }
}

resource "vers_vm" "from_image" {
  vcpu_count   = 1
  mem_size_mib = 512
  fs_size_mib  = 1024
  image_name   = vers_base_image.tools.image_name
}

# Fails the apply unless the VM's root filesystem holds the archive's file.
resource "vers_provision" "check" {
  vm_id    = vers_vm.from_image.id
  commands = ["grep -q 'made by e2e vers_base_images' /etc/vers-image-release"]
}

data "vers_images" "uploaded" {
  source_type = "upload"
  depends_on  = [vers_base_image.tools]
}

output "status" { value = vers_base_image.tools.status }
output "image_id" { value = vers_base_image.tools.base_image_id }
output "names" { value = data.vers_images.uploaded.names }
TF

out() { tofu output -raw "$1"; }
api() { curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" "$VERS_BASE_URL$1"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "apply uploads the image, boots a VM from it and finds the archive's file in it" \
  succeeded apply.out
check "the image is ready" test "$(out status)" = ready
check "the API lists it with the id in state" \
  test "$(api /images | json '[i["base_image_id"] for i in d["images"] if i["image_name"]=="e2e-tools"][0]')" = "$(out image_id)"
check "data vers_images lists it" test "$(tofu output -json names)" = '["e2e-tools"]'
check "re-plan after apply is empty" plan_is_empty
check "an image used by a VM is kept (409), and says so" \
  bash -c "curl -sS --cacert '$CA' -H 'Authorization: Bearer $VERS_API_KEY' -X DELETE \
    '$VERS_BASE_URL/images/images/$(out image_id)' | grep -q 'in use by VM'"

# Import into a fresh state: the first apply records the inputs in place.
mv terraform.tfstate imported-from.tfstate
tofu import -no-color -input=false vers_base_image.tools e2e-tools >import.out 2>&1 && ok=1 || ok=0
check "import vers_base_image by its name" succeeded import.out
check "an imported image is updated in place, never replaced" \
  same "$(planned_actions | grep base_image)" "vers_base_image.tools update"
tofu state rm -no-color vers_base_image.tools >/dev/null 2>&1
mv imported-from.tfstate terraform.tfstate
check "re-plan with the original state is empty" plan_is_empty

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy" succeeded destroy.out
check "vers-local holds no image and no VM" \
  test "$(api /images | json 'd["total"]') $(counters)" = "0 0 0 0"

# An archive the API refuses: the apply fails with its reason, and the image
# is recorded (tainted) so that destroy removes it.
echo "not an archive" >rootfs.tar.gz
cat >main.tf <<'TF'
resource "vers_base_image" "bad" {
  image_name   = "e2e-bad"
  archive_path = "${path.module}/rootfs.tar.gz"
}
TF
tofu apply -auto-approve -no-color -input=false >failed.out 2>&1 && ok=0 || ok=1
check "an archive tar cannot read fails the apply" succeeded failed.out
check "the diagnostic carries the API's reason" contains failed.out "not a readable tar archive"
tofu state list >state.out 2>&1
check "the failed image is recorded, tainted" contains state.out vers_base_image.bad
tofu destroy -auto-approve -no-color -input=false >destroy2.out 2>&1 && ok=1 || ok=0
check "destroy removes the failed image" succeeded destroy2.out
check "vers-local holds no image" test "$(api /images | json 'd["total"]')" = 0

# Bad input is named at validation, with what is accepted.
mkdir bad && cp provider.tf bad/
cat >bad/main.tf <<'TF'
resource "vers_base_image" "missing" {
  image_name   = "a"
  archive_path = "/nonexistent/rootfs.tar"
}
resource "vers_base_image" "two_sources" {
  image_name   = "b"
  archive_path = "/nonexistent/rootfs.tar"
  docker_image = "debian:12"
}
resource "vers_base_image" "reserved" {
  image_name   = "default"
  docker_image = "debian:12"
}
resource "vers_base_image" "half_s3" {
  image_name   = "c"
  docker_image = "debian:12"
  s3_key       = "k"
}
TF
(cd bad && tofu validate -no-color >../bad.out 2>&1) && ok=0 || ok=1
check "bad inputs fail validation" succeeded bad.out
check "a missing archive is named with why" contains bad.out 'archive_path "/nonexistent/rootfs.tar" cannot be opened'
check "two sources are refused" contains bad.out "Set exactly one of archive_path"
check "the reserved name is refused" contains bad.out 'is "default"'
check "s3_key needs s3_bucket" contains bad.out "s3_bucket and s3_key go together"
finish
