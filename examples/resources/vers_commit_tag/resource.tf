# A movable name for a commit: point "stable" at a new commit in place, and
# VMs restored by tag follow it.
resource "vers_vm" "builder" {}

resource "vers_vm_commit" "release" {
  vm_id = vers_vm.builder.id
}

resource "vers_commit_tag" "stable" {
  name        = "stable"
  commit_id   = vers_vm_commit.release.commit_id
  description = "the image production workers start from"
}

resource "vers_vm_restore" "worker" {
  tag_name   = vers_commit_tag.stable.name
  depends_on = [vers_commit_tag.stable]
}
