#!/usr/bin/env bash
# End to end: create a VM, ssh in through the TLS/SNI front, commit, restore
# twice, branch, check copy-on-write isolation (files and processes), pause and
# resume, tags, faults, restart persistence, 409s, then delete everything.
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vers-local-e2e-XXXXXX")
cleanup() {
  if [ "${SERVER_PID:-0}" -gt 0 ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

check "server starts and prints its ready line" start_server
check "ready line names the CA file" test -f "$CA"

# --- auth ---
unauth=$(curl -sS --cacert "$CA" -o /dev/null -w '%{http_code}' "$BASE/vms")
check "no API key: 401" test "$unauth" = 401
wrong=$(curl -sS --cacert "$CA" -H 'Authorization: Bearer nope' -o /dev/null -w '%{http_code}' "$BASE/vms")
check "wrong API key: 401" test "$wrong" = 401
# A second server on the same --listen port fails at once, saying why (it
# must neither share the port nor hang).
api_port=$(sed -E 's#^https://[^:/]+:([0-9]+)/.*#\1#' <<<"$BASE")
timeout 20 "$VERS_LOCAL" serve --data-dir "$WORK/second" --listen "127.0.0.1:$api_port" \
  >"$WORK/second.out" 2>&1 && rc=0 || rc=$?
check "a taken --listen port: exit 1" test "$rc" = 1
check "a taken --listen port: says so" grep -q "cannot listen on 127.0.0.1:$api_port" "$WORK/second.out"

# --- create and ssh ---
t0=$(now_ms)
api POST "/vm/new_root?wait_boot=true" '{"vm_config":{"vcpu_count":1,"mem_size_mib":512,"fs_size_mib":1024,"labels":{"env":"test"}}}'
check "new_root: 201" test "$STATUS" = 201
ROOT=$(echo "$BODY" | jq -r .vm_id)
check "vm_id is a UUID" grep -Eq '^[0-9a-f-]{36}$' <<<"$ROOT"
check "ssh into the new VM (hostname = vm id)" test "$(vm_ssh "$ROOT" hostname)" = "$ROOT"
t1=$(now_ms)
echo "timing: create-to-ssh-ready $((t1 - t0)) ms"
api GET "/vm/$ROOT/status"
check "status is running" test "$(echo "$BODY" | jq -r .state)" = running
check "labels are kept" test "$(echo "$BODY" | jq -r .labels.env)" = test
api GET "/vm/$ROOT/metadata"
check "memory limit enforced (512 MiB)" \
  test "$(cat /sys/fs/cgroup/memory/vers-local/$ROOT/memory.limit_in_bytes)" = $((512 * 1024 * 1024))
check "CPU quota enforced (1 vCPU)" \
  test "$(cat /sys/fs/cgroup/cpu/vers-local/$ROOT/cpu.cfs_quota_us)" = 100000
check "the VM's processes are in its memory cgroup" \
  test -n "$(cat /sys/fs/cgroup/memory/vers-local/$ROOT/cgroup.procs)"
check "metadata ip is 127.0.0.1" test "$(echo "$BODY" | jq -r .ip)" = 127.0.0.1
api GET "/vm/$ROOT/ssh_key"
# ssh_port is "the SSH port that will be DNAT'd to the VM's netns" (spec
# VmSshKeyResponse), used from the Vers node as in
# hdresearch/vers-integration-plugin ARCHITECTURE.md (`ssh -p <ssh_port>
# root@localhost`); clients outside dial the TLS front (vers-cli
# internal/ssh/client.go: <vm_id>.<vm domain>:443). In vers-local it is the
# VM's own sshd port on 127.0.0.1: plain SSH, no TLS.
vm_sshd_port=$(echo "$BODY" | jq -r .ssh_port)
check "ssh_key's ssh_port is not the TLS front's port" test "$vm_sshd_port" != "$SSH_TLS_PORT"
fetch_key "$ROOT"
check "ssh_key's ssh_port reaches the VM's sshd directly" test "$(ssh -o StrictHostKeyChecking=no \
  -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -o ConnectTimeout=10 \
  -p "$vm_sshd_port" -i "$WORK/keys/$ROOT" root@127.0.0.1 hostname)" = "$ROOT"
check "ssh_key is OpenSSH format" grep -q "BEGIN OPENSSH PRIVATE KEY" <<<"$BODY"
check "write a file in the VM" vm_ssh "$ROOT" 'echo base > /root/marker && sync'

# --- commit, restore twice, branch ---
t0=$(now_ms)
api POST "/vm/$ROOT/commit" '{"name":"base","description":"marker written"}'
t1=$(now_ms)
check "commit: 201" test "$STATUS" = 201
COMMIT=$(echo "$BODY" | jq -r .commit_id)
echo "timing: commit $((t1 - t0)) ms"
api GET "/vm/$ROOT/status"
check "VM runs again after commit" test "$(echo "$BODY" | jq -r .state)" = running
api GET /commits
check "commit is listed with its name" test "$(echo "$BODY" | jq -r ".commits[] | select(.commit_id==\"$COMMIT\") | .name")" = base

t0=$(now_ms)
api POST "/vm/from_commit?wait_boot=true" "{\"commit_id\":\"$COMMIT\"}"
check "restore 1: 201" test "$STATUS" = 201
A=$(echo "$BODY" | jq -r .vm_id)
check "restore 1 sees the file" test "$(vm_ssh "$A" cat /root/marker)" = base
t1=$(now_ms)
echo "timing: restore-to-ssh-ready $((t1 - t0)) ms"
api POST "/vm/from_commit?wait_boot=true" "{\"commit_id\":\"$COMMIT\"}"
B=$(echo "$BODY" | jq -r .vm_id)
check "restore 2 sees the file" test "$(vm_ssh "$B" cat /root/marker)" = base
api POST "/vm/$ROOT/branch?count=2&wait_boot=true"
check "branch: 201" test "$STATUS" = 201
check "branch returns two VMs" test "$(echo "$BODY" | jq '.vms | length')" = 2
C=$(echo "$BODY" | jq -r '.vms[0].vm_id')
D=$(echo "$BODY" | jq -r '.vms[1].vm_id')
check "branch copy sees the file" test "$(vm_ssh "$C" cat /root/marker)" = base
api GET "/vm/$A/metadata"
check "restore's parent_commit_id" test "$(echo "$BODY" | jq -r .parent_commit_id)" = "$COMMIT"

# --- copy-on-write isolation ---
vm_ssh "$A" 'echo changed-in-a > /root/marker; touch /root/only-a'
check "A sees its change" test "$(vm_ssh "$A" cat /root/marker)" = changed-in-a
for vm in "$ROOT" "$B" "$C" "$D"; do
  check "change in A is invisible to ${vm:0:8}" test "$(vm_ssh "$vm" 'cat /root/marker; ls /root/only-a 2>/dev/null')" = base
done
check "host is unchanged" test ! -e /root/only-a
vm_ssh "$B" 'sleep 300 >/dev/null 2>&1 &'
procs=$(vm_ssh "$A" 'ps -e -o comm= | sort | uniq -c')
check "A cannot see B's processes" bash -c "! grep -q sleep <<<'$procs'"
check "A sees few processes" test "$(vm_ssh "$A" 'ps -e --no-headers | wc -l')" -lt 10
check "A cannot see the data dir" vm_ssh "$A" "test ! -e $WORK/data/vms/$B"
check "A cannot read other VMs' layers" vm_ssh "$A" "! ls $WORK/data/layers 2>/dev/null | grep -q ."

# --- pause / resume ---
api PATCH "/vm/$B/state" '{"state":"Paused"}'
check "pause: 200" test "$STATUS" = 200
api GET "/vm/$B/status"
check "state is paused" test "$(echo "$BODY" | jq -r .state)" = paused
api PATCH "/vm/$B/state" '{"state":"Running"}'
api GET "/vm/$B/status"
check "state is running after resume" test "$(echo "$BODY" | jq -r .state)" = running
check "ssh works after resume" test "$(vm_ssh "$B" cat /root/marker)" = base
api PATCH "/vm/$B/state" '{"state":"Sleeping"}'
check "bad state: 400" test "$STATUS" = 400

# --- disk, labels, 404s, 409s ---
api PATCH "/vm/$A/disk" '{"fs_size_mib":2048}'
check "grow disk: 200" test "$STATUS" = 200
api PATCH "/vm/$A/disk" '{"fs_size_mib":100}'
check "shrink disk: 400" test "$STATUS" = 400
api PATCH "/vm/$A/label" '{"labels":{"role":"a"}}'
api GET "/vm/$A/status"
check "labels replaced" test "$(echo "$BODY" | jq -c .labels)" = '{"role":"a"}'
api GET "/vm/00000000-0000-4000-8000-000000000000/status"
check "unknown VM: 404 with error body" test "$STATUS/$(echo "$BODY" | jq -r .success)" = 404/false
api DELETE "/vm/$ROOT"
check "delete VM with children: 409" test "$STATUS" = 409
api DELETE "/commits/$COMMIT"
check "delete commit in use: 409" test "$STATUS" = 409

# --- tags ---
api POST /commit_tags "{\"tag_name\":\"golden\",\"commit_id\":\"$COMMIT\",\"description\":\"d\"}"
check "create tag: 201" test "$STATUS" = 201
api POST /commit_tags "{\"tag_name\":\"golden\",\"commit_id\":\"$COMMIT\"}"
check "duplicate tag: 409" test "$STATUS" = 409
api GET /commit_tags/golden
check "get tag" test "$(echo "$BODY" | jq -r .commit_id)" = "$COMMIT"
api PATCH /commit_tags/golden '{"description":null}'
check "patch tag: 204" test "$STATUS" = 204
api POST "/vm/from_commit?wait_boot=true" '{"tag_name":"golden"}'
check "restore by tag: 201" test "$STATUS" = 201
E=$(echo "$BODY" | jq -r .vm_id)
check "restore by tag sees the file" test "$(vm_ssh "$E" cat /root/marker)" = base
api DELETE /commit_tags/golden
check "delete tag: 204" test "$STATUS" = 204
api GET /commit_tags
check "no tags left" test "$(echo "$BODY" | jq '.tags | length')" = 0

# --- faults ---
api POST /_admin/faults '{"error_rate":1,"status":503,"retry_after":1}'
check "set faults: 200" test "$STATUS" = 200
api GET /vms
check "injected fault: 503" test "$STATUS" = 503
api POST /_admin/faults '{}'
api GET /vms
check "faults cleared: 200" test "$STATUS" = 200

# --- restart persistence ---
check "SIGTERM exits 0" stop_server
check "no sandbox survives the server" bash -c "! pgrep -f '[_]_sandbox --vm-id $A' >/dev/null"
check "server restarts" start_server
# Restarted VMs boot again (booting, then running).
for _ in $(seq 1 100); do
  api GET "/vm/$A/status"
  [ "$(echo "$BODY" | jq -r .state)" = running ] && break
  sleep 0.1
done
check "A is running again after restart" test "$(echo "$BODY" | jq -r .state)" = running
check "A kept its changes over the restart" test "$(vm_ssh "$A" cat /root/marker)" = changed-in-a

# --- crash recovery: SIGKILL leaves sandboxes behind; a restart replaces them ---
before=$(pgrep -fc "[_]_sandbox --vm-id $A")
kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
check "server restarts after SIGKILL" start_server
check "the crashed server's sandbox for A was replaced, not duplicated" \
  test "$(pgrep -fc "[_]_sandbox --vm-id $A")" = "$before"
check "A works after the crash restart" test "$(vm_ssh "$A" cat /root/marker)" = changed-in-a

# --- SIGKILL in the middle of operations: a create (slow boot) and a commit ---
api GET /vms
vms_before=$(echo "$BODY" | jq length)
api POST /_admin/faults '{"slow_boot_ms":3000}'
curl -sS --cacert "$CA" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -X POST --data '{"vm_config":{"mem_size_mib":512}}' "$BASE/vm/new_root?wait_boot=true" \
  >"$WORK/mid-create.out" 2>&1 &
create_pid=$!
curl -sS --cacert "$CA" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -X POST --data '{"name":"mid"}' "$BASE/vm/$C/commit" >"$WORK/mid-commit.out" 2>&1 &
commit_pid=$!
sleep 1
kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
wait "$create_pid" "$commit_pid" 2>/dev/null
check "server restarts after a SIGKILL mid-create and mid-commit" start_server
api GET /vms
vms_after=$(echo "$BODY" | jq length)
check "the half-made VM is either recorded or absent ($vms_before before, $vms_after after)" \
  bash -c "[ '$vms_after' = '$vms_before' ] || [ '$vms_after' = '$((vms_before + 1))' ]"
api GET /_admin/counters
check "counters agree with the VM list" test "$(echo "$BODY" | jq .vms)" = "$vms_after"
ok_running=1
api GET /vms
recorded=$(echo "$BODY" | jq -r '.[].vm_id' | sort)
for vm in $recorded; do
  for _ in $(seq 1 100); do
    api GET "/vm/$vm/status"
    [ "$(echo "$BODY" | jq -r .state)" = running ] && break
    sleep 0.1
  done
  [ "$(echo "$BODY" | jq -r .state)" = running ] || ok_running=0
done
check "every recorded VM runs again" test "$ok_running" = 1
# (only this server's sandboxes: other tests may run their own vers-local)
sandboxed=$(pgrep -fa '[_]_sandbox --vm-id' | grep -F -- "--data-dir $WORK/data " |
  sed -n 's/.*--vm-id \([^ ]*\).*/\1/p' | sort -u)
check "sandboxes run for exactly the recorded VMs" test "$sandboxed" = "$recorded" ||
  diff <(echo "$recorded") <(echo "$sandboxed") | sed 's/^/  | /' >&2
api GET /commits
for c in $(echo "$BODY" | jq -r '.commits[].commit_id'); do
  check "commit ${c:0:8} has its layer on disk" test -d "$WORK/data/layers/$c"
done
check "C still works" test "$(vm_ssh "$C" cat /root/marker)" = base
api POST /_admin/faults '{}'
# A VM made in the crash window is not one of ours to keep.
api GET /vms
for vm in $(echo "$BODY" | jq -r '.[].vm_id'); do
  case " $ROOT $A $B $C $D $E " in *" $vm "*) ;; *) api DELETE "/vm/$vm" ;; esac
done

# --- delete everything ---
for vm in "$A" "$B" "$C" "$D" "$E"; do
  api DELETE "/vm/$vm"
  check "delete ${vm:0:8}: 200" test "$STATUS" = 200
done
api DELETE "/vm/$ROOT"
check "delete root once its children are gone: 200" test "$STATUS" = 200
api GET /commits
for c in $(echo "$BODY" | jq -r '.commits[].commit_id'); do
  api DELETE "/commits/$c"
  check "delete commit ${c:0:8}: 204" test "$STATUS" = 204
done
api GET /_admin/counters
check "counters are zero" test "$(echo "$BODY" | jq -c '[.vms,.commits]')" = '[0,0]'
check "no layers left on disk" test -z "$(ls -A "$WORK/data/layers")"
check "no VM dirs left on disk" test -z "$(ls -A "$WORK/data/vms")"
check "no limit cgroups left" test ! -e "/sys/fs/cgroup/memory/vers-local/$ROOT"
check "SIGTERM exits 0 at the end" stop_server
SERVER_PID=0
summary
