// The mounts that make a VM's root filesystem, in two steps:
//  - PrepareVmRoot, by the sandbox helper (host root, in its private mount
//    namespace): the VM's disk, the overlay root (commit layers on the base
//    image, the disk's upper/ on top), a private minimal /dev, a read-only
//    /sys with /sys/fs/cgroup and /sys/firmware masked, tmpfs /tmp and /run,
//    the VM's sshd files and resolv.conf; ends with the working directory at
//    the root. These mounts are locked for the VM (made by a more privileged
//    user namespace): it cannot unmount or remount them.
//  - FinishVmRoot, by the VM's init inside its user, PID and mount
//    namespaces: a fresh /proc with the OCI runtimes' masked and read-only
//    paths, a private devpts, then pivot_root into the working directory.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"

namespace vers::local {

struct VmRootPaths {
  std::string vm_dir;    // holds disk.img, disk/, merged/, ssh/, resolv.conf
  std::string image;     // the base image (lowest layer)
  std::string lowers;    // commit layer dirs joined by ':', newest first (may be empty)
  int64_t disk_mib = 0;  // fs_size_mib
};

Status PrepareVmRoot(const VmRootPaths& p);
Status FinishVmRoot();

}  // namespace vers::local
