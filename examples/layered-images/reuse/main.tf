# A second workspace (another team, another CI run) using the same layers:
# every layer's hash is already cached in "image-layers", so the apply
# adopts the four commits with no build VM and no command run, and restores
# one VM from the worker image.
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}

provider "vers" {
  ca_cert_file = var.ca_cert_file
}

variable "ca_cert_file" {
  type    = string
  default = null
}

module "layers" {
  source       = "../layers"
  worker_count = 2 # the same inputs as ../main.tf: the same hashes
}

resource "vers_vm_restore" "worker" {
  ref = module.layers.worker_reference
}

output "cached" {
  description = "true for each layer adopted from the cache."
  value       = { for name, l in module.layers.layers : name => l.cached }
}
