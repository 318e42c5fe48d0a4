# Branches: a copy-on-write clone of a running VM, and one of a commit.
resource "vers_vm" "main" {}

resource "vers_vm_branch" "experiment" {
  source_vm_id = vers_vm.main.id
  keep_paused  = false # leave the source VM running after the branch
}

resource "vers_vm_commit" "snapshot" {
  vm_id = vers_vm.main.id
}

resource "vers_vm_branch" "from_commit" {
  source_commit_id = vers_vm_commit.snapshot.commit_id
}
