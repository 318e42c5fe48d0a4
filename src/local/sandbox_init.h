// The `vers-local __sandbox` helper: becomes one VM. It joins the VM's freezer
// cgroup, unshares mount+PID+UTS namespaces and forks the namespace's init,
// which mounts the overlay root (lowers = commit layers + the host "/"), fresh /proc,
// /dev (+ private devpts), tmpfs /tmp and /run, hides the data dir, pivots
// into the root, sets the hostname and runs sshd, reaping orphans until sshd
// exits or SIGTERM arrives. The helper exits with init's status.
#pragma once

#include <string>
#include <vector>

namespace vers::local {

struct SandboxArgs {
  std::string vm_id;
  std::string vm_dir;                // holds upper/, work/, merged/, ssh/
  std::string data_dir;              // hidden inside the VM
  std::string lowers;                // commit layer dirs joined by ':', newest first (may be empty)
  std::vector<std::string> cgroups;  // cgroup dirs to join (freezer, limits)
};

// Parses `--vm-id X --vm-dir D --data-dir D --lowers L [--cgroup C]...`.
bool ParseSandboxArgs(int argc, char** argv, SandboxArgs* out);
// Runs the helper; returns the process exit code.
int SandboxMain(const SandboxArgs& args);

}  // namespace vers::local
