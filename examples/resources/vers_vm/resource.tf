# A root VM. Sizes are fixed at creation (the disk can grow in place);
# labels and the pause state change in place.
resource "vers_vm" "dev" {
  vcpu_count   = 2
  mem_size_mib = 2048
  fs_size_mib  = 4096
  labels = {
    team = "platform"
    role = "dev"
  }
  # paused = true   # pause in place; leave unset to not manage it

  timeouts {
    create = "10m"
  }
}

output "ssh_host" {
  value = vers_vm.dev.ssh_host
}
