#!/usr/bin/env bash
# vers_provision with transport = "api" against vers-local: files through
# PUT /vm/{id}/files (a 3.5 MiB file in 1 MiB pieces, inline content with a
# mode, a directory tree), commands through POST /vm/{id}/exec/stream with
# env and working_dir, checked by SHA-256 and mode on the VM; re-plan empty;
# an exec stream cut mid-command is re-attached and the command runs once; a
# failing command and a timeout give clear diagnostics; bad transport inputs
# are refused at validation; destroy runs destroy_commands over the API.
source "$(dirname "$0")/lib.sh"
work_dir provision_api
start_vers_local
write_vers_provider_tf

mkdir -p payload/tree/sub
head -c $((3 * 1024 * 1024 + 512 * 1024)) /dev/urandom >payload/big.bin
echo "one" >payload/tree/a.txt
printf '#!/bin/sh\necho tool-ran\n' >payload/tree/sub/tool.sh
chmod 755 payload/tree/sub/tool.sh
sha() { sha256sum "$1" | cut -c1-64; }

cat >main.tf <<TF
resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}

resource "vers_provision" "setup" {
  vm_id     = vers_vm.base.id
  transport = "api"
  files = [
    { source = "\${path.module}/payload/big.bin", destination = "/data/big.bin" },
    { source = "\${path.module}/payload/tree", destination = "/opt/tree" },
    { content = "secret=42\n", destination = "/etc/app/app.conf", mode = "0600" },
  ]
  environment = {
    BIG_SHA  = "$(sha payload/big.bin)"
    GREETING = "hello world"
  }
  working_dir = "/data"
  commands = [
    "echo \"\$BIG_SHA  big.bin\" | sha256sum -c -",
    "test \"\$(stat -c %a /etc/app/app.conf)\" = 600 && grep -qx secret=42 /etc/app/app.conf",
    "test \"\$(/opt/tree/sub/tool.sh)\" = tool-ran",
    "test \"\$(pwd)\" = /data && echo \"\$GREETING\" > greeting && echo ran >> /data/runs",
  ]
  destroy_commands = ["echo destroyed > /data/destroyed"]
}

output "base_id" { value = vers_vm.base.id }
output "summary" { value = vers_provision.setup.summary }
TF

# The exec streams of the first command are cut once their command started
# (the answer is lost after the work, as a network failure would): the
# provider must re-attach, not run the command again.
tofu apply -auto-approve -no-color -input=false -target=vers_vm.base >vm.out 2>&1 && ok=1 || ok=0
check "the VM is created" succeeded vm.out
base=$(tofu output -raw base_id 2>/dev/null || "$VERS_TOFU" state show -no-color vers_vm.base | sed -n 's/^ *id *= *"\(.*\)"/\1/p')
admin POST /faults "{\"lose_response_rate\":1,\"only\":\"POST /api/v1/vm/$base/exec/stream\$\"}" >/dev/null
tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
admin POST /faults '{}' >/dev/null
check "apply uploads, verifies and runs every command over the API" succeeded apply.out
tofu output -raw summary >summary.out
bytes=$(($(stat -c %s payload/big.bin payload/tree/a.txt payload/tree/sub/tool.sh | paste -sd+) + 10))
check "summary counts files and bytes" contains summary.out "4 files ($bytes bytes, verified); 4 commands (exit codes 0,0,0,0)"
upper=$(vm_upper "$base")
attaches=$(admin GET /requests | python3 -c 'import json,sys; print(json.load(sys.stdin).get("exec_vm_stream_attach", 0))')
check "every command's cut stream was re-attached ($attaches attaches for 4 commands)" test "$attaches" -ge 4
check "each command ran once although its streams were cut" same "$(cat "$upper/data/runs")" ran
check "env and working_dir reached the command" same "$(cat "$upper/data/greeting")" "hello world"
check "the big file arrived whole" same "$(sha "$upper/data/big.bin")" "$(sha payload/big.bin)"
check "the inline file has its mode" same "$(stat -c %a "$upper/etc/app/app.conf")" 600
check "no temporaries are left" bash -c "! ls -A '$upper/data' '$upper/etc/app' '$upper/opt/tree' | grep -q vers-upload"
check "re-plan is empty" plan_is_empty

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
  vm_id     = vers_vm.base.id
  transport = "api"
  commands  = ["true", "echo about to fail >&2; exit 3", "touch /should-not-run"]
}' 'Command 2 of 3 (`echo about to fail >&2; exit 3`) exited with status 3' \
  'The last lines of its stderr' 'about to fail'
check "the command after the failed one did not run" test ! -e "$upper/should-not-run"
fail_case timeout '
resource "vers_provision" "timeout" {
  vm_id           = vers_vm.base.id
  transport       = "api"
  command_timeout = "2s"
  commands        = ["echo started; sleep 60"]
}' 'Command 1 of 1 (`echo started; sleep 60`)' 'ended without its exit status' 'started'
fail_case bad_transport '
resource "vers_provision" "bad_transport" {
  vm_id     = vers_vm.base.id
  transport = "scp"
  commands  = ["true"]
}' 'transport' '"ssh"' '"api"'
fail_case ssh_only '
resource "vers_provision" "ssh_only" {
  vm_id     = vers_vm.base.id
  transport = "api"
  ssh_port  = 2222
  commands  = ["true"]
}' 'Attribute applies to the SSH transport only' '`ssh_port` is set, but `transport = "api"`'

# Two destinations that are one file on the VM (/alias/d2 links to
# /alias/d1): refused before any file is put in place.
cat >alias_prep.tf <<'TF'
resource "vers_provision" "alias_prep" {
  vm_id     = vers_vm.base.id
  transport = "api"
  commands  = ["mkdir -p /alias/d1 && ln -sfn /alias/d1 /alias/d2"]
}
TF
fail_case aliased '
resource "vers_provision" "aliased" {
  depends_on = [vers_provision.alias_prep]
  vm_id      = vers_vm.base.id
  transport  = "api"
  files = [
    { content = "first", destination = "/alias/d1/f" },
    { content = "second", destination = "/alias/d2/f" },
  ]
}' 'Cannot put the files in place' '/alias/d1/f and /alias/d2/f are the same file /alias/d1/f on the VM'
check "aliased: nothing put in place, no temporaries left" bash -c "[ -z \"\$(ls -A '$upper/alias/d1')\" ]"

# Ctrl-C while a command runs: the provisioning fails and the command is
# stopped on the VM (its shell and that shell's children get SIGTERM).
cat >interrupted.tf <<'TF'
resource "vers_provision" "interrupted" {
  vm_id     = vers_vm.base.id
  transport = "api"
  commands  = ["echo $$ > /data/interrupted.pid; sleep 300; echo finished > /data/interrupted.done"]
}
TF
"${interruptible[@]}" "$VERS_TOFU" apply -auto-approve -no-color -input=false \
  -target=vers_provision.interrupted >interrupted.out 2>&1 &
apply_pid=$!
for _ in $(seq 1 600); do
  [ -s "$upper/data/interrupted.pid" ] && break
  kill -0 "$apply_pid" 2>/dev/null || break
  sleep 0.05
done
kill -INT "$apply_pid" 2>/dev/null || true
wait "$apply_pid" && rc=0 || rc=$?
check "Ctrl-C: the apply fails" test "$rc" != 0
check "Ctrl-C: says the command was stopped on the VM" contains interrupted.out "It was stopped on the VM"
in_vm() {  # SCRIPT: its stdout, run in the VM through the API
  curl -sS --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" -H 'Content-Type: application/json' \
    --data "$(python3 -c 'import json,sys; print(json.dumps({"command": ["sh", "-c", sys.argv[1]]}))' "$1")" \
    "$VERS_BASE_URL/vm/$base/exec" | python3 -c 'import json,sys; print(json.load(sys.stdin)["stdout"], end="")'
}
check "Ctrl-C: the command's shell is gone" \
  same "$(in_vm 'kill -0 "$(cat /data/interrupted.pid)" 2>/dev/null && echo alive || echo gone')" gone
check "Ctrl-C: its child (sleep 300) is gone" \
  same "$(in_vm 'for f in /proc/[0-9]*/cmdline; do tr "\0" " " <"$f"; echo; done 2>/dev/null | grep -c "^sleep 300" || true')" 0
check "Ctrl-C: the command did not finish" test ! -e "$upper/data/interrupted.done"
rm -f interrupted.tf

tofu destroy -auto-approve -no-color -input=false -target=vers_provision.setup >destroy.out 2>&1 && ok=1 || ok=0
check "destroy runs destroy_commands over the API" succeeded destroy.out
check "the destroy command ran" same "$(cat "$upper/data/destroyed")" destroyed
tofu destroy -auto-approve -no-color -input=false >destroy_all.out 2>&1 && ok=1 || ok=0
check "destroy of everything succeeds" succeeded destroy_all.out
finish
