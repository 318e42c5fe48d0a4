// refresh_only's configuration: every resource type of both backends, every
// data source, and number-valued outputs.
#pragma once

namespace vers::acceptance {

inline constexpr char kRefreshOnlyTf[] = R"(terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "{{CA}}"
  vergeio {
    port         = {{VIO_PORT}}
    ca_cert_file = "{{VIO_CA}}"
  }
}

resource "vers_vm" "root" {
  vcpu_count   = 1
  mem_size_mib = 512
  fs_size_mib  = 1024
  labels       = { env = "e2e" }
  timeouts {
    create = "10m"
  }
}
resource "vers_vm" "bare" {}

resource "vers_provision" "setup" {
  vm_id       = vers_vm.root.id
  files       = [{ content = "x=1\n", destination = "/etc/app/x.conf", mode = "0600" }]
  environment = { APP = "e2e" }
  commands    = ["grep -qx x=1 /etc/app/x.conf"]
}

resource "vers_vm_commit" "base" {
  vm_id       = vers_vm.root.id
  name        = "base"
  description = "e2e base image"
  triggers    = { provision = vers_provision.setup.id }
}

resource "vers_commit_tag" "golden" {
  name        = "golden"
  commit_id   = vers_vm_commit.base.commit_id
  description = "e2e"
}

resource "vers_vm_restore" "by_id" {
  commit_id = vers_vm_commit.base.commit_id
}

resource "vers_vm_restore" "by_tag" {
  tag_name = vers_commit_tag.golden.name
}

resource "vers_vm_branch" "of_commit" {
  source_commit_id = vers_vm_commit.base.commit_id
}

resource "vers_vm_branch" "of_vm" {
  source_vm_id = vers_vm_restore.by_id.id
}

resource "vers_vergeio_vm_snapshot" "base" {
  vm   = "web-1"
  name = "base"
}
resource "vers_vergeio_vm_settings" "web" {
  vm         = "web-1"
  cpu_cores  = 2
  ram        = 2048
  depends_on = [vers_vergeio_vm_snapshot.base]
}
resource "vers_vergeio_vm_metadata" "build" {
  vm         = "web-1"
  metadata   = { build = "1" }
  depends_on = [vers_vergeio_vm_settings.web]
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
data "vers_endpoint" "current" {}

output "root_id" { value = vers_vm.root.id }
output "labelled_ids" { value = data.vers_vms.labelled.ids }
output "golden_commit" { value = data.vers_commits.golden.latest_commit_id }
# Numbers in outputs: Terraform compares root outputs too.
output "ssh_port" { value = data.vers_endpoint.current.ssh_port }
output "root_mem" { value = vers_vm.root.mem_size_mib }
output "web_ram" { value = vers_vergeio_vm_settings.web.ram }
)";

}  // namespace vers::acceptance
