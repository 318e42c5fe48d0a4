# Keep VM private keys out of state: the provider stores none, and an
# ephemeral resource hands the key to what needs it during a run.
provider "vers" {
  store_ssh_private_key = false
}

resource "vers_vm" "box" {}

ephemeral "vers_vm_ssh_key" "box" {
  vm_id = vers_vm.box.id
}

# For example, hand it to a script that needs to reach the VM: here
# register-host.sh (next to this file) writes an SSH config entry and the key
# for `ssh -F .vers-ssh/<vm_id>.conf <vm_id>`, and removes them on destroy.
resource "terraform_data" "register" {
  input = vers_vm.box.id
  provisioner "local-exec" {
    command = "sh ${path.module}/register-host.sh \"$VM_ID\" \"$HOST\" \"$PORT\""
    environment = {
      VM_ID       = vers_vm.box.id
      HOST        = ephemeral.vers_vm_ssh_key.box.ssh_host
      PORT        = ephemeral.vers_vm_ssh_key.box.ssh_port
      PRIVATE_KEY = ephemeral.vers_vm_ssh_key.box.private_key
    }
  }
  provisioner "local-exec" {
    when    = destroy
    command = "sh ${path.module}/register-host.sh --remove \"${self.input}\""
  }
}
