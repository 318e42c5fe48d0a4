#include "local/sandbox_init.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "local/sshd_setup.h"

namespace vers::local {
namespace {

bool Fail(const char* what, const std::string& arg) {
  std::fprintf(stderr, "sandbox: %s %s: %s\n", what, arg.c_str(), std::strerror(errno));
  return false;
}

bool Mount(const char* src, const std::string& dst, const char* type, unsigned long flags,
           const char* data) {
  if (::mount(src, dst.c_str(), type, flags, data) != 0) return Fail("mount", dst);
  return true;
}

bool IsDir(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool SetupRoot(const SandboxArgs& a) {
  std::string root = a.vm_dir + "/merged";
  if (!Mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr)) return false;
  // The host root is stacked as its own overlay first: commit layers live
  // below "/" on the same filesystem, and overlayfs refuses (ELOOP) lower
  // layers nested inside one another. An overlay root is a different
  // superblock, so the layers no longer count as nested.
  std::string base = a.vm_dir + "/base";
  std::string base_opts =
      "lowerdir=/,upperdir=" + base + "-upper,workdir=" + base + "-work,index=off,metacopy=off";
  if (!Mount("overlay", base, "overlay", MS_RDONLY, base_opts.c_str())) return false;
  std::string lowers = a.lowers.empty() ? base : a.lowers + ":" + base;
  std::string opts = "lowerdir=" + lowers + ",upperdir=" + a.vm_dir + "/upper,workdir=" + a.vm_dir +
                     "/work,index=off,metacopy=off";
  if (!Mount("overlay", root, "overlay", 0, opts.c_str())) return false;
  if (!Mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr))
    return false;
  if (!Mount("/dev", root + "/dev", nullptr, MS_BIND | MS_REC, nullptr)) return false;
  // A private devpts so PTYs of one VM are not visible to another.
  if (IsDir(root + "/dev/pts") &&
      Mount("devpts", root + "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
            "newinstance,ptmxmode=0666,mode=620,gid=5")) {
    Mount((root + "/dev/pts/ptmx").c_str(), root + "/dev/ptmx", nullptr, MS_BIND, nullptr);
  }
  if (IsDir(root + "/sys")) Mount("/sys", root + "/sys", nullptr, MS_BIND | MS_REC, nullptr);
  if (!Mount("tmpfs", root + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777")) return false;
  if (!Mount("tmpfs", root + "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=755")) return false;
  ::mkdir((root + "/run/sshd").c_str(), 0755);
  ::mkdir((root + kInVmSshDir).c_str(), 0700);
  // Hide every VM's layers, keys and state (including our own) from inside.
  if (IsDir(root + a.data_dir) &&
      !Mount("tmpfs", root + a.data_dir, "tmpfs", MS_NOSUID | MS_NODEV, "mode=700,size=64k"))
    return false;
  if (!Mount((a.vm_dir + "/ssh").c_str(), root + kInVmSshDir, nullptr, MS_BIND, nullptr))
    return false;
  if (::sethostname(a.vm_id.data(), a.vm_id.size()) != 0) return Fail("sethostname", a.vm_id);
  if (::chdir(root.c_str()) != 0) return Fail("chdir", root);
  if (::syscall(SYS_pivot_root, ".", ".") != 0) return Fail("pivot_root", root);
  if (::umount2(".", MNT_DETACH) != 0) return Fail("umount old root", "");
  if (::chdir("/") != 0) return Fail("chdir", "/");
  return true;
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

// PID 1 of the VM: reap everything, exit when sshd dies or on SIGTERM.
int InitMain(const SandboxArgs& a) {
  if (!SetupRoot(a)) return 2;
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
    else if (k == "--lowers")
      out->lowers = v;
    else if (k == "--cgroup")
      out->cgroups.push_back(v);
    else
      return false;
  }
  return !out->vm_id.empty() && !out->vm_dir.empty() && !out->data_dir.empty();
}

int SandboxMain(const SandboxArgs& a) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  ::sigprocmask(SIG_BLOCK, &set, nullptr);
  for (const auto& cgroup : a.cgroups) {
    int fd = ::open((cgroup + "/cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC);
    std::string pid = std::to_string(::getpid());
    if (fd < 0 || ::write(fd, pid.data(), pid.size()) < 0) {
      Fail("join cgroup", cgroup);
      return 10;
    }
    ::close(fd);
  }
  if (::unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS) != 0) {
    Fail("unshare", "mount+pid+uts");
    return 11;
  }
  pid_t init = ::fork();
  if (init < 0) return 12;
  if (init == 0) ::_exit(InitMain(a));
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
