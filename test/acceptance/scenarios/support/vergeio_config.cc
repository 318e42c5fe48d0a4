#include "support/vergeio_config.h"

namespace vers::acceptance {

std::string VergeioConfig(const std::string& build, const std::string& extra_settings,
                          const std::string& advanced, const std::string& extra_tf) {
  return R"(terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  vergeio {
    port           = {{VIO_PORT}}
    ca_cert_file   = "{{VIO_CA}}"
    retry_delay    = "1s"
    )" + extra_settings +
         R"(
  }
}
resource "vers_vergeio_vm_snapshot" "base" {
  vm          = "web-1"
  name        = "base"
  description = "checkpoint"
}
resource "vers_vergeio_vm_settings" "web" {
  vm                 = "web-1"
  cpu_cores          = 4
  ram                = 4096
  description        = "configured"
  advanced           = ")" +
         advanced + R"("
  restore_on_destroy = true
  depends_on         = [vers_vergeio_vm_snapshot.base]
}
resource "vers_vergeio_vm_metadata" "build" {
  vm         = "web-1"
  metadata   = { build = ")" +
         build + R"(", owner = "ci" }
  depends_on = [vers_vergeio_vm_settings.web]
}
resource "vers_vergeio_vm_snapshot" "final" {
  vm         = "{{vm_key}}"
  name       = "final"
  expires    = "2030-01-01T00:00:00Z"
  depends_on = [vers_vergeio_vm_metadata.build]
}
resource "vers_vergeio_vm_snapshot" "quiet" {
  vm      = "o'brien's vm"
  name    = "q's"
  quiesce = true
}
resource "vers_vergeio_vm_snapshot" "braces" {
  vm   = "ci{1}"
  name = "b{x}"
}
resource "vers_vergeio_vm_metadata" "quoted" {
  vm           = "o'brien's vm"
  tag_category = "build's-info"
  metadata     = { team = "o'brien" }
}
)" + extra_tf +
         R"(
output "need_restart" { value = vers_vergeio_vm_settings.web.need_restart }
output "final_machine" { value = vers_vergeio_vm_snapshot.final.machine }
output "quiet_machine" { value = vers_vergeio_vm_snapshot.quiet.machine }
output "quiesced" { value = vers_vergeio_vm_snapshot.quiet.quiesced }
output "braces_machine" { value = vers_vergeio_vm_snapshot.braces.machine }
)";
}

}  // namespace vers::acceptance
