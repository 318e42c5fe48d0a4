# What the cache repository holds, and which of it no configuration uses:
# var.in_use lists the content hashes still wanted (e.g. from each
# workspace's `content_hash` outputs). examples/layered-images/prune deletes
# the stale ones.
data "vers_image_layers" "cache" {
  repository = "image-layers"
}

variable "in_use" {
  type    = set(string)
  default = []
}

output "stale_layers" {
  value = [for l in data.vers_image_layers.cache.layers : l if !contains(var.in_use, l.content_hash)]
}
