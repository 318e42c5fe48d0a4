#!/usr/bin/env bash
# Escape suite (issue 11): from inside a VM, over SSH, as a hostile
# provisioning script would, try every escape the issue lists (the cgroup v1
# release_agent trick, freezing another VM, reading host files, host block
# devices, mounting, module loading, reaching vers-local's API and another
# VM's sshd, ptrace of a host process, /proc/sysrq-trigger, a fork bomb,
# filling the disk past fs_size_mib): each must be refused or contained.
# Then the positive path: apt-get install from a package mirror inside a VM.
#
# What "confined" means follows the OCI runtimes' defaults: runc's default
# masked/readonly paths (opencontainers/runc libcontainer/specconv/example.go),
# the default capability set (containerd oci/spec.go defaultUnixCaps, CapEff
# 00000000a80425fb as `docker run` shows for root), Docker's default seccomp
# profile (moby/moby profiles/seccomp/default.json: mount, bpf, kexec_load,
# init_module, keyctl, perf_event_open... need CAP_SYS_ADMIN or are refused).
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
: "${VERS_ESCAPE_PROBE:?set VERS_ESCAPE_PROBE to the built vers_escape_probe}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vers-local-escape-XXXXXX")
listener_pid=0
cleanup() {
  [ "$listener_pid" -gt 0 ] && kill "$listener_pid" 2>/dev/null
  if [ "${SERVER_PID:-0}" -gt 0 ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

check "server starts" start_server
new_vm() {
  api POST "/vm/new_root?wait_boot=true" "{\"vm_config\":{\"mem_size_mib\":256,\"fs_size_mib\":$1}}"
  [ "$STATUS" = 201 ] && echo "$BODY" | jq -r .vm_id
}
A=$(new_vm 64)
B=$(new_vm 1024)
check "two VMs boot" test -n "$A" -a -n "$B" || exit 1
vm_ssh "$A" 'cat > /tmp/probe && chmod 755 /tmp/probe' <"$VERS_ESCAPE_PROBE"
# probe_refuses ATTACK...: every attack is refused inside A.
probe_refuses() {
  local out
  out=$(vm_ssh "$A" /tmp/probe "$@")
  echo "$out" | sed 's/^/  | /'
  [ "$(grep -c ' refused ' <<<"$out")" = $# ] && ! grep -q ALLOWED <<<"$out"
}
# a_cannot_reach HOST PORT: a TCP connection from inside A fails (the ssh
# into A itself must work).
a_cannot_reach() {
  local out
  out=$(vm_ssh "$A" "timeout 3 bash -c 'exec 3<>/dev/tcp/$1/$2' 2>/dev/null && echo connected || echo failed")
  [ "$out" = failed ]
}

# --- what a VM is: its own image, its own ids, few capabilities, seccomp ---
check "the VM's root is the Debian image, not the host's /" \
  test "$(vm_ssh "$A" 'test -e /etc/debian_version && test ! -e '"$here"' && echo image')" = image
check "the VM's root is an unprivileged host id range" \
  test "$(vm_ssh "$A" 'cat /proc/self/uid_map' | tr -s ' ')" = " 0 1073741824 65536"
check "a VM shell has the OCI default capabilities only" \
  test "$(vm_ssh "$A" "sed -n 's/^CapEff:\t//p' /proc/self/status")" = 00000000a80425fb
check "a VM shell runs under a seccomp filter" \
  test "$(vm_ssh "$A" "sed -n 's/^Seccomp:\t//p' /proc/self/status")" = 2

# --- the cgroup v1 release_agent trick ---
check "no host cgroup hierarchy is visible in the VM" \
  test -z "$(vm_ssh "$A" 'ls /sys/fs/cgroup 2>/dev/null')"
check "writing a release_agent fails" \
  vm_ssh "$A" "! (echo /tmp/x > /sys/fs/cgroup/freezer/release_agent) 2>/dev/null"
check "mounting a cgroup hierarchy (with release_agent) is refused" probe_refuses mount-cgroup
# The whole trick as published (CVE-2022-0492 write-ups): mount a v1
# hierarchy, point release_agent at a script in the VM's upper layer (its
# host path is in /proc/mounts), empty a cgroup with notify_on_release.
vm_ssh "$A" "d=/tmp/cgrp; mkdir -p \$d
  mount -t cgroup -o rdma cgroup \$d 2>/dev/null || mount -t cgroup -o memory cgroup \$d 2>/dev/null || exit 0
  mkdir -p \$d/x && echo 1 > \$d/x/notify_on_release
  upper=\$(sed -n 's/.*upperdir=\([^,]*\).*/\1/p' /proc/mounts | head -1)
  printf '#!/bin/sh\ntouch $WORK/released\n' > /cmd && chmod 755 /cmd
  echo \$upper/cmd > \$d/release_agent
  sh -c 'echo \$\$ > /tmp/cgrp/x/cgroup.procs'; sleep 1" >/dev/null 2>&1
check "the host ran nothing for the VM" test ! -e "$WORK/released"

# --- another VM's freezer ---
check "A cannot freeze B" vm_ssh "$A" \
  "! (echo FROZEN > /sys/fs/cgroup/freezer/vers-local/$B/freezer.state) 2>/dev/null"
check "B's freezer is still THAWED" \
  grep -qx THAWED "/sys/fs/cgroup/freezer/vers-local/$B/freezer.state"
check "B still answers" test "$(vm_ssh "$B" hostname)" = "$B"

# --- host files ---
echo secret >"$WORK/host-secret"
check "a host file outside the image is not readable" vm_ssh "$A" "! cat $WORK/host-secret 2>/dev/null"
check "vers-local's api_key is not readable" vm_ssh "$A" "! cat $WORK/data/api_key 2>/dev/null"
check "the host checkout is not visible" vm_ssh "$A" "test ! -e $here/escape.sh"

# --- devices ---
check "/dev holds the minimal set only" test "$(vm_ssh "$A" 'ls /dev | tr "\n" " "')" = \
  "fd full null ptmx pts random shm stderr stdin stdout tty urandom zero "
check "sysfs is mounted read-only" \
  test "$(vm_ssh "$A" "awk '\$2 == \"/sys\" { split(\$4, o, \",\"); print o[1] }' /proc/mounts")" = ro
check "creating a host block device node, kmsg, kcore, sysrq are refused" \
  probe_refuses mknod-block kmsg kcore sysrq

# --- mounting, namespaces, modules, kernel interfaces ---
check "mount, unshare, modules, kexec, bpf, perf, keyctl are refused" probe_refuses \
  mount mount-proc unshare-mount unshare-user init-module finit-module kexec bpf perf-event keyctl
check "ptrace of a host process and of the VM's init are refused" \
  probe_refuses "ptrace:$SERVER_PID" ptrace:1

# --- network: vers-local's ports, the host, other VMs ---
api_port=$(sed -E 's#^https://[^:/]+:([0-9]+)/.*#\1#' <<<"$BASE")
check "vers-local's API port is unreachable" a_cannot_reach 127.0.0.1 $api_port
python3 -c '
import socket, sys
s = socket.socket(); s.bind(("0.0.0.0", 0)); s.listen(16)
print(s.getsockname()[1], flush=True)
while True: s.accept()[0].close()' >"$WORK/listener.port" &
listener_pid=$!
for _ in $(seq 1 100); do [ -s "$WORK/listener.port" ] && break; sleep 0.05; done
host_port=$(cat "$WORK/listener.port")
check "(control) the host reaches its own listener" timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$host_port"
a_ip=$(vm_ssh "$A" "hostname -I | cut -d' ' -f1")
gateway=${a_ip%.*}.$((${a_ip##*.} - 1)) # the host's end of A's veth (a /30)
for ip in $gateway $(hostname -I); do
  case $ip in *:*) continue ;; esac
  check "a host listener on $ip is unreachable from the VM" a_cannot_reach $ip $host_port
done
api GET "/vm/$B/ssh_key"
b_host_port=$(echo "$BODY" | jq -r .ssh_port)
b_ip=$(vm_ssh "$B" "hostname -I | cut -d' ' -f1")
check "(control) the host reaches B's sshd at $b_ip:22" \
  timeout 3 bash -c "exec 3<>/dev/tcp/$b_ip/22 && head -c 4 <&3 | grep -q SSH-"
check "B's sshd is unreachable from A" a_cannot_reach $b_ip 22
check "B's forwarded ssh port is unreachable from A" a_cannot_reach 127.0.0.1 $b_host_port
check "B is still reachable through the TLS front" test "$(vm_ssh "$B" hostname)" = "$B"

# --- disk: fs_size_mib holds, and growing it raises the limit in place ---
vm_ssh "$A" 'dd if=/dev/zero of=/root/fill bs=1M count=100 2>/dev/null' && filled=ok || filled=refused
size=$(vm_ssh "$A" 'stat -c %s /root/fill')
check "writing 100 MiB on a 64 MiB disk fails" test "$filled" = refused
check "the file stopped below 64 MiB ($size bytes)" test "$size" -lt $((64 * 1024 * 1024))
vm_ssh "$A" 'rm -f /root/fill'
api PATCH "/vm/$A/disk" '{"fs_size_mib":256}'
check "grow the disk to 256 MiB: 200" test "$STATUS" = 200
check "100 MiB fit after growing, without a restart" \
  vm_ssh "$A" 'dd if=/dev/zero of=/root/fill bs=1M count=100 2>/dev/null && sync'
check "the VM's processes survived the growth" test "$(vm_ssh "$A" 'stat -c %s /root/fill')" = $((100 * 1024 * 1024))

# --- a fork bomb stays inside its VM ---
C=$(new_vm 1024)
vm_ssh "$C" "nohup bash -c 'bomb() { bomb | bomb & }; bomb' >/dev/null 2>&1 &" || true
events=/sys/fs/cgroup/pids/vers-local/$C/pids.events
for _ in $(seq 1 200); do
  [ "$(sed -n 's/^max //p' "$events" 2>/dev/null || echo 0)" -gt 0 ] && break
  sleep 0.1
done
check "the bomb hit the VM's pids limit" test "$(sed -n 's/^max //p' "$events")" -gt 0
check "the VM never had more than its pids.max" \
  test "$(cat "/sys/fs/cgroup/pids/vers-local/$C/pids.current")" -le "$(cat "/sys/fs/cgroup/pids/vers-local/$C/pids.max")"
check "other VMs still answer during the bomb" test "$(vm_ssh "$B" hostname)" = "$B"
api GET /vms
check "the API still answers during the bomb" test "$STATUS" = 200
api DELETE "/vm/$C"
check "the bombed VM is deleted: 200" test "$STATUS" = 200

# --- positive path: packages from a mirror through the host's NAT ---
check "apt-get install works inside a VM" vm_ssh "$B" \
  'apt-get update -qq >/tmp/apt.log 2>&1 && apt-get install -y -qq --no-install-recommends hello >>/tmp/apt.log 2>&1 && hello | grep -q "Hello, world"' ||
  vm_ssh "$B" 'tail -20 /tmp/apt.log' | sed 's/^/  | /' >&2

for vm in "$A" "$B"; do api DELETE "/vm/$vm"; done
check "SIGTERM exits 0" stop_server
SERVER_PID=0
summary
