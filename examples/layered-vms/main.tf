# A layered golden-image pipeline: base -> tools -> app -> N workers.
#
# Each layer is a VM restored from the layer above, provisioned by its own
# script over SSH-over-TLS, and committed. A layer's commit is triggered by
# the commit above it and by its own provisioning (whose id hashes the
# script's contents), so changing one script rebuilds that layer and every
# layer below it, and nothing above.
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}

provider "vers" {
  # VERS_API_KEY, VERS_BASE_URL and VERS_VM_DOMAIN come from the environment;
  # ca_cert_file is needed for a private endpoint such as vers-local.
  ca_cert_file = var.ca_cert_file
}

variable "ca_cert_file" {
  type    = string
  default = null
}

variable "worker_count" {
  type    = number
  default = 3
}

# --- Layer 0: the base system ---
resource "vers_vm" "base" {
  mem_size_mib = 1024
  fs_size_mib  = 2048
  labels       = { pipeline = "layered-vms", layer = "0" }
}

resource "vers_provision" "base" {
  vm_id    = vers_vm.base.id
  files    = [{ source = "${path.module}/scripts/base.sh", destination = "/opt/layers/base.sh" }]
  commands = ["sh /opt/layers/base.sh"]
}

resource "vers_vm_commit" "base" {
  vm_id       = vers_vm.base.id
  name        = "layer0-base"
  description = "base system"
  triggers    = { provision = vers_provision.base.id }
}

# --- Layer 1: tools ---
# A changed script must start from a clean copy of the layer above, so the
# layer's VM is replaced with it.
resource "terraform_data" "tools_script" {
  input = filesha256("${path.module}/scripts/tools.sh")
}

resource "vers_vm_restore" "tools" {
  commit_id = vers_vm_commit.base.commit_id
  lifecycle {
    replace_triggered_by = [terraform_data.tools_script]
  }
}

resource "vers_provision" "tools" {
  vm_id    = vers_vm_restore.tools.id
  files    = [{ source = "${path.module}/scripts/tools.sh", destination = "/opt/layers/tools.sh" }]
  commands = ["sh /opt/layers/tools.sh"]
}

resource "vers_vm_commit" "tools" {
  vm_id       = vers_vm_restore.tools.id
  name        = "layer1-tools"
  description = "base + tools"
  triggers = {
    upstream  = vers_vm_commit.base.commit_id
    provision = vers_provision.tools.id
  }
}

# --- Layer 2: the application ---
resource "terraform_data" "app_script" {
  input = filesha256("${path.module}/scripts/app.sh")
}

resource "vers_vm_restore" "app" {
  commit_id = vers_vm_commit.tools.commit_id
  lifecycle {
    replace_triggered_by = [terraform_data.app_script]
  }
}

resource "vers_provision" "app" {
  vm_id = vers_vm_restore.app.id
  files = [
    { source = "${path.module}/scripts/app.sh", destination = "/opt/layers/app.sh" },
    { content = templatefile("${path.module}/app.conf.tftpl", { workers = var.worker_count }), destination = "/etc/app/app.conf", mode = "0640" },
  ]
  commands = ["sh /opt/layers/app.sh"]
}

resource "vers_vm_commit" "app" {
  vm_id       = vers_vm_restore.app.id
  name        = "layer2-app"
  description = "base + tools + app"
  triggers = {
    upstream  = vers_vm_commit.tools.commit_id
    provision = vers_provision.app.id
  }
  lifecycle {
    create_before_destroy = true
  }
}

# --- Published: the app image as golden-images:latest, public, so that
# other teams can fork it. A rebuilt app layer moves the tag in place: the
# new image is made before the old one is deleted (create_before_destroy),
# as the old one cannot be deleted while the tag points at it.
resource "vers_repository" "golden" {
  name        = "golden-images"
  description = "base + tools + app, from examples/layered-vms"
  public      = true
}

resource "vers_repository_tag" "latest" {
  repository = vers_repository.golden.name
  name       = "latest"
  commit_id  = vers_vm_commit.app.commit_id
}

# --- Layer 3: workers, restored from the published tag ---
resource "vers_vm_restore" "worker" {
  count = var.worker_count
  ref   = vers_repository_tag.latest.reference
  # A restore is made once: a rebuilt image (the tag moved) replaces it.
  lifecycle {
    replace_triggered_by = [vers_vm_commit.app]
  }
}

output "layer_commits" {
  value = {
    base  = vers_vm_commit.base.commit_id
    tools = vers_vm_commit.tools.commit_id
    app   = vers_vm_commit.app.commit_id
  }
}

output "worker_ssh_hosts" {
  value = vers_vm_restore.worker[*].ssh_host
}
