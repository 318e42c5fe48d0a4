# A branch of a commit, by the branch VM's id: source_commit_id is read from
# the API.
terraform import vers_vm_branch.from_commit 3f6d9b12-7c4e-4a8b-a1f5-6e2d0c9b8a74

# A branch of a VM: "<vm_id>:from_vm" records the VM it was branched from
# (read from the API; an error when the API does not report it).
terraform import vers_vm_branch.experiment 9b4e1d7a-2c68-4f3e-8a5b-0f7c3d2e1a96:from_vm

# A branch of a repository tag: "<vm_id>:ref=<repo:tag>" records `source_ref`
# (the vers_repository_tag example branches a canary that way), e.g.
# 9b4e1d7a-2c68-4f3e-8a5b-0f7c3d2e1a96:ref=app:stable.
