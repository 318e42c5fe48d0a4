import {
  to = vers_vergeio_vm_metadata.build
  id = "web-server:build_date,application_version" # "<vm key or name>:<key>,<key>…"
}
