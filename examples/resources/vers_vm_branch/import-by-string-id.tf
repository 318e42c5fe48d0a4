import {
  to = vers_vm_branch.from_commit
  # "<vm_id>" (a branch of a commit), or "<vm_id>:from_vm" (of a VM).
  id = "3f6d9b12-7c4e-4a8b-a1f5-6e2d0c9b8a74"
}
