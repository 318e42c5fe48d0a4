# A release channel: workers restore from "app:stable" and a canary branches
# from it. Moving the tag to a new commit is an in-place update; VMs made
# afterwards start from the new commit.
resource "vers_vm" "builder" {}

resource "vers_vm_commit" "release" {
  vm_id = vers_vm.builder.id
}

resource "vers_repository" "app" {
  name = "app"
}

resource "vers_repository_tag" "stable" {
  repository  = vers_repository.app.name
  name        = "stable"
  commit_id   = vers_vm_commit.release.commit_id
  description = "the image production workers start from"
}

resource "vers_vm_restore" "worker" {
  count = 2
  ref   = vers_repository_tag.stable.reference
}

resource "vers_vm_branch" "canary" {
  source_ref = vers_repository_tag.stable.reference
}
