# Two layers of a golden image, each cached by content hash in the
# repository "layers-example": applying this anywhere else (another
# workspace, a CI run) adopts the cached commits without a VM. Changing
# base's commands plans a new content_hash for base and, through
# parent_layer, for app.
resource "vers_image_layer" "base" {
  base_image       = "default"
  mem_size_mib     = 1024
  cache_repository = "layers-example"
  commands         = ["mkdir -p /opt/app", "echo base >/opt/app/base.txt"]
  retain           = false # this example deletes its layers; the default keeps them cached
}

resource "vers_image_layer" "app" {
  parent_layer     = vers_image_layer.base.reference
  cache_repository = "layers-example"
  files = [{
    content     = "port = 8080\n"
    destination = "/etc/app/app.conf"
    mode        = "0640"
  }]
  environment = { APP_ENV = "production" }
  working_dir = "/opt/app"
  commands    = ["test -f base.txt", "echo \"$APP_ENV\" >env.txt"]
  retain      = false
}

# Workers start from the app layer's tag.
resource "vers_vm_restore" "worker" {
  ref = vers_image_layer.app.reference
}

output "app_layer" {
  value = {
    content_hash = vers_image_layer.app.content_hash
    commit_id    = vers_image_layer.app.commit_id
    cached       = vers_image_layer.app.cached
  }
}
