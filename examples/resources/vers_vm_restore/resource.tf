# Three workers restored from a commit: copy-on-write, fast whatever the disk size.
resource "vers_vm" "builder" {}

resource "vers_vm_commit" "image" {
  vm_id = vers_vm.builder.id
}

resource "vers_vm_restore" "worker" {
  count     = 3
  commit_id = vers_vm_commit.image.commit_id
}

# A VM restored by tag: it starts from the commit the tag names when it is
# created (moving the tag later does not replace it).
resource "vers_commit_tag" "stable" {
  name      = "stable"
  commit_id = vers_vm_commit.image.commit_id
}

resource "vers_vm_restore" "canary" {
  tag_name   = vers_commit_tag.stable.name
  depends_on = [vers_commit_tag.stable]
}

output "worker_hosts" {
  value = vers_vm_restore.worker[*].ssh_host
}
