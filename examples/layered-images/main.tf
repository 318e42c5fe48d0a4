# A layered golden-image pipeline with one resource per layer
# (./layers: base -> tools -> app -> worker), and workers restored from the
# last layer. Compare examples/layered-vms, which needs a restore, a
# provision and a commit per layer and rebuilds every layer in every
# workspace. Here each layer is cached by content hash in the repository
# "image-layers": ./reuse is a second workspace applying the same layers,
# which adopts them without making a VM or running a command.
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
  default = 2
}

module "layers" {
  source       = "./layers"
  worker_count = var.worker_count
}

resource "vers_vm_restore" "worker" {
  count = var.worker_count
  ref   = module.layers.worker_reference
}

output "layers" {
  value = module.layers.layers
}

output "worker_ssh_hosts" {
  value = vers_vm_restore.worker[*].ssh_host
}
