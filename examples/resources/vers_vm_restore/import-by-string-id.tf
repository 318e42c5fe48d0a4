import {
  to = vers_vm_restore.worker[0]
  # "<vm_id>" (restored from a commit), or "<vm_id>:tag=<tag name>".
  id = "7a1c4e2b-93d8-4f5a-b6e0-2d8c9f1a4b57"
}
