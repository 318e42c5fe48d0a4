// Confinement a VM's init applies to itself after its mounts, before it
// starts sshd, in the spirit of the OCI runtimes' defaults (runc/containerd:
// the default capability set and Docker's default seccomp profile).
#pragma once

#include "base/status.h"

namespace vers::local {

// Cuts the capability bounding set to the OCI default set (CHOWN,
// DAC_OVERRIDE, FSETID, FOWNER, MKNOD, NET_RAW, SETGID, SETUID, SETFCAP,
// SETPCAP, NET_BIND_SERVICE, SYS_CHROOT, KILL, AUDIT_WRITE) and drops every
// other capability from the caller's permitted, effective and inheritable
// sets. Needs CAP_SETPCAP (the VM's init has it in its user namespace).
Status DropCapabilities();

// Installs a seccomp filter (inherited by every process of the VM) that
// fails with EPERM what no guest needs: mounts and namespace changes (mount,
// umount2, pivot_root, the new mount API, unshare, setns, clone with
// CLONE_NEW* flags; clone3 fails with ENOSYS so libc falls back to clone),
// kernel modules, kexec, bpf, perf_event_open, the keyring (keyctl, add_key,
// request_key), reboot, swapon/swapoff, acct, syslog, open_by_handle_at,
// userfaultfd, iopl/ioperm, quotactl, lookup_dcookie.
Status InstallSeccompFilter();

}  // namespace vers::local
