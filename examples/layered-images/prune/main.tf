# Pruning the layer cache: every cached layer whose content hash is not in
# var.keep (the hashes your configurations still use, e.g. from their
# `layers` outputs) is deleted, newest first so that a layer goes before the
# layer it was built on: its tag, then its commit (a commit something still
# uses, such as a VM restored from it or a kept layer built on it, is refused
# by the API and stays; the layer is then only untagged).
#
#   terraform apply -var 'keep=["<hash>", ...]'
#
# The calls use VERS_API_KEY and VERS_BASE_URL from the environment, as the
# provider does; nothing secret is written into the configuration or state.
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

variable "cache_repository" {
  type    = string
  default = "image-layers"
}

variable "keep" {
  type        = set(string)
  description = "Content hashes of the layers to keep."
}

data "vers_image_layers" "cache" {
  repository = var.cache_repository
}

locals {
  # Newest first: the list is oldest first.
  stale = reverse([for l in data.vers_image_layers.cache.layers : l if !contains(var.keep, l.content_hash)])
}

resource "terraform_data" "prune" {
  count = length(local.stale) > 0 ? 1 : 0
  input = [for l in local.stale : l.reference]

  provisioner "local-exec" {
    interpreter = ["bash", "-c"]
    environment = {
      CACERT = var.ca_cert_file == null ? "" : var.ca_cert_file
      LAYERS = join(" ", [for l in local.stale : "${l.content_hash}=${l.commit_id}"])
      REPO   = var.cache_repository
    }
    command = <<-EOT
      set -eu
      api() { curl -sS -o /dev/null -w '%%{http_code}' $${CACERT:+--cacert "$CACERT"} \
        -H "Authorization: Bearer $VERS_API_KEY" -X DELETE "$${VERS_BASE_URL:-https://api.vers.sh/api/v1}$1"; }
      for layer in $LAYERS; do
        hash=$${layer%%=*} commit=$${layer#*=}
        echo "untag $REPO:$hash: $(api "/repositories/$REPO/tags/$hash")"
        echo "delete commit $commit: $(api "/commits/$commit") (409: still in use, kept)"
      done
    EOT
  }
}

output "pruned" {
  value = [for l in local.stale : l.reference]
}
