// vers_provision scenario's configuration: the provisioning of a VM with a
// 200 MiB file, a tree and inline content, its commit, a restore of it and
// the copy's verification; then the files of its failure and fault steps.
#pragma once

namespace vers::acceptance {

constexpr char kProvisionMainTf[] = R"(resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 2048
}

resource "vers_provision" "setup" {
  vm_id = vers_vm.base.id
  files = [
    { source = "${path.module}/payload/big.bin", destination = "/data/big.bin" },
    { source = "${path.module}/payload/tree", destination = "/opt/tree" },
    { content = "secret=42\n", destination = "/etc/app/app.conf", mode = "0600" },
  ]
  environment = {
    BIG_SHA  = "{{sha:payload/big.bin}}"
    TREE_SHA = "{{sha:payload/tree/a.txt}}"
  }
  working_dir = "/data"
  commands = [
    "echo \"$BIG_SHA  big.bin\" | sha256sum -c -",
    "echo \"$TREE_SHA  /opt/tree/a.txt\" | sha256sum -c -",
    "test \"$(stat -c %a /etc/app/app.conf)\" = 600 && grep -qx secret=42 /etc/app/app.conf",
    "test \"$(/opt/tree/sub/tool.sh)\" = tool-ran",
    "echo provisioned-on-$(hostname) > /data/marker",
  ]
}

resource "vers_vm_commit" "image" {
  vm_id    = vers_vm.base.id
  triggers = { provision = vers_provision.setup.id }
}

resource "vers_vm_restore" "copy" {
  commit_id = vers_vm_commit.image.commit_id
}

resource "vers_provision" "verify_copy" {
  vm_id       = vers_vm_restore.copy.id
  environment = { BIG_SHA = "{{sha:payload/big.bin}}" }
  commands = [
    "echo \"$BIG_SHA  /data/big.bin\" | sha256sum -c -",
    "grep -qx provisioned-on-${vers_vm.base.id} /data/marker",
    "test -x /opt/tree/sub/tool.sh",
  ]
}

output "setup_id" { value = vers_provision.setup.id }
output "base_id" { value = vers_vm.base.id }
output "summary" { value = vers_provision.setup.summary }
)";

// Files land under temporary names and are renamed into place once
// verified, so a symlink at a destination is replaced (as install(1) and
// rsync do), not written through: /clobber/y links to /clobber/x, and both
// files arrive intact. (Writing y through the link used to clobber x.)
constexpr char kClobberTf[] = R"(resource "vers_provision" "clobber_prep" {
  vm_id    = vers_vm.base.id
  commands = ["mkdir -p /clobber/d1 && ln -sfn /clobber/x /clobber/y && ln -sfn /clobber/d1 /clobber/d2"]
}
resource "vers_provision" "symlink_replaced" {
  depends_on = [vers_provision.clobber_prep]
  vm_id      = vers_vm.base.id
  files = [
    { content = "the first file", destination = "/clobber/x" },
    { content = "the second file, longer", destination = "/clobber/y" },
  ]
}
)";

// A process in the VM that keeps zeroing the first bytes of the file being
// written in /corrupt (its temporary name; for 20 s, never creating a file).
constexpr char kCorruptPrepTf[] = R"(resource "vers_provision" "corrupt_prep" {
  vm_id    = vers_vm.base.id
  commands = [
    "mkdir -p /corrupt",
    "setsid sh -c 'end=$(($(date +%s) + 20)); while [ $(date +%s) -lt $end ]; do for f in /corrupt/.vers-upload-*; do head -c 16 /dev/zero | dd of=\"$f\" conv=notrunc,nocreat 2>/dev/null; done; sleep 0.05; done' >/dev/null 2>&1 </dev/null &",
  ]
}
)";

// The provider block's ssh_tls_port wins over a wrong VERS_SSH_TLS_PORT.
constexpr char kBySettingTf[] = R"(provider "vers" {
  alias        = "by_setting"
  ca_cert_file = "{{CA}}"
  ssh_tls_port = {{SSH_TLS_PORT}}
}
resource "vers_provision" "by_setting" {
  provider = vers.by_setting
  vm_id    = vers_vm.base.id
  commands = ["true"]
}
)";

constexpr char kKeepaliveTf[] = R"(resource "vers_provision" "keepalive" {
  vm_id              = vers_vm.base.id
  keepalive_interval = "500ms"
  commands           = ["sleep 4", "echo still here"]
}
)";

}  // namespace vers::acceptance
