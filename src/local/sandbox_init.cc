#include "local/sandbox_init.h"

#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "local/confine.h"
#include "local/fd.h"
#include "local/fs.h"
#include "local/sandbox_root.h"
#include "local/sshd_setup.h"
#include "local/vm_ids.h"

namespace vers::local {
namespace {

int Fail(int code, const std::string& what) {
  std::fprintf(stderr, "sandbox: %s\n", what.c_str());
  return code;
}

int FailErrno(int code, const std::string& what) {
  return Fail(code, what + ": " + std::strerror(errno));
}

pid_t StartSshd() {
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::setsid();
  std::string cfg = std::string(kInVmSshDir) + "/sshd_config";
  const char* argv[] = {kSshdPath, "-D", "-e", "-f", cfg.c_str(), nullptr};
  const char* envp[] = {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                        "HOME=/root", "LANG=C.UTF-8", nullptr};
  ::execve(kSshdPath, const_cast<char**>(argv), const_cast<char**>(envp));
  std::fprintf(stderr, "sandbox: exec %s: %s\n", kSshdPath, std::strerror(errno));
  ::_exit(127);
}

// PID 1 of the VM, in its own namespaces: waits until the helper has written
// its id maps, becomes the VM's root, confines itself, runs sshd and reaps
// everything; exits when sshd dies or on SIGTERM.
int InitMain(const SandboxArgs& a, int go_fd) {
  char go;
  if (::read(go_fd, &go, 1) != 1) return Fail(20, "the helper did not map the VM's ids");
  ::close(go_fd);
  if (::setgroups(0, nullptr) != 0 || ::setresgid(0, 0, 0) != 0 || ::setresuid(0, 0, 0) != 0)
    return FailErrno(21, "becoming the VM's root");
  if (Status st = FinishVmRoot(); !st.ok()) return Fail(22, st.message());
  if (::sethostname(a.vm_id.data(), a.vm_id.size()) != 0) return FailErrno(23, "sethostname");
  // Nothing in the VM may ptrace or read the memory of its init.
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  if (Status st = DropCapabilities(); !st.ok()) return Fail(24, st.message());
  if (Status st = InstallSeccompFilter(); !st.ok()) return Fail(25, st.message());
  pid_t sshd = StartSshd();
  if (sshd < 0) return 3;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  for (;;) {
    siginfo_t info;
    if (::sigwaitinfo(&set, &info) < 0) continue;
    if (info.si_signo != SIGCHLD) {
      ::kill(-1, SIGKILL);
      return 0;
    }
    int status;
    pid_t p;
    while ((p = ::waitpid(-1, &status, WNOHANG)) > 0) {
      if (p == sshd) {
        std::fprintf(stderr, "sandbox: sshd exited (status %d)\n", status);
        ::kill(-1, SIGKILL);
        return 4;
      }
    }
  }
}

// Host side, before the VM's init exists: cgroups, network, root filesystem.
int PrepareHostSide(const SandboxArgs& a) {
  for (const auto& cgroup : a.cgroups) {
    if (Status st = WriteFileInPlace(cgroup + "/cgroup.procs", std::to_string(::getpid()));
        !st.ok())
      return Fail(10, "join cgroup: " + st.message());
  }
  UniqueFd net(::open(a.netns.c_str(), O_RDONLY | O_CLOEXEC));
  if (!net.valid() || ::setns(net.get(), CLONE_NEWNET) != 0)
    return FailErrno(13, "entering the VM's network namespace " + a.netns);
  // The VM's root is unprivileged towards this netns (the host's user
  // namespace owns it, so the VM cannot reconfigure its network): let it
  // bind port 22.
  if (Status st = WriteFileInPlace("/proc/sys/net/ipv4/ip_unprivileged_port_start", "0"); !st.ok())
    return Fail(14, st.message());
  if (::unshare(CLONE_NEWNS) != 0) return FailErrno(11, "unshare mount namespace");
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
    return FailErrno(11, "making mounts private");
  if (Status st = PrepareVmRoot(VmRootPaths{a.vm_dir, a.image, a.lowers, a.disk_mib}); !st.ok())
    return Fail(15, st.message());
  return 0;
}

// Clones the VM's init into its namespaces and maps its ids; -1 on failure.
pid_t CloneInit(const SandboxArgs& a) {
  int go[2];
  if (::pipe2(go, O_CLOEXEC) != 0) return -1;
  const unsigned long flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS |
                              CLONE_NEWIPC | CLONE_NEWCGROUP | SIGCHLD;
  // A fork with namespace flags (the helper is single-threaded).
  pid_t init = static_cast<pid_t>(::syscall(SYS_clone, flags, nullptr, nullptr, nullptr, nullptr));
  if (init == 0) {
    ::close(go[1]);
    ::_exit(InitMain(a, go[0]));
  }
  ::close(go[0]);
  if (init < 0) {
    ::close(go[1]);
    return -1;
  }
  std::string proc = "/proc/" + std::to_string(init);
  Status st = WriteFileInPlace(proc + "/uid_map", VmIdMapLine());
  if (st.ok()) st = WriteFileInPlace(proc + "/gid_map", VmIdMapLine());
  if (!st.ok()) {
    std::fprintf(stderr, "sandbox: mapping the VM's ids: %s\n", st.message().c_str());
    ::kill(init, SIGKILL);
  } else if (::write(go[1], "g", 1) != 1) {
    ::kill(init, SIGKILL);
  }
  ::close(go[1]);
  return init;
}

}  // namespace

bool ParseSandboxArgs(int argc, char** argv, SandboxArgs* out) {
  for (int i = 0; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--vm-id")
      out->vm_id = v;
    else if (k == "--vm-dir")
      out->vm_dir = v;
    else if (k == "--data-dir")
      out->data_dir = v;
    else if (k == "--image")
      out->image = v;
    else if (k == "--lowers")
      out->lowers = v;
    else if (k == "--netns")
      out->netns = v;
    else if (k == "--disk-mib")
      out->disk_mib = std::atoll(v.c_str());
    else if (k == "--cgroup")
      out->cgroups.push_back(v);
    else
      return false;
  }
  return !out->vm_id.empty() && !out->vm_dir.empty() && !out->data_dir.empty() &&
         !out->image.empty() && !out->netns.empty() && out->disk_mib > 0;
}

int SandboxMain(const SandboxArgs& a) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  ::sigprocmask(SIG_BLOCK, &set, nullptr);
  if (int rc = PrepareHostSide(a); rc != 0) return rc;
  pid_t init = CloneInit(a);
  if (init < 0) return FailErrno(12, "starting the VM's init");
  for (;;) {
    siginfo_t info;
    if (::sigwaitinfo(&set, &info) < 0) continue;
    if (info.si_signo != SIGCHLD) {
      ::kill(init, SIGTERM);
      continue;
    }
    int status;
    if (::waitpid(init, &status, WNOHANG) == init) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
  }
}

}  // namespace vers::local
