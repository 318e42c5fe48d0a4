# One of the account's repositories, with its tags.
resource "vers_vm" "builder" {}

resource "vers_vm_commit" "image" {
  vm_id = vers_vm.builder.id
}

resource "vers_repository" "app" {
  name = "app"
}

resource "vers_repository_tag" "stable" {
  repository = vers_repository.app.name
  name       = "stable"
  commit_id  = vers_vm_commit.image.commit_id
}

data "vers_repository" "app" {
  name       = vers_repository.app.name
  depends_on = [vers_repository_tag.stable]
}

output "tags" {
  value = { for t in data.vers_repository.app.tags : t.name => t.commit_id }
}
