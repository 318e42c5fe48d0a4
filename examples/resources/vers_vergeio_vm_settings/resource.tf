# Size a VergeIO VM, and put its old size back when this is destroyed.
# VERGEIO_ENDPOINT, VERGEIO_USERNAME and VERGEIO_PASSWORD configure the
# connection (or a vergeio block in the provider configuration).

resource "vers_vergeio_vm_settings" "web" {
  vm                 = "web-server"
  cpu_cores          = 4
  ram                = 4096
  restore_on_destroy = true
}

output "needs_restart" {
  value = vers_vergeio_vm_settings.web.need_restart
}
