// vers_repositories' configuration: repositories, tags, a fork of a public
// repository, restores and branches by reference, and the data sources.
#pragma once

namespace vers::acceptance {

inline constexpr char kVersRepositoriesTf[] = R"(variable "tag_target" {
  type    = string
  default = "base"
}
variable "commit_name" {
  type    = string
  default = "base"
}
variable "public" {
  type    = bool
  default = false
}

resource "vers_vm" "root" {
  vcpu_count   = 1
  mem_size_mib = 512
  fs_size_mib  = 1024
}

resource "vers_vm_commit" "base" {
  vm_id       = vers_vm.root.id
  name        = var.commit_name
  description = "e2e base image"
  public      = var.public
}

resource "vers_repository" "images" {
  name        = "images"
  description = "e2e images"
  public      = true
}

resource "vers_repository_tag" "stable" {
  repository  = vers_repository.images.name
  name        = "stable"
  commit_id   = var.tag_target == "base" ? vers_vm_commit.base.commit_id : vers_vm_commit.second.commit_id
  description = "what workers start from"
}

resource "vers_vm_restore" "by_ref" {
  ref = vers_repository_tag.stable.reference
}

resource "vers_vm_restore" "from_base" {
  commit_id = vers_vm_commit.base.commit_id
}

resource "vers_vm_commit" "second" {
  vm_id = vers_vm_restore.from_base.id
  name  = "second"
}

resource "vers_vm_branch" "by_ref" {
  source_ref = vers_repository_tag.stable.reference
}

# Another team's view: the public repository, found by name, forked. (Read
# once the repository is public; depending on the tag instead would defer
# the read, and so replace the fork, whenever the tag moves.)
data "vers_public_repositories" "all" {
  depends_on = [vers_repository.images]
}
locals {
  source = one([for r in data.vers_public_repositories.all.repositories : r if r.name == "images"])
}
data "vers_public_repository" "images" {
  org        = local.source.org_name
  name       = local.source.name
  depends_on = [vers_repository_tag.stable]
}
resource "vers_repository" "fork" {
  name          = "images-fork"
  fork_from     = "${local.source.org_name}/images:stable"
  fork_tag_name = "v1"
  public        = var.public
  depends_on    = [vers_repository_tag.stable]
}

data "vers_repository" "fork" {
  name       = vers_repository.fork.name
  depends_on = [vers_repository.fork]
}
data "vers_commits" "lineage" {
  parents_of = vers_vm_commit.second.commit_id
}
data "vers_commits" "public" {
  public     = true
  depends_on = [vers_vm_commit.base]
}

output "base_commit" { value = vers_vm_commit.base.commit_id }
output "second_commit" { value = vers_vm_commit.second.commit_id }
output "reference" { value = vers_repository_tag.stable.reference }
output "restore_parent" { value = vers_vm_restore.by_ref.parent_commit_id }
output "branch_parent" { value = vers_vm_branch.by_ref.parent_commit_id }
output "fork_commit" { value = vers_repository.fork.fork_commit_id }
output "fork_vm" { value = vers_repository.fork.fork_vm_id }
output "fork_tags" { value = [for t in data.vers_repository.fork.tags : "${t.reference}=${t.commit_id}"] }
output "public_tags" { value = [for t in data.vers_public_repository.images.tags : t.name] }
output "public_full_name" { value = data.vers_public_repository.images.full_name }
output "lineage" { value = [for c in data.vers_commits.lineage.commits : c.commit_id] }
output "public_commits" { value = [for c in data.vers_commits.public.commits : c.commit_id] }
)";

inline constexpr char kBadRefsTf[] = R"(resource "vers_vm_restore" "bad" {
  ref = "images"
}
resource "vers_vm_branch" "bad" {
  source_ref = "images:no spaces"
}
resource "vers_repository" "bad" {
  name      = "bad"
  fork_from = "images:stable"
}
)";

inline constexpr char kLostRepositoryTf[] = R"(resource "vers_repository" "lost" {
  name = "lost"
}
resource "vers_repository_tag" "lost" {
  repository = vers_repository.lost.name
  name       = "v1"
  commit_id  = vers_vm_commit.base.commit_id
}
resource "vers_vm_restore" "lost" {
  ref = vers_repository_tag.lost.reference
}
)";

}  // namespace vers::acceptance
