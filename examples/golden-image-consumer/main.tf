# Another team's side of examples/layered-vms: find the published image
# golden-images:latest among the public repositories, fork it into this
# organization (the API restores a VM from it, commits it and tags that
# commit in a repository of our own), and restore workers from our fork.
# Nothing is made while nothing is published.
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}

variable "worker_count" {
  type    = number
  default = 2
}

data "vers_public_repositories" "all" {}

locals {
  # The first publisher's, should several organizations publish the name.
  published = try([for r in data.vers_public_repositories.all.repositories : r
  if r.name == "golden-images"][0], null)
}

resource "vers_repository" "ours" {
  count     = local.published == null ? 0 : 1
  name      = "golden-images-fork"
  fork_from = "${local.published.full_name}:latest"
}

resource "vers_vm_restore" "worker" {
  count = local.published == null ? 0 : var.worker_count
  ref   = "${vers_repository.ours[0].name}:latest"
}

output "worker_ssh_hosts" {
  value = vers_vm_restore.worker[*].ssh_host
}
