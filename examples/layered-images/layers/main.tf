# The four layers of examples/layered-vms (base -> tools -> app -> worker),
# one vers_image_layer each, as a module so that any workspace can use them.
#
# Each layer's content_hash covers its parent's hash and its own files and
# commands, and is known at plan time: changing one script plans a new
# hash, hence a rebuild, for that layer and every layer below it, and
# nothing above. A layer whose hash is cached in var.cache_repository (by
# any workspace) is adopted without a VM.
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}

variable "cache_repository" {
  type    = string
  default = "image-layers"
}

variable "worker_count" {
  type    = number
  default = 3
}

# --- Layer 0: the base system, on a new root VM ---
resource "vers_image_layer" "base" {
  base_image       = "default"
  mem_size_mib     = 1024
  fs_size_mib      = 2048
  cache_repository = var.cache_repository
  files            = [{ source = "${path.module}/scripts/base.sh", destination = "/opt/layers/base.sh" }]
  commands         = ["sh /opt/layers/base.sh"]
}

# --- Layer 1: tools ---
resource "vers_image_layer" "tools" {
  parent_layer     = vers_image_layer.base.reference
  cache_repository = var.cache_repository
  files            = [{ source = "${path.module}/scripts/tools.sh", destination = "/opt/layers/tools.sh" }]
  commands         = ["sh /opt/layers/tools.sh"]
}

# --- Layer 2: the application ---
resource "vers_image_layer" "app" {
  parent_layer     = vers_image_layer.tools.reference
  cache_repository = var.cache_repository
  files = [
    { source = "${path.module}/scripts/app.sh", destination = "/opt/layers/app.sh" },
    { content = templatefile("${path.module}/app.conf.tftpl", { workers = var.worker_count }), destination = "/etc/app/app.conf", mode = "0640" },
  ]
  commands = ["sh /opt/layers/app.sh"]
}

# --- Layer 3: the worker image ---
resource "vers_image_layer" "worker" {
  parent_layer     = vers_image_layer.app.reference
  cache_repository = var.cache_repository
  files            = [{ source = "${path.module}/scripts/worker.sh", destination = "/opt/layers/worker.sh" }]
  commands         = ["sh /opt/layers/worker.sh"]
}

output "layers" {
  description = "Each layer's content hash and commit."
  value = {
    for name, l in {
      base   = vers_image_layer.base
      tools  = vers_image_layer.tools
      app    = vers_image_layer.app
      worker = vers_image_layer.worker
    } : name => { content_hash = l.content_hash, commit_id = l.commit_id, cached = l.cached }
  }
}

output "worker_reference" {
  description = "The worker image's tag, `repo:<content_hash>`, for vers_vm_restore.ref."
  value       = vers_image_layer.worker.reference
}
