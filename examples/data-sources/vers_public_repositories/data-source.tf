# Browse the images other organizations publish (no API key needed), and see
# the lineage of a commit: the commit, then every commit it was built on.
data "vers_public_repositories" "all" {}

output "public_repositories" {
  value = [for r in data.vers_public_repositories.all.repositories : r.full_name]
}

resource "vers_vm" "builder" {}

resource "vers_vm_commit" "image" {
  vm_id = vers_vm.builder.id
}

data "vers_commits" "lineage" {
  parents_of = vers_vm_commit.image.commit_id
}

output "lineage" {
  value = [for c in data.vers_commits.lineage.commits : c.name]
}
