#!/usr/bin/env bash
# vers_provision's hostile inputs (issue 10, item 6), with real OpenTofu:
# sources that could hang planning (a device, a FIFO) or crash it (symlink
# loops and cycles), shell injection through environment names, NUL and
# control characters, a Ctrl-C while a huge source is hashed, sources that
# fail to read at plan or at apply time, and a destination that is a
# directory on the VM. Each gets a diagnostic naming the attribute, and no
# failed upload ever touches its destination.
source "$(dirname "$0")/lib.sh"
work_dir provision-inputs
start_vers_local

cat >providers.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "$CA"
}
TF

# --- Static inputs: refused by `tofu validate` already ---
mkdir -p fixtures/cycle/sub fixtures/special fixtures/selfloop
mkfifo fixtures/fifo fixtures/special/pipe
ln -s loop-b fixtures/loop-a && ln -s loop-a fixtures/loop-b
ln -s .. fixtures/cycle/sub/up
ln -s self fixtures/selfloop/self
echo x >fixtures/cycle/sub/f fixtures/special/f fixtures/selfloop/f
mkdir static && cp providers.tf static/
cat >static/main.tf <<'TF'
locals { vm = "00000000-0000-0000-0000-000000000000" }
resource "vers_provision" "zero" {
  vm_id = local.vm
  files = [{ source = "/dev/zero", destination = "/z" }]
}
resource "vers_provision" "fifo" {
  vm_id = local.vm
  files = [{ source = "${path.module}/../fixtures/fifo", destination = "/f" }]
}
resource "vers_provision" "loop" {
  vm_id = local.vm
  files = [{ source = "${path.module}/../fixtures/loop-a", destination = "/l" }]
}
resource "vers_provision" "cycle" {
  vm_id = local.vm
  files = [{ content = "ok", destination = "/ok" }, { source = "${path.module}/../fixtures/cycle", destination = "/c" }]
}
resource "vers_provision" "special_inside" {
  vm_id = local.vm
  files = [{ source = "${path.module}/../fixtures/special", destination = "/s" }]
}
resource "vers_provision" "loop_inside" {
  vm_id = local.vm
  files = [{ source = "${path.module}/../fixtures/selfloop", destination = "/s" }]
}
resource "vers_provision" "injection" {
  vm_id       = local.vm
  environment = { "A=1; touch /opt/injected; B" = "x" }
  commands    = ["true"]
}
resource "vers_provision" "nul" {
  vm_id            = local.vm
  commands         = ["true", "echo ok\u0000; touch /opt/cut"]
  destroy_commands = ["rm -rf /tmp/x\u0000/y"]
  environment      = { GOOD = "a\u0000b" }
  working_dir      = "/opt\u0000/x"
}
resource "vers_provision" "newline" {
  vm_id = local.vm
  files = [{ content = "x", destination = "/etc/x\nother" }]
}
TF
(cd static && tofu validate -no-color >../validate.out 2>&1) && rc=0 || rc=$?
check "validate fails" test "$rc" != 0
check "/dev/zero is refused (it hung plan forever)" \
  contains validate.out 'files[0].source: "/dev/zero" is a character device; only regular files and directories can be uploaded'
check "a FIFO is refused (it hung plan forever)" line_has validate.out 'files[0].source:' 'fixtures/fifo" is a FIFO'
check "a symlink loop is named as one" line_has validate.out 'files[0].source:' 'loop-a" is a symlink loop'
check "a directory symlink cycle is named, on its element" \
  contains validate.out 'files[1].source: "./../fixtures/cycle/sub/up" leads back to "./../fixtures/cycle" (a directory symlink cycle)'
check "a special file inside a directory is named" line_has validate.out 'special/pipe" in the directory is a FIFO'
check "a symlink loop inside a directory is an error, not a crash" \
  line_has validate.out 'selfloop/self" is a symlink loop'
check "no internal error" bash -c "! grep -q 'This is a bug' validate.out"
check "an environment name that is shell is refused" \
  contains validate.out 'environment["A=1; touch /opt/injected; B"]: "A=1; touch /opt/injected; B" is not a variable name'
check "a NUL in a command is refused" contains validate.out 'commands[1] "echo ok\x00; touch /opt/cut" contains a NUL character'
check "a NUL in a destroy command is refused" contains validate.out 'destroy_commands[0] "rm -rf /tmp/x\x00/y" contains a NUL'
check "a NUL in an environment value is refused" contains validate.out 'environment["GOOD"] contains a NUL character'
check "a NUL in working_dir is refused" contains validate.out 'working_dir "/opt\x00/x" contains a NUL character'
check "a newline in a destination is refused" \
  contains validate.out 'files[0].destination "/etc/x\nother" contains a control character ("\n")'

# --- Hashing at plan time: a read error is an error; Ctrl-C stops it ---
mkdir hashing && cp providers.tf hashing/
cat >hashing/main.tf <<'TF'
resource "vers_provision" "unreadable" {
  vm_id = "00000000-0000-0000-0000-000000000000"
  files = [{ source = "/proc/self/mem", destination = "/m" }]
}
TF
(cd hashing && tofu plan -no-color -input=false >../unreadable.out 2>&1) && rc=0 || rc=$?
check "a source that fails to read fails the plan (it was hashed as empty)" test "$rc" != 0
check "and says why" contains unreadable.out 'files[0].source: reading /proc/self/mem failed: Input/output error'

# A sparse 1 TiB file takes many minutes to hash: once the provider has it
# open, SIGINT (as Ctrl-C) must end the plan at once, with a diagnostic.
truncate -s 1T hashing/huge.bin
cat >hashing/main.tf <<'TF'
resource "vers_provision" "huge" {
  vm_id = "00000000-0000-0000-0000-000000000000"
  files = [{ source = "${path.module}/huge.bin", destination = "/huge" }]
}
TF
huge=$(realpath hashing/huge.bin)
(cd hashing && exec "${interruptible[@]}" "$VERS_TOFU" plan -no-color -input=false >../huge.out 2>&1) &
plan_pid=$!
# (find fails on processes that end while it looks: only its output counts.)
hashing_started() { { find /proc/[0-9]*/fd -lname "$huge" 2>/dev/null || true; } | grep -q .; }
for _ in $(seq 1 600); do hashing_started && break; sleep 0.1; done
check "the provider is hashing the huge file" hashing_started
kill -INT "$plan_pid"
# A bound on a hang, not a timing: hashing the rest would take many minutes.
for _ in $(seq 1 600); do kill -0 "$plan_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$plan_pid" 2>/dev/null; then
  # Also the provider, which would hash on for many minutes after OpenTofu.
  for fd in $(find /proc/[0-9]*/fd -lname "$huge" 2>/dev/null || true); do
    pid=${fd#/proc/}
    kill -KILL "${pid%%/*}" 2>/dev/null || true
  done
  kill -KILL "$plan_pid"
  check "Ctrl-C stops the hashing" false
else
  wait "$plan_pid" && rc=0 || rc=$?
  check "Ctrl-C stops the hashing; the plan fails" test "$rc" != 0
  check "the plan says the hashing was stopped, on the file" \
    contains huge.out 'Hashing the files to upload was stopped (files[0].source: cancelled while hashing ./huge.bin)'
fi
rm -f hashing/huge.bin

# --- Uploads: nothing at a destination unless whole and verified ---
cat >main.tf <<'TF'
resource "vers_vm" "vm" {}
resource "vers_provision" "prep" {
  vm_id    = vers_vm.vm.id
  commands = ["mkdir -p /keep /opt/existing-dir && echo previous >/keep/file && echo b >/keep/blocker"]
}
output "vm_id" { value = vers_vm.vm.id }
TF
tofu apply -auto-approve -no-color -input=false >prep.out 2>&1 && ok=1 || ok=0
check "a VM with a file to keep" succeeded prep.out
upper=$(vm_upper "$(tofu output -raw vm_id)")

# /proc/self/mem stats as a regular file and fails to read: it used to be
# hashed as empty, then its failed upload left /keep/file empty. Now the
# plan fails and the VM is untouched.
cat >mem.tf <<'TF'
resource "vers_provision" "mem" {
  depends_on = [vers_provision.prep]
  vm_id      = vers_vm.vm.id
  files      = [{ source = "/proc/self/mem", destination = "/keep/file" }]
}
TF
tofu apply -auto-approve -no-color -input=false >mem.out 2>&1 && rc=0 || rc=$?
check "a source that fails to read fails the apply" test "$rc" != 0
check "at plan time, naming it and why" \
  contains mem.out 'files[0].source: reading /proc/self/mem failed: Input/output error'
check "the destination keeps its contents" same "$(cat "$upper/keep/file")" "previous"
rm -f mem.tf

# An upload that fails part way through the files (the second one's
# directory cannot be made: /keep/blocker is a file) leaves the first one's
# destination as it was (it used to be overwritten) and no temporary.
cat >partial.tf <<'TF'
resource "vers_provision" "partial" {
  depends_on = [vers_provision.prep]
  vm_id      = vers_vm.vm.id
  files = [
    { content = "replaced", destination = "/keep/file" },
    { content = "never", destination = "/keep/blocker/below" },
  ]
}
TF
tofu apply -auto-approve -no-color -input=false >partial.out 2>&1 && rc=0 || rc=$?
check "a failing second file fails the apply" test "$rc" != 0
check "naming it" contains partial.out '/keep/blocker exists on the VM and is not a directory'
check "the first file's destination keeps its contents" same "$(cat "$upper/keep/file")" "previous"
check "no temporary is left" same "$(ls -A "$upper/keep" | tr '\n' ' ')" "blocker file "
check "nothing recorded" bash -c "! '$VERS_TOFU' state list | grep -qx vers_provision.partial"
rm -f partial.tf

# A destination that is a directory on the VM is refused before anything is
# put in place, and the temporary is removed.
cat >dir.tf <<'TF'
resource "vers_provision" "dir" {
  depends_on = [vers_provision.prep]
  vm_id      = vers_vm.vm.id
  files      = [{ content = "x", destination = "/opt/existing-dir" }]
}
TF
tofu apply -auto-approve -no-color -input=false >dir.out 2>&1 && rc=0 || rc=$?
check "a directory destination fails the apply" test "$rc" != 0
check "and says so" contains dir.out '/opt/existing-dir is a directory on the VM (or a symlink to one); a file cannot replace it'
check "the directory is untouched" test -d "$upper/opt/existing-dir"
check "no temporary is left" same "$(ls -A "$upper/opt")" "existing-dir"
rm -f dir.tf

# A state recorded before NULs were refused: its destroy_commands are not run
# cut short, and the destroy goes on with a warning.
cat >legacy.tf <<'TF'
resource "vers_provision" "legacy" {
  depends_on       = [vers_provision.prep]
  vm_id            = vers_vm.vm.id
  destroy_commands = ["touch /keep/legacy"]
}
TF
tofu apply -auto-approve -no-color -input=false >legacy.out 2>&1 && ok=1 || ok=0
check "a resource with destroy_commands" succeeded legacy.out
python3 - <<'PY'
import json
with open("terraform.tfstate") as f:
    state = json.load(f)
for r in state["resources"]:
    if r["type"] == "vers_provision" and r["name"] == "legacy":
        r["instances"][0]["attributes"]["destroy_commands"] = ["touch /keep/legacy\u0000; touch /keep/cut"]
with open("terraform.tfstate", "w") as f:
    json.dump(state, f)
PY
tofu destroy -auto-approve -no-color -input=false -target=vers_provision.legacy >legacy-destroy.out 2>&1 &&
  ok=1 || ok=0
check "a legacy state with a NUL in destroy_commands is destroyed" succeeded legacy-destroy.out
check "with a warning naming it" \
  contains legacy-destroy.out 'destroy_commands[0] "touch /keep/legacy\x00; touch /keep/cut" contains a NUL'
check "the command did not run, whole or cut" \
  bash -c "[ ! -e '$upper/keep/legacy' ] && [ ! -e '$upper/keep/cut' ]"
rm -f legacy.tf

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds nothing" test "$(counters)" = "0 0 0"
finish
