#!/usr/bin/env bash
# vers_provision with real OpenTofu against vers-local: a 200 MiB random file,
# a directory tree and inline content are uploaded and verified by SHA-256
# inside the VM; a commit and a restore see the same files; a changed file
# re-provisions and rebuilds below it; failures give clear diagnostics; the
# provider execs nothing and writes no key file.
source "$(dirname "$0")/lib.sh"
work_dir provision
start_vers_local

mkdir -p payload/tree/sub
head -c $((200 * 1024 * 1024)) /dev/urandom >payload/big.bin
echo "one" >payload/tree/a.txt
printf '#!/bin/sh\necho tool-ran\n' >payload/tree/sub/tool.sh
chmod 755 payload/tree/sub/tool.sh
sha() { sha256sum "$1" | cut -c1-64; }

write_config() {
  cat >main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "$CA"
}

resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 2048
}

resource "vers_provision" "setup" {
  vm_id = vers_vm.base.id
  files = [
    { source = "\${path.module}/payload/big.bin", destination = "/data/big.bin" },
    { source = "\${path.module}/payload/tree", destination = "/opt/tree" },
    { content = "secret=42\n", destination = "/etc/app/app.conf", mode = "0600" },
  ]
  environment = {
    BIG_SHA  = "$(sha payload/big.bin)"
    TREE_SHA = "$(sha payload/tree/a.txt)"
  }
  working_dir = "/data"
  commands = [
    "echo \"\$BIG_SHA  big.bin\" | sha256sum -c -",
    "echo \"\$TREE_SHA  /opt/tree/a.txt\" | sha256sum -c -",
    "test \"\$(stat -c %a /etc/app/app.conf)\" = 600 && grep -qx secret=42 /etc/app/app.conf",
    "test \"\$(/opt/tree/sub/tool.sh)\" = tool-ran",
    "echo provisioned-on-\$(hostname) > /data/marker",
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
  environment = { BIG_SHA = "$(sha payload/big.bin)" }
  commands = [
    "echo \"\$BIG_SHA  /data/big.bin\" | sha256sum -c -",
    "grep -qx provisioned-on-\${vers_vm.base.id} /data/marker",
    "test -x /opt/tree/sub/tool.sh",
  ]
}

output "setup_id" { value = vers_provision.setup.id }
output "base_id" { value = vers_vm.base.id }
output "summary" { value = vers_provision.setup.summary }
TF
}
write_config

# The provider runs under strace: it must exec nothing and write no file.
real_provider_dir=$(dirname "$VERS_PROVIDER")
mkdir -p traced
cat >traced/terraform-provider-vers <<SH
#!/bin/sh
exec strace -f -qq -e trace=execve,openat,creat -o "$WORK/strace.\$\$" "$VERS_PROVIDER" "\$@"
SH
chmod +x traced/terraform-provider-vers
sed -i "s#\"hdr/vers\" = \"$real_provider_dir\"#\"hdr/vers\" = \"$WORK/traced\"#" cli.tfrc

tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "apply uploads and verifies every file, commits, restores, verifies the copy" succeeded apply.out
tofu output -raw summary >summary.out
bytes=$(($(stat -c %s payload/big.bin payload/tree/a.txt payload/tree/sub/tool.sh | paste -sd+) + 10))
check "summary counts files and bytes" contains summary.out "4 files ($bytes bytes, verified); 5 commands (exit codes 0,0,0,0,0)"
check "the provider exec'd nothing but itself" \
  test "$(cat strace.* | grep -c 'execve(')" = "$(ls strace.* | wc -l)"
check "the provider created no file" bash -c "! grep -h 'O_CREAT' strace.* | grep -v ENOENT | grep -q ."
sed -i "s#\"hdr/vers\" = \"$WORK/traced\"#\"hdr/vers\" = \"$real_provider_dir\"#" cli.tfrc
check "re-plan is empty" plan_is_empty

# A changed file behind the same path re-provisions, and rebuilds below it.
echo "two" >payload/tree/a.txt
write_config
actions=$(planned_actions)
check "a changed file replaces the provisioning, the commit and what comes from it" same "$actions" \
"vers_provision.setup delete,create
vers_provision.verify_copy delete,create
vers_vm_commit.image delete,create
vers_vm_restore.copy delete,create"
echo "one" >payload/tree/a.txt
write_config
check "back to the applied files: nothing to do" plan_is_empty

# Failures: each a clear diagnostic, and no provisioning recorded.
fail_case() {  # NAME HCL EXPECTED...
  local name=$1 hcl=$2
  shift 2
  cat >"fail_$name.tf" <<<"$hcl"
  tofu apply -auto-approve -no-color -input=false -target="vers_provision.$name" >"$name.out" 2>&1 && rc=0 || rc=$?
  check "$name: apply fails" test "$rc" != 0
  for text in "$@"; do check "$name: says \"$text\"" contains "$name.out" "$text"; done
  check "$name: nothing recorded" bash -c "! '$VERS_TOFU' state list | grep -qx vers_provision.$name"
  rm -f "fail_$name.tf"
}
fail_case failing_command '
resource "vers_provision" "failing_command" {
  vm_id    = vers_vm.base.id
  commands = [
    "true",
    "echo about to fail >&2; exit 3",
    "touch /should-not-run",
  ]
}' 'Command 2 of 3 (`echo about to fail >&2; exit 3`) exited with status 3' 'about to fail' \
  '"echo about to fail >&2; exit 3",'
base_upper=$(vm_upper "$(tofu output -raw base_id)")
check "files written by provisioning are in the VM's layer" test -f "$base_upper/data/marker"
check "the command after the failed one did not run" test ! -e "$base_upper/should-not-run"
fail_case timeout '
resource "vers_provision" "timeout" {
  vm_id           = vers_vm.base.id
  command_timeout = "2s"
  commands        = ["sleep 60"]
}' 'did not finish in time' 'sleep 60'
fail_case unreachable '
resource "vers_provision" "unreachable" {
  vm_id    = vers_vm.base.id
  ssh_port = 1
  commands = ["true"]
  timeouts { create = "3s" }
}' 'Cannot reach VM' 'connect'
fail_case wrong_key '
resource "vers_provision" "wrong_key" {
  vm_id    = vers_vm.base.id
  ssh_host = "${vers_vm_restore.copy.id}.'"$VERS_VM_DOMAIN"'"
  commands = ["true"]
}' 'refused its SSH key'
fail_case missing_source '
resource "vers_provision" "missing_source" {
  vm_id = vers_vm.base.id
  files = [{
    source      = "/nonexistent/file"
    destination = "/x"
  }]
}' 'Source not found' 'files[0].source: "/nonexistent/file" does not exist'
fail_case relative_destination '
resource "vers_provision" "relative_destination" {
  vm_id = vers_vm.base.id
  files = [{
    content     = "x"
    destination = "relative/path"
  }]
}' 'destination "relative/path" must be an absolute path'
# A disconnect in the middle of an upload (vers-local cuts the connection
# after 3 MiB): a clear diagnostic, nothing recorded, nothing at the
# destination (the partial file is a temporary next to it, which the lost
# connection keeps the provider from removing: the warning names it).
admin POST /faults '{"ssh_cut_after_bytes":3145728}' >/dev/null
fail_case cut_upload '
resource "vers_provision" "cut_upload" {
  vm_id = vers_vm.base.id
  files = [{ source = "${path.module}/payload/big.bin", destination = "/data/cut.bin" }]
}' 'File upload failed' 'Uploading to /data/cut.bin' 'failed after' \
  'The destination was left as it was' 'Unfinished uploads left on the VM' '/data/.vers-upload-'
admin POST /faults '{}' >/dev/null
check "a cut upload leaves nothing at its destination" test ! -e "$base_upper/data/cut.bin"
# Files land under temporary names and are renamed into place once verified,
# so a symlink at a destination is replaced (as install(1) and rsync do), not
# written through: here /clobber/y links to /clobber/x, and both files arrive
# intact. (Writing y through the link used to clobber x.)
cat >clobber.tf <<'TF'
resource "vers_provision" "clobber_prep" {
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
TF
tofu apply -auto-approve -no-color -input=false -target=vers_provision.symlink_replaced >symlink.out 2>&1 &&
  ok=1 || ok=0
check "a symlink at a destination: apply succeeds" succeeded symlink.out
check "the file behind the symlink is untouched" same "$(cat "$base_upper/clobber/x")" "the first file"
check "the symlink was replaced by the file" \
  bash -c "[ ! -L '$base_upper/clobber/y' ] && [ \"\$(cat '$base_upper/clobber/y')\" = 'the second file, longer' ]"
# Two destinations that are one file on the VM (/clobber/d2 links to
# /clobber/d1): the second would replace the first. Refused before any file
# is put in place, naming the first file's entry.
fail_case aliased '
resource "vers_provision" "aliased" {
  depends_on = [vers_provision.clobber_prep]
  vm_id      = vers_vm.base.id
  files = [
    { content = "first", destination = "/clobber/d1/f" },
    { content = "second", destination = "/clobber/d2/f" },
  ]
}' 'Cannot put the files in place' \
  '/clobber/d1/f and /clobber/d2/f are the same file /clobber/d1/f on the VM' 'content = "first"'
check "aliased: nothing put in place, no temporaries left" \
  bash -c "[ -z \"\$(ls -A '$base_upper/clobber/d1')\" ]"

# Large files are checked range by range while they are sent: a process in
# the VM that keeps zeroing the first bytes of the file being written in
# /corrupt (its temporary name; for 20 s, never creating a file) is caught in
# the first 64 MiB range, and the temporary is removed.
fail_case corrupted '
resource "vers_provision" "corrupt_prep" {
  vm_id    = vers_vm.base.id
  commands = [
    "mkdir -p /corrupt",
    "setsid sh -c '"'"'end=$(($(date +%s) + 20)); while [ $(date +%s) -lt $end ]; do for f in /corrupt/.vers-upload-*; do head -c 16 /dev/zero | dd of=\"$f\" conv=notrunc,nocreat 2>/dev/null; done; sleep 0.05; done'"'"' >/dev/null 2>&1 </dev/null &",
  ]
}
resource "vers_provision" "corrupted" {
  depends_on = [vers_provision.corrupt_prep]
  vm_id      = vers_vm.base.id
  files      = [{ source = "${path.module}/payload/big.bin", destination = "/corrupt/big.bin" }]
}' 'File upload failed' 'Uploading to /corrupt/big.bin' \
  'on the VM differs from what was sent in bytes 0-67108864'
check "corrupted: nothing at the destination, no temporary left" \
  bash -c "[ -z \"\$(ls -A '$base_upper/corrupt')\" ]"

# Wrong CA: a second vers-local has its own CA; its SSH front is not trusted.
"$VERS_LOCAL" serve --data-dir "$WORK/other" >other.ready 2>other.log &
other_pid=$!
for _ in $(seq 1 300); do [ -s other.ready ] && break; sleep 0.05; done
other_port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ssh_tls_port"])' other.ready)
fail_case wrong_ca '
resource "vers_provision" "wrong_ca" {
  vm_id    = vers_vm.base.id
  ssh_port = '"$other_port"'
  commands = ["true"]
}' 'TLS handshake' 'failed: certificate verification:'
kill -TERM "$other_pid" && wait "$other_pid"
fail_case wrong_name '
resource "vers_provision" "wrong_name" {
  vm_id    = vers_vm.base.id
  ssh_host = "${vers_vm.base.id}.elsewhere.localhost"
  commands = ["true"]
  timeouts { create = "3s" }
}' 'could not reach' 'unrecognized name'

# The provider dials the TLS front's port it is configured with (here the
# provider block's ssh_tls_port, which wins over a wrong VERS_SSH_TLS_PORT),
# never ssh_key's ssh_port: that is the VM's own sshd, without TLS, as Vers's
# is the port DNAT'd to the VM (spec VmSshKeyResponse). Every public client
# dials <vm_id>.<vm domain>:443 (vers-cli internal/ssh/client.go).
cat >by_setting.tf <<TF
provider "vers" {
  alias        = "by_setting"
  ca_cert_file = "$CA"
  ssh_tls_port = $VERS_SSH_TLS_PORT
}
resource "vers_provision" "by_setting" {
  provider = vers.by_setting
  vm_id    = vers_vm.base.id
  commands = ["true"]
}
TF
VERS_SSH_TLS_PORT=1 tofu apply -auto-approve -no-color -input=false -target=vers_provision.by_setting \
  >by_setting.out 2>&1 && ok=1 || ok=0
check "provisioning dials the provider's ssh_tls_port" succeeded by_setting.out

# A proxy that closes SSH connections idle for 1.5 s (vers-local fault): a
# command silent for 4 s gets through with a keepalive every 0.5 s, and
# without keepalives it loses its connection.
admin POST /faults '{"ssh_idle_timeout_ms":1500}' >/dev/null
cat >keepalive.tf <<'TF'
resource "vers_provision" "keepalive" {
  vm_id              = vers_vm.base.id
  keepalive_interval = "500ms"
  commands           = ["sleep 4", "echo still here"]
}
TF
tofu apply -auto-approve -no-color -input=false -target=vers_provision.keepalive >keepalive.out 2>&1 &&
  rc=0 || rc=$?
check "keepalives carry a silent command past a proxy's idle timeout" test "$rc" = 0
fail_case no_keepalive '
resource "vers_provision" "no_keepalive" {
  vm_id              = vers_vm.base.id
  keepalive_interval = "0s"
  commands           = ["sleep 4"]
}' 'connection was lost'
admin POST /faults '{}' >/dev/null

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds nothing" test "$(counters)" = "0 0 0"
finish
