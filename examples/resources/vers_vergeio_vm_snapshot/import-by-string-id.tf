import {
  to = vers_vergeio_vm_snapshot.pre_upgrade
  id = "12:web-server" # "<snapshot key>:<vm key or name>"
}
