# Build metadata on a VergeIO VM, stored as tags "key=value".
# VERGEIO_ENDPOINT, VERGEIO_USERNAME and VERGEIO_PASSWORD configure the
# connection (or a vergeio block in the provider configuration).

resource "vers_vergeio_vm_metadata" "build" {
  vm = "web-server"
  metadata = {
    build_date          = "2026-11-23"
    application_version = "1.0.0"
  }
  tag_category = "build-info"
}
