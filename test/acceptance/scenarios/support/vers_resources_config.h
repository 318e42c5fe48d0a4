// vers_resources' configuration: every Vers resource and data source.
#pragma once

namespace vers::acceptance {

inline constexpr char kVersResourcesTf[] = R"(variable "labels" {
  type    = map(string)
  default = { env = "e2e" }
}
variable "fs_size_mib" {
  type    = number
  default = 1024
}
variable "paused" {
  type    = bool
  default = null
}
variable "tag_target" {
  type    = string
  default = "base"
}

resource "vers_vm" "root" {
  vcpu_count   = 1
  mem_size_mib = 512
  fs_size_mib  = var.fs_size_mib
  labels       = var.labels
  paused       = var.paused
}

resource "vers_vm_commit" "base" {
  vm_id       = vers_vm.root.id
  name        = "base"
  description = "e2e base image"
}

resource "vers_vm_commit" "second" {
  vm_id = vers_vm_restore.by_id.id
  name  = "second"
}

resource "vers_commit_tag" "golden" {
  name        = "golden"
  commit_id   = var.tag_target == "base" ? vers_vm_commit.base.commit_id : vers_vm_commit.second.commit_id
  description = "e2e"
}

resource "vers_vm_restore" "by_id" {
  commit_id = vers_vm_commit.base.commit_id
}

resource "vers_vm_restore" "by_tag" {
  tag_name   = vers_commit_tag.golden.name
  depends_on = [vers_commit_tag.golden]
}

resource "vers_vm_branch" "of_commit" {
  source_commit_id = vers_vm_commit.base.commit_id
}

resource "vers_vm_branch" "of_vm" {
  source_vm_id = vers_vm_restore.by_id.id
  depends_on   = [vers_vm_commit.second]
}

data "vers_vms" "labelled" {
  labels     = { env = "e2e" }
  depends_on = [vers_vm.root]
}
data "vers_vm" "root" {
  id = vers_vm.root.id
}
data "vers_commits" "golden" {
  tag        = vers_commit_tag.golden.name
  depends_on = [vers_commit_tag.golden]
}

output "root_id" { value = vers_vm.root.id }
output "root_state" { value = vers_vm.root.state }
output "root_ssh_host" { value = vers_vm.root.ssh_host }
output "root_ssh_port" { value = vers_vm.root.ssh_port }
output "branch_ssh_port" { value = vers_vm_branch.of_vm.ssh_port }
data "vers_endpoint" "current" {}
output "endpoint_ssh_port" { value = data.vers_endpoint.current.ssh_port }
output "base_commit" { value = vers_vm_commit.base.commit_id }
output "labelled_ids" { value = data.vers_vms.labelled.ids }
output "data_vm_state" { value = data.vers_vm.root.state }
output "golden_commit" { value = data.vers_commits.golden.latest_commit_id }
output "restore_parent" { value = vers_vm_restore.by_id.parent_commit_id }
output "branch_parent" { value = vers_vm_branch.of_commit.parent_commit_id }
output "key_is_openssh" { value = startswith(nonsensitive(vers_vm.root.ssh_private_key), "-----BEGIN OPENSSH PRIVATE KEY-----") }
)";

}  // namespace vers::acceptance
