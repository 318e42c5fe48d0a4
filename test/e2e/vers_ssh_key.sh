#!/usr/bin/env bash
# Keeping VM keys out of state: with store_ssh_private_key = false, no state
# or plan holds a private key, provisioning still works, and the
# vers_vm_ssh_key ephemeral resource hands the key to what needs it.
source "$(dirname "$0")/lib.sh"
work_dir sshkey
start_vers_local

cat >main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file          = "$CA"
  store_ssh_private_key = false
}

resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}

resource "vers_provision" "setup" {
  vm_id    = vers_vm.base.id
  commands = ["echo provisioned > /root/marker"]
}

ephemeral "vers_vm_ssh_key" "base" {
  vm_id = vers_vm.base.id
}

# A consumer of the ephemeral key: records only its hash and host.
resource "terraform_data" "use_key" {
  input = vers_provision.setup.id
  provisioner "local-exec" {
    command = "printf '%s' \"\$KEY\" | sha256sum | cut -c1-64 > key.sha256; echo \"\$HOST:\$PORT\" > key.host"
    environment = {
      KEY  = ephemeral.vers_vm_ssh_key.base.private_key
      HOST = ephemeral.vers_vm_ssh_key.base.ssh_host
      PORT = ephemeral.vers_vm_ssh_key.base.ssh_port
    }
  }
}

output "vm_id" { value = vers_vm.base.id }
TF

tofu plan -out=plan.bin -no-color -input=false >plan.out 2>&1 && ok=1 || ok=0
check "plan with an ephemeral key succeeds" succeeded plan.out
tofu apply -auto-approve -no-color -input=false plan.bin >apply.out 2>&1 && ok=1 || ok=0
check "apply succeeds; provisioning fetched the key itself" succeeded apply.out
vm=$(tofu output -raw vm_id)
api_key_sha=$(curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" \
  "$VERS_BASE_URL/vm/$vm/ssh_key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ssh_private_key"], end="")' |
  sha256sum | cut -c1-64)
check "the ephemeral resource gave the VM's key" test "$(cat key.sha256)" = "$api_key_sha"
check "and its host" test "$(cat key.host | cut -d: -f1)" = "$vm.$VERS_VM_DOMAIN"
check "and the TLS front's port (not ssh_key's ssh_port)" test "$(cat key.host | cut -d: -f2)" = "$VERS_SSH_TLS_PORT"
check "no private key in the state" bash -c '! grep -q "PRIVATE KEY" terraform.tfstate'
check "no private key in the saved plan" bash -c '! unzip -p plan.bin | grep -q "PRIVATE KEY"'
check "ssh_private_key is null in state" bash -c "python3 -c '
import json; s = json.load(open(\"terraform.tfstate\"))
vm = [r for r in s[\"resources\"] if r[\"type\"] == \"vers_vm\"][0][\"instances\"][0][\"attributes\"]
assert vm[\"ssh_private_key\"] is None and vm[\"ssh_port\"] > 0, vm'"
check "re-plan is empty" plan_is_empty
tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds nothing" test "$(counters)" = "0 0 0"
finish
