// A VM's disk: <vm_dir>/disk.img, a sparse ext4 image that holds the VM's
// writable overlay layer (upper/ and work/); the sandbox mounts it through a
// loop device in its own mount namespace (it goes away with the VM).
//
// fs_size_mib is enforced by ext4 itself: the image is made larger than the
// disk (at least kDiskImageMinMib) and ext4's reserved clusters
// (/sys/fs/ext4/<dev>/reserved_clusters, usable by nobody, not even root)
// hold back everything beyond fs_size_mib, so writes fail with ENOSPC at the
// disk's size. Growing the disk lowers the reservation: in place, while the
// VM runs. (Online ext4 resize and quotas are not used: the first needs
// CAP_SYS_RESOURCE, the second CONFIG_QUOTA, which some hosts lack.) So a
// disk grows up to the image's size, kDiskImageMinMib by default.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "base/status.h"

namespace vers::local {

inline constexpr int64_t kDiskImageMinMib = 64 * 1024;

// Makes `path`, an empty disk of kDiskImageMinMib, once (mkfs.ext4 takes
// ~50 ms; a sparse copy of the result a few).
Status MakeDiskTemplate(const std::string& path);

// Creates the disk (root owned by the VM's root) when missing: a sparse copy
// of `template_path` (from MakeDiskTemplate), or its own mkfs when larger.
Status CreateVmDisk(const std::string& vm_dir, int64_t size_mib, const std::string& template_path);

// Mounts <vm_dir>/disk.img at <vm_dir>/disk through a fresh auto-clearing loop
// device and limits it to `size_mib`. For the sandbox helper, in its private
// mount namespace.
Status MountVmDisk(const std::string& vm_dir, int64_t size_mib);

// Grows the disk to `size_mib` (at most the image's size). When `mounted_by`
// > 0 the disk is mounted at <vm_dir>/disk in that process's mount namespace
// and the new limit holds at once; otherwise it holds from the next mount.
Status GrowVmDisk(const std::string& vm_dir, int64_t size_mib, pid_t mounted_by);

}  // namespace vers::local
