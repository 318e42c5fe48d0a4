# Publish an image in a public repository, and fork it as another team would:
# the fork restores the tagged image, commits it, and tags that commit in a
# repository of its own (destroying the fork deletes that VM and commit too).
resource "vers_vm" "builder" {}

resource "vers_vm_commit" "image" {
  vm_id = vers_vm.builder.id
}

resource "vers_repository" "base" {
  name        = "base-images"
  description = "images other teams build on"
  public      = true
}

resource "vers_repository_tag" "latest" {
  repository = vers_repository.base.name
  name       = "latest"
  commit_id  = vers_vm_commit.image.commit_id
}

# The other team knows it by its public name, org/repo.
data "vers_public_repositories" "published" {
  depends_on = [vers_repository.base]
}

locals {
  base = one([for r in data.vers_public_repositories.published.repositories : r
  if r.name == vers_repository.base.name])
}

resource "vers_repository" "fork" {
  name       = "my-base-images"
  fork_from  = "${local.base.full_name}:${vers_repository_tag.latest.name}"
  depends_on = [vers_repository_tag.latest]
}

output "fork_reference" {
  value = "${vers_repository.fork.name}:latest"
}
