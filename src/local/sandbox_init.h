// The `vers-local __sandbox` helper: becomes one VM.
//
// The helper (host root) joins the VM's cgroups (freezer, limits), enters
// the VM's network namespace (vm_net.h), lets unprivileged ports start at 0
// there (sshd listens on 22 as the VM's root), unshares a mount namespace
// and prepares the VM's root filesystem (sandbox_root.h). It then clones the
// VM's init into new user, mount, PID, UTS, IPC and cgroup namespaces and maps
// the init's ids 0..65535 to the unprivileged host range (vm_ids.h). The init
// finishes the mounts (/proc, devpts, pivot_root), sets the hostname, drops
// capabilities, installs the seccomp filter (confine.h) and runs sshd,
// reaping orphans until sshd exits or SIGTERM arrives. The helper exits with
// init's status.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vers::local {

struct SandboxArgs {
  std::string vm_id;
  std::string vm_dir;                // holds disk.img, disk/, merged/, ssh/, resolv.conf
  std::string data_dir;              // the server's (names the owner in ps output)
  std::string image;                 // the base image root
  std::string lowers;                // commit layer dirs joined by ':', newest first (may be empty)
  std::string netns;                 // the VM's network namespace file
  int64_t disk_mib = 0;              // fs_size_mib, enforced on the VM's disk
  std::vector<std::string> cgroups;  // cgroup dirs to join (freezer, limits)
};

// Parses `--vm-id X --vm-dir D --data-dir D --image I --lowers L --netns N
// --disk-mib M [--cgroup C]...`.
bool ParseSandboxArgs(int argc, char** argv, SandboxArgs* out);
// Runs the helper; returns the process exit code.
int SandboxMain(const SandboxArgs& args);

}  // namespace vers::local
