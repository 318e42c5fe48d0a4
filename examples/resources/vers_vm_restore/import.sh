# A VM restored from a commit, by its id: its commit_id is read from the API
# (the commit it was restored from).
terraform import 'vers_vm_restore.worker[0]' 7a1c4e2b-93d8-4f5a-b6e0-2d8c9f1a4b57

# A VM restored by tag: "<vm_id>:tag=<tag name>" records tag_name instead.
terraform import vers_vm_restore.canary 2e8f5a3c-1b7d-4c96-9e0a-5d4b3f2c1a87:tag=stable

# A VM restored by repository reference: "<vm_id>:ref=<repo:tag>" records
# `ref` instead (the vers_repository_tag example restores workers that way),
# e.g. 2e8f5a3c-1b7d-4c96-9e0a-5d4b3f2c1a87:ref=app:stable.
