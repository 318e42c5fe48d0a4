// LinuxRuntime::Preflight: what the machine must have to run VMs.
#include <unistd.h>

#include <string>

#include "local/freezer.h"
#include "local/fs.h"
#include "local/linux_runtime.h"
#include "local/sshd_setup.h"

namespace vers::local {
namespace {

bool HasFilesystem(const std::string& name) {
  auto fs = ReadFile("/proc/filesystems");
  return fs.ok() && fs.value().find("\t" + name + "\n") != std::string::npos;
}

}  // namespace

Status LinuxRuntime::Preflight() {
  if (::geteuid() != 0)
    return Status::Error(
        "vers-local must run as root (it mounts overlayfs and creates namespaces)");
  if (!HasFilesystem("overlay"))
    return Status::Error("overlayfs is not available: load it with `modprobe overlay`");
  for (const char* ns : {"pid", "mnt", "user", "net", "cgroup", "uts", "ipc"}) {
    if (!PathExists(std::string("/proc/self/ns/") + ns))
      return Status::Error(std::string("this kernel lacks ") + ns + " namespaces");
  }
  if (!PathExists("/dev/loop-control"))
    return Status::Error("loop devices are missing (VM disks are ext4 images): modprobe loop");
  if (::access("/usr/sbin/mkfs.ext4", X_OK) != 0)
    return Status::Error("/usr/sbin/mkfs.ext4 is missing: apt-get install -y e2fsprogs");
  if (!PathExists(std::string(kFreezerRoot) + "/freezer.state") &&
      !PathExists(std::string(kFreezerRoot) + "/cgroup.procs"))
    return Status::Error(
        "the cgroup v1 freezer is not mounted at /sys/fs/cgroup/freezer: "
        "mount -t cgroup -o freezer freezer /sys/fs/cgroup/freezer");
  if (::access(kSshdPath, X_OK) != 0)
    return Status::Error(std::string(kSshdPath) + " is missing: apt-get install -y openssh-server");
  if (::access(kSshKeygenPath, X_OK) != 0)
    return Status::Error(std::string(kSshKeygenPath) +
                         " is missing: apt-get install -y openssh-client");
  return Status::Ok();
}

}  // namespace vers::local
