# A configuration file placed on a running VM through the Vers API (no SSH),
# and a secret next to it that never shows in plans.
resource "vers_vm" "app" {}

resource "vers_vm_file" "config" {
  vm_id       = vers_vm.app.id
  path        = "/etc/app/app.conf"
  content     = "listen = 8080\n"
  mode        = "0640"
  create_dirs = true
}

variable "api_token" {
  type      = string
  sensitive = true
  default   = "example-token"
}

resource "vers_vm_file" "token" {
  vm_id             = vers_vm.app.id
  path              = "/etc/app/token"
  sensitive_content = var.api_token
  mode              = "0600"
  create_dirs       = true
}
