#include "local/sandbox_root.h"

#include <fcntl.h>
#include <linux/mount.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "local/fs.h"
#include "local/sshd_setup.h"
#include "local/vm_disk.h"
#include "local/vm_ids.h"

namespace vers::local {
namespace {

Status Errno(const std::string& what, const std::string& arg) {
  return Status::Error(what + " " + arg + ": " + std::strerror(errno));
}

Status Mount(const char* src, const std::string& dst, const char* type, unsigned long flags,
             const std::string& data = "") {
  if (::mount(src, dst.c_str(), type, flags, data.empty() ? nullptr : data.c_str()) != 0)
    return Errno("mount", dst);
  return Status::Ok();
}

bool Exists(const std::string& p) {
  struct stat st;
  return ::lstat(p.c_str(), &st) == 0;
}

std::string Owner() {
  return "uid=" + std::to_string(kVmIdBase) + ",gid=" + std::to_string(kVmIdBase);
}

Status OwnedDir(const std::string& p, int mode) {
  if (::mkdir(p.c_str(), mode) != 0 && errno != EEXIST) return Errno("mkdir", p);
  if (::chown(p.c_str(), kVmIdBase, kVmIdBase) != 0) return Errno("chown", p);
  return Status::Ok();
}

// A tmpfs /dev with the host's harmless character devices bound in (a user
// namespace cannot mknod them) and devpts/shm mount points.
Status MinimalDev(const std::string& dev) {
  if (Status st = Mount("tmpfs", dev, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                        "mode=755,size=64k," + Owner());
      !st.ok())
    return st;
  for (const char* name : {"null", "zero", "full", "random", "urandom", "tty"}) {
    std::string node = dev + "/" + name;
    int fd = ::open(node.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) return Errno("create", node);
    ::close(fd);
    if (Status st = Mount(("/dev/" + std::string(name)).c_str(), node, nullptr, MS_BIND); !st.ok())
      return st;
  }
  for (const char* d : {"/pts", "/shm"}) {
    if (Status st = OwnedDir(dev + d, 0755); !st.ok()) return st;
  }
  if (Status st = Mount("tmpfs", dev + "/shm", "tmpfs", MS_NOSUID | MS_NODEV,
                        "mode=1777,size=64m," + Owner());
      !st.ok())
    return st;
  const char* links[][2] = {{"pts/ptmx", "ptmx"},
                            {"/proc/self/fd", "fd"},
                            {"/proc/self/fd/0", "stdin"},
                            {"/proc/self/fd/1", "stdout"},
                            {"/proc/self/fd/2", "stderr"}};
  for (const auto& l : links) {
    std::string at = dev + "/" + l[1];
    if (::symlink(l[0], at.c_str()) != 0) return Errno("symlink", at);
  }
  return Status::Ok();
}

// /sys read-only, every submount included; cgroups and firmware hidden.
Status ReadOnlySys(const std::string& sys) {
  if (Status st = Mount("/sys", sys, nullptr, MS_BIND | MS_REC); !st.ok()) return st;
  mount_attr attr{};
  attr.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC;
  if (::syscall(SYS_mount_setattr, AT_FDCWD, sys.c_str(), AT_RECURSIVE, &attr, sizeof attr) != 0)
    return Errno("read-only", sys);
  for (const char* masked : {"/fs/cgroup", "/firmware"}) {
    if (!Exists(sys + masked)) continue;
    if (Status st = Mount("tmpfs", sys + masked, "tmpfs",
                          MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=555");
        !st.ok())
      return st;
  }
  return Status::Ok();
}

}  // namespace

Status PrepareVmRoot(const VmRootPaths& p) {
  const std::string disk = p.vm_dir + "/disk", root = p.vm_dir + "/merged";
  if (Status st = MountVmDisk(p.vm_dir, p.disk_mib); !st.ok()) return st;
  for (const char* d : {"/upper", "/work"}) {
    if (Status st = OwnedDir(disk + d, 0755); !st.ok()) return st;
  }
  std::string lowers = p.lowers.empty() ? p.image : p.lowers + ":" + p.image;
  std::string opts = "lowerdir=" + lowers + ",upperdir=" + disk + "/upper,workdir=" + disk +
                     "/work,index=off,metacopy=off";
  if (Status st = Mount("overlay", root, "overlay", 0, opts); !st.ok()) return st;
  if (Status st = MinimalDev(root + "/dev"); !st.ok()) return st;
  if (Status st = ReadOnlySys(root + "/sys"); !st.ok()) return st;
  if (Status st =
          Mount("tmpfs", root + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777," + Owner());
      !st.ok())
    return st;
  if (Status st =
          Mount("tmpfs", root + "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=755," + Owner());
      !st.ok())
    return st;
  if (Status st = OwnedDir(root + "/run/sshd", 0755); !st.ok()) return st;
  if (Status st = OwnedDir(root + kInVmSshDir, 0700); !st.ok()) return st;
  if (Status st = Mount((p.vm_dir + "/ssh").c_str(), root + kInVmSshDir, nullptr, MS_BIND);
      !st.ok())
    return st;
  std::string resolv = root + "/etc/resolv.conf";
  if (Exists(p.vm_dir + "/resolv.conf") && Exists(resolv)) {
    if (Status st = Mount((p.vm_dir + "/resolv.conf").c_str(), resolv, nullptr, MS_BIND); !st.ok())
      return st;
  }
  if (::chdir(root.c_str()) != 0) return Errno("chdir", root);
  return Status::Ok();
}

Status FinishVmRoot() {
  // pivot_root refuses a locked new root (the helper's mounts are locked in
  // this user namespace): put an unlocked recursive clone of it on top and
  // work inside that.
  int tree = static_cast<int>(
      ::syscall(SYS_open_tree, AT_FDCWD, ".", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE));
  if (tree < 0) return Errno("open_tree", "the VM's root");
  if (::syscall(SYS_move_mount, tree, "", AT_FDCWD, ".", MOVE_MOUNT_F_EMPTY_PATH) != 0 ||
      ::fchdir(tree) != 0) {
    ::close(tree);
    return Errno("move_mount", "the VM's root");
  }
  ::close(tree);
  if (Status st = Mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC); !st.ok())
    return st;
  // runc's defaults (opencontainers/runc libcontainer/specconv/example.go):
  // maskedPaths and readonlyPaths.
  for (const char* f : {"proc/kcore", "proc/keys", "proc/latency_stats", "proc/timer_list",
                        "proc/timer_stats", "proc/sched_debug"}) {
    if (Exists(f))
      if (Status st = Mount("/dev/null", f, nullptr, MS_BIND); !st.ok()) return st;
  }
  for (const char* d : {"proc/acpi", "proc/asound", "proc/scsi"}) {
    if (Exists(d))
      if (Status st = Mount("tmpfs", d, "tmpfs", MS_RDONLY, "size=4k"); !st.ok()) return st;
  }
  for (const char* p : {"proc/bus", "proc/fs", "proc/irq", "proc/sys", "proc/sysrq-trigger"}) {
    if (!Exists(p)) continue;
    if (Status st = Mount(p, p, nullptr, MS_BIND | MS_REC); !st.ok()) return st;
    if (Status st = Mount(nullptr, p, nullptr,
                          MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
        !st.ok())
      return st;
  }
  if (Status st = Mount("devpts", "dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
                        "newinstance,ptmxmode=0666,mode=620,gid=5");
      !st.ok())
    return st;
  if (::syscall(SYS_pivot_root, ".", ".") != 0) return Errno("pivot_root", ".");
  if (::umount2(".", MNT_DETACH) != 0) return Errno("umount", "the old root");
  if (::chdir("/") != 0) return Errno("chdir", "/");
  return Status::Ok();
}

}  // namespace vers::local
