#!/usr/bin/env bash
# debian_root.sh SUITE: the portable amd64 provider (scripts/build-portable.sh)
# runs a plan, apply, empty re-plan and destroy with OpenTofu from inside a
# minimal Debian SUITE root (debootstrap --variant=minbase, nothing added:
# bullseye has glibc 2.31, bookworm 2.36), against vers-local on the host (the
# chroot shares the network). The config reaches every library the binary
# carries: gRPC (the handshake with OpenTofu's client certificate), curl and
# OpenSSL (HTTPS to vers-local, base_url at 127.0.0.1 and at localhost), libssh
# (SFTP upload and a command over SSH-over-TLS; libssh looks the user up with
# getpwuid, glibc's static "files" NSS) and simdjson (every answer).
#
# Needs root (chroot, overlay mount), VERS_PORTABLE_PROVIDER (the binary),
# VERS_LOCAL, and VERS_TOFU (OpenTofu; a static build of its version is copied
# in, see scripts/portable/static-tofu.sh).
source "$(dirname "$0")/lib.sh"
suite=${1:?usage: debian_root.sh bullseye|bookworm}
: "${VERS_PORTABLE_PROVIDER:?set VERS_PORTABLE_PROVIDER to the portable amd64 binary}"
[ "$(id -u)" = 0 ] || { echo "needs root (chroot and an overlay mount)" >&2; exit 1; }
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
debian=$(bash "$source_dir/scripts/portable/root.sh" "$suite")
# OpenTofu's releases are static Go binaries; ours is one unless cgo was on.
static_tofu=$(bash "$source_dir/scripts/portable/static-tofu.sh" "$VERS_TOFU")

work_dir "portable-$suite"
start_vers_local

# The cached root stays pristine: the test runs in an overlay of it, with a
# fresh /proc, torn down (and checked to be) before anything is removed.
ov=$(mktemp -d "${TMPDIR:-/tmp}/vers-portable-$suite-XXXXXX")
mkdir -p "$ov/upper" "$ov/work" "$ov/root"
mount -t overlay overlay -o "lowerdir=$debian,upperdir=$ov/upper,workdir=$ov/work" "$ov/root"
mount -t proc proc "$ov/root/proc"
teardown() {
  umount "$ov/root/proc" 2>/dev/null || umount -l "$ov/root/proc" 2>/dev/null || true
  umount "$ov/root" 2>/dev/null || umount -l "$ov/root" 2>/dev/null || true
  if ! mountpoint -q "$ov/root"; then rm -rf "$ov"; fi
}
trap 'stop_vers_local; teardown; rm -rf "$WORK"' EXIT
r=$ov/root

mkdir -p "$r/vers/plugins" "$r/vers/work"
cp "$static_tofu" "$r/vers/tofu"
cp "$VERS_PORTABLE_PROVIDER" "$r/vers/plugins/terraform-provider-vers"
cp "$CA" "$r/vers/ca.pem"
cat >"$r/vers/cli.tfrc" <<'CFG'
provider_installation {
  dev_overrides { "hdr/vers" = "/vers/plugins" }
  direct {}
}
CFG
cat >"$r/vers/work/main.tf" <<'TF'
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "/vers/ca.pem"
}

resource "vers_vm" "base" {
  mem_size_mib = 256
  fs_size_mib  = 1024
}

resource "vers_provision" "hello" {
  vm_id    = vers_vm.base.id
  files    = [{ content = "hello from a portable provider\n", destination = "/root/hello.txt" }]
  commands = ["grep -qx 'hello from a portable provider' /root/hello.txt"]
}

resource "vers_vm_commit" "image" {
  vm_id      = vers_vm.base.id
  depends_on = [vers_provision.hello]
}

data "vers_vms" "all" {
  depends_on = [vers_vm.base]
}

output "vm_count" {
  value = length(data.vers_vms.all.vms)
}
TF

# in_root BASE_URL COMMAND...: runs COMMAND in the root's /vers/work with only
# what OpenTofu and the provider need in the environment.
in_root() {
  local base_url=$1
  shift
  chroot "$r" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin TMPDIR=/tmp \
    TF_CLI_CONFIG_FILE=/vers/cli.tfrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 \
    VERS_API_KEY="$VERS_API_KEY" VERS_BASE_URL="$base_url" VERS_VM_DOMAIN="$VERS_VM_DOMAIN" \
    VERS_SSH_TLS_PORT="$VERS_SSH_TLS_PORT" /bin/sh -c 'cd /vers/work && exec "$@"' sh "$@"
}
at_localhost=${VERS_BASE_URL/127.0.0.1/localhost}

echo "root: $(chroot "$r" /bin/sh -c '. /etc/os-release; echo "$PRETTY_NAME"'), $(chroot "$r" /usr/bin/ldd --version | sed -n 1p)"
# (a binary that cannot start prints its own path in the loader's error)
check "the provider runs in the $suite root (prints its version)" \
  grep -Eq '^terraform-provider-vers [0-9]' <(in_root "$VERS_BASE_URL" /vers/plugins/terraform-provider-vers --version 2>&1)

plan_changes() {
  local rc=0
  in_root "$1" /vers/tofu plan -detailed-exitcode -no-color -input=false >plan.out 2>&1 || rc=$?
  [ "$rc" = "$2" ] || { echo "--- plan exit $rc, expected $2:" >&2; tail -40 plan.out | sed 's/^/  | /' >&2; return 1; }
}
check "plan (base_url at 127.0.0.1) has changes" plan_changes "$VERS_BASE_URL" 2
check "the plan lists them" contains plan.out "Plan: 3 to add, 0 to change, 0 to destroy."

ok=0
in_root "$VERS_BASE_URL" /vers/tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1
check "apply creates the VM, provisions it over SSH-over-TLS and commits it" succeeded apply.out
check "apply reads the VMs back" contains apply.out 'vm_count = 1'
check "vers-local holds 1 VM and 1 commit" same "$(counters)" "1 1 0"
check "re-plan with base_url at localhost is empty" plan_changes "$at_localhost" 0

ok=0
in_root "$at_localhost" /vers/tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1
check "destroy (base_url at localhost) removes everything" succeeded destroy.out
check "vers-local holds nothing" same "$(counters)" "0 0 0"
finish
