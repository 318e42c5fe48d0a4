# A commit (snapshot) of a VM: the unit of a layered golden image.
# Changing a trigger takes a new commit.
variable "setup_revision" {
  type    = string
  default = "1"
}

resource "vers_vm" "builder" {}

resource "vers_vm_commit" "golden" {
  vm_id       = vers_vm.builder.id
  name        = "golden"
  description = "base image, revision ${var.setup_revision}"
  keep_paused = false
  triggers = {
    revision = var.setup_revision
  }
  # retain_on_destroy = true   # keep the commit in Vers after destroy
}

output "commit_id" {
  value = vers_vm_commit.golden.commit_id
}
