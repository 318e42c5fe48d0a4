# Keep VM private keys out of state: the provider stores none, and an
# ephemeral resource hands the key to what needs it during a run.
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}

provider "vers" {
  store_ssh_private_key = false
}

resource "vers_vm" "box" {}

ephemeral "vers_vm_ssh_key" "box" {
  vm_id = vers_vm.box.id
}

# For example, hand it to a script that needs to reach the VM.
resource "terraform_data" "register" {
  input = vers_vm.box.id
  provisioner "local-exec" {
    command = "./register-host.sh \"$HOST\" \"$PORT\""
    environment = {
      HOST        = ephemeral.vers_vm_ssh_key.box.ssh_host
      PORT        = ephemeral.vers_vm_ssh_key.box.ssh_port
      PRIVATE_KEY = ephemeral.vers_vm_ssh_key.box.private_key
    }
  }
}
