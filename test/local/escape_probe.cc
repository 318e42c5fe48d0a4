// vers_escape_probe: run inside a vers-local VM by test/local/escape.sh. Each
// argument names an attack a hostile provisioning script would try; for each
// the probe prints "<attack> refused <errno>" when the kernel refused it, or
// "<attack> ALLOWED" when it worked (the test fails on any ALLOWED).
//   vers_escape_probe mount mknod-block init-module finit-module kexec bpf
//                     perf-event keyctl unshare-user sysrq ptrace:<pid> ...
// Statically linked, so it runs in the VM's image whatever its libc.
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

// Returns 0 when the attack worked, else the errno of the refusal.
int Try(const std::string& attack) {
  auto r = [](long rc) { return rc < 0 ? errno : 0; };
  if (attack == "mount") return r(::mount("none", "/mnt", "tmpfs", 0, nullptr));
  if (attack == "mount-proc") return r(::mount("proc", "/mnt", "proc", 0, nullptr));
  if (attack == "mount-cgroup")
    return r(::mount("cgroup", "/mnt", "cgroup", 0, "rdma,release_agent=/x"));
  if (attack == "mknod-block")  // the host's first virtio disk (major 254)
    return r(::mknod("/tmp/escape-blk", S_IFBLK | 0600, makedev(254, 0)));
  if (attack == "init-module") return r(::syscall(SYS_init_module, "", 0, ""));
  if (attack == "finit-module") {
    int fd = ::open("/bin/sh", O_RDONLY);
    return r(::syscall(SYS_finit_module, fd, "", 0));
  }
  if (attack == "kexec") return r(::syscall(SYS_kexec_load, 0, 0, nullptr, 0));
  if (attack == "bpf") {
    union bpf_attr attr;
    std::memset(&attr, 0, sizeof attr);
    attr.map_type = BPF_MAP_TYPE_ARRAY;
    attr.key_size = 4;
    attr.value_size = 4;
    attr.max_entries = 1;
    return r(::syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof attr));
  }
  if (attack == "perf-event") {
    perf_event_attr attr;
    std::memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = PERF_TYPE_SOFTWARE;
    attr.config = PERF_COUNT_SW_CPU_CLOCK;
    return r(::syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0));
  }
  if (attack == "keyctl")  // KEYCTL_GET_KEYRING_ID of the session keyring
    return r(::syscall(SYS_keyctl, 0, -3, 1));
  if (attack == "unshare-user") return r(::unshare(CLONE_NEWUSER));
  if (attack == "unshare-mount") return r(::unshare(CLONE_NEWNS));
  if (attack == "sysrq") {
    int fd = ::open("/proc/sysrq-trigger", O_WRONLY);
    if (fd < 0) return errno;
    return r(::write(fd, "h", 1));
  }
  if (attack == "kmsg") return r(::open("/dev/kmsg", O_RDONLY));
  if (attack == "kcore") {
    int fd = ::open("/proc/kcore", O_RDONLY);
    if (fd < 0) return errno;
    char b[16];
    return ::read(fd, b, sizeof b) > 0 ? 0 : (errno ? errno : ENODATA);
  }
  if (attack.rfind("ptrace:", 0) == 0) {
    pid_t pid = static_cast<pid_t>(std::stol(attack.substr(7)));
    return r(::ptrace(PTRACE_ATTACH, pid, nullptr, nullptr));
  }
  std::fprintf(stderr, "unknown attack %s\n", attack.c_str());
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  int allowed = 0;
  for (int i = 1; i < argc; ++i) {
    int e = Try(argv[i]);
    if (e == 0) {
      std::printf("%s ALLOWED\n", argv[i]);
      ++allowed;
    } else if (e > 0) {
      std::printf("%s refused %s\n", argv[i], strerrorname_np(e));
    } else {
      return 2;
    }
  }
  return allowed == 0 ? 0 : 1;
}
