# Three workers restored from a commit: copy-on-write, fast whatever the disk size.
resource "vers_vm" "builder" {}

resource "vers_vm_commit" "image" {
  vm_id = vers_vm.builder.id
}

resource "vers_vm_restore" "worker" {
  count     = 3
  commit_id = vers_vm_commit.image.commit_id
}

output "worker_hosts" {
  value = vers_vm_restore.worker[*].ssh_host
}
