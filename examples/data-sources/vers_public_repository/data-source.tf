# A public repository of any organization, with its tags (no API key needed):
# here one of our own, published.
resource "vers_vm" "builder" {}

resource "vers_vm_commit" "image" {
  vm_id = vers_vm.builder.id
}

resource "vers_repository" "base" {
  name   = "base-images"
  public = true
}

resource "vers_repository_tag" "latest" {
  repository = vers_repository.base.name
  name       = "latest"
  commit_id  = vers_vm_commit.image.commit_id
}

data "vers_public_repositories" "published" {
  depends_on = [vers_repository.base]
}

locals {
  org = split("/", one([for r in data.vers_public_repositories.published.repositories : r.full_name
  if r.name == vers_repository.base.name]))[0]
}

data "vers_public_repository" "base" {
  org        = local.org
  name       = vers_repository.base.name
  depends_on = [vers_repository_tag.latest]
}

output "tags" {
  value = [for t in data.vers_public_repository.base.tags : t.name]
}
