#include "local/confine.h"

#include <linux/capability.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace vers::local {
namespace {

// The OCI default capabilities (containerd oci/spec.go defaultUnixCaps,
// as Docker uses): what a VM's root needs to run sshd, apt and dpkg.
constexpr int kKeptCaps[] = {CAP_CHOWN,   CAP_DAC_OVERRIDE, CAP_FSETID,           CAP_FOWNER,
                             CAP_MKNOD,   CAP_NET_RAW,      CAP_SETGID,           CAP_SETUID,
                             CAP_SETFCAP, CAP_SETPCAP,      CAP_NET_BIND_SERVICE, CAP_SYS_CHROOT,
                             CAP_KILL,    CAP_AUDIT_WRITE};

bool Kept(int cap) {
  for (int k : kKeptCaps)
    if (k == cap) return true;
  return false;
}

Status Errno(const std::string& what) { return Status::Error(what + ": " + std::strerror(errno)); }

}  // namespace

Status DropCapabilities() {
  for (int cap = 0; cap <= CAP_LAST_CAP; ++cap) {
    if (!Kept(cap) && ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL)
      return Errno("dropping capability " + std::to_string(cap) + " from the bounding set");
  }
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2]{};
  for (int cap : kKeptCaps) {
    data[cap / 32].effective |= 1u << (cap % 32);
    data[cap / 32].permitted |= 1u << (cap % 32);
  }
  if (::syscall(SYS_capset, &header, data) != 0) return Errno("capset");
  return Status::Ok();
}

Status InstallSeccompFilter() {
  std::unique_ptr<void, void (*)(scmp_filter_ctx)> ctx(seccomp_init(SCMP_ACT_ALLOW),
                                                       &seccomp_release);
  if (!ctx) return Status::Error("seccomp_init failed");
  const uint32_t eperm = SCMP_ACT_ERRNO(EPERM);
  const char* denied[] = {"mount",
                          "umount",
                          "umount2",
                          "pivot_root",
                          "move_mount",
                          "open_tree",
                          "fsopen",
                          "fsmount",
                          "fsconfig",
                          "fspick",
                          "mount_setattr",
                          "unshare",
                          "setns",
                          "init_module",
                          "finit_module",
                          "delete_module",
                          "kexec_load",
                          "kexec_file_load",
                          "bpf",
                          "perf_event_open",
                          "keyctl",
                          "add_key",
                          "request_key",
                          "reboot",
                          "swapon",
                          "swapoff",
                          "acct",
                          "syslog",
                          "open_by_handle_at",
                          "userfaultfd",
                          "iopl",
                          "ioperm",
                          "quotactl",
                          "quotactl_fd",
                          "lookup_dcookie",
                          "nfsservctl",
                          "uselib"};
  for (const char* name : denied) {
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) continue;  // not on this architecture
    if (int rc = seccomp_rule_add(ctx.get(), eperm, nr, 0); rc != 0)
      return Status::Error(std::string("seccomp rule for ") + name + ": " + std::strerror(-rc));
  }
  // clone with any CLONE_NEW* flag (a namespace the VM could configure);
  // rules for one syscall are OR-ed. (CLONE_NEWTIME only exists for unshare
  // and clone3: in clone's flags its bit belongs to the exit signal.)
  for (uint64_t flag : {CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID,
                        CLONE_NEWNET, CLONE_NEWCGROUP}) {
    if (int rc = seccomp_rule_add(ctx.get(), eperm, SCMP_SYS(clone), 1,
                                  SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag));
        rc != 0)
      return Status::Error(std::string("seccomp rule for clone: ") + std::strerror(-rc));
  }
  // clone3 passes its flags in memory, which a filter cannot read: ENOSYS
  // makes glibc fall back to clone (Docker's default profile does the same).
  if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0); rc != 0)
    return Status::Error(std::string("seccomp rule for clone3: ") + std::strerror(-rc));
  if (int rc = seccomp_load(ctx.get()); rc != 0)
    return Status::Error(std::string("loading the seccomp filter: ") + std::strerror(-rc));
  return Status::Ok();
}

}  // namespace vers::local
