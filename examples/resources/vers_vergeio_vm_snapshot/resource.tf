# A snapshot of a VergeIO VM, kept until a date.
# VERGEIO_ENDPOINT, VERGEIO_USERNAME and VERGEIO_PASSWORD configure the
# connection (or a vergeio block in the provider configuration).

resource "vers_vergeio_vm_snapshot" "pre_upgrade" {
  vm          = "web-server" # a name or a key
  name        = "pre-upgrade"
  description = "Before the OS upgrade"
  expires     = "2027-01-31T00:00:00Z"
  quiesce     = true
}
