// The user namespace of every VM: VM uids/gids 0..kVmIdCount-1 are host ids
// kVmIdBase.. (an unprivileged range no host account uses), so the VM's root
// is nobody on the host. The base image and each VM's disk are owned by the
// shifted ids, so no id mapping of mounts is needed.
#pragma once

#include <string>

#include "base/status.h"

namespace vers::local {

inline constexpr unsigned kVmIdBase = 1u << 30;  // 1073741824
inline constexpr unsigned kVmIdCount = 65536;

// The line written to a VM init's uid_map and gid_map: "0 <base> <count>".
std::string VmIdMapLine();

// Adds kVmIdBase to the owner and group of every file under `root` (itself
// included; symlinks not followed), keeping setuid/setgid bits that a chown
// clears. For ids already in the shifted range it does nothing.
Status ShiftOwnersIntoVmRange(const std::string& root);

}  // namespace vers::local
