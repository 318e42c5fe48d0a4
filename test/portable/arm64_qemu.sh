#!/usr/bin/env bash
# arm64_qemu.sh: the portable arm64 provider (cross-compiled by
# scripts/build-portable.sh) does go-plugin's handshake with OpenTofu and a
# plan that reads vers-local's VMs over HTTPS, run by qemu-user-static. The
# binary is started through a wrapper that execs qemu-aarch64-static, so no
# binfmt_misc registration (a change to the host) is needed.
#
# Needs VERS_PORTABLE_PROVIDER_ARM64 (the binary), VERS_LOCAL and VERS_TOFU.
source "$(dirname "$0")/lib.sh"
: "${VERS_PORTABLE_PROVIDER_ARM64:?set VERS_PORTABLE_PROVIDER_ARM64 to the portable arm64 binary}"
qemu=$(command -v qemu-aarch64-static) || { echo "qemu-aarch64-static is missing (scripts/setup.sh installs it)" >&2; exit 1; }

work_dir portable-arm64
start_vers_local

check "the binary is an arm64 ELF" line_has <(readelf -hW "$VERS_PORTABLE_PROVIDER_ARM64") Machine: AArch64
check "it has no interpreter (fully static)" bash -c "! readelf -lW '$VERS_PORTABLE_PROVIDER_ARM64' | grep -q INTERP"

# dev_overrides points at a directory whose terraform-provider-vers is the
# wrapper; work_dir's config names $(dirname "$VERS_PROVIDER").
mkdir -p "$WORK/plugins"
cat >"$WORK/plugins/terraform-provider-vers" <<SH
#!/bin/sh
exec "$qemu" "$VERS_PORTABLE_PROVIDER_ARM64" "\$@"
SH
chmod +x "$WORK/plugins/terraform-provider-vers"
cat >"$WORK/cli.tfrc" <<CFG
provider_installation {
  dev_overrides { "hdr/vers" = "$WORK/plugins" }
  direct {}
}
CFG

check "under qemu it prints its version" grep -Eq '^terraform-provider-vers [0-9]' <("$WORK/plugins/terraform-provider-vers" --version 2>&1)

write_vers_provider_tf
cat >main.tf <<'TF'
data "vers_vms" "all" {}

resource "vers_vm" "planned" {
  mem_size_mib = 256
  fs_size_mib  = 1024
}

output "vm_count" {
  value = length(data.vers_vms.all.vms)
}
TF
rc=0
tofu plan -detailed-exitcode -no-color -input=false >plan.out 2>&1 || rc=$?
check "plan under qemu exits 2 (changes)" same "$rc" 2
check "the plan shows the VM to add" contains plan.out "Plan: 1 to add, 0 to change, 0 to destroy."
check "the plan read the VMs from vers-local (none yet)" contains plan.out "vm_count = 0"
check "nothing was created" same "$(counters)" "0 0 0"
finish
