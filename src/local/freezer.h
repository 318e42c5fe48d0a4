// The cgroup v1 freezer of each VM (/sys/fs/cgroup/freezer/vers-local/<id>):
// pause/resume, and killing everything in it (also what a crashed server
// left behind).
#pragma once

#include <string>

#include "base/status.h"

namespace vers::local {

inline constexpr const char* kFreezerRoot = "/sys/fs/cgroup/freezer";

// The VM's freezer cgroup directory.
std::string FreezerDir(const std::string& vm_id);

// Writes FROZEN or THAWED to <dir>/freezer.state and waits (bounded) until
// the cgroup reports it.
Status SetFreezerState(const std::string& dir, const char* state);

// Kills every process in the cgroup `dir` and removes it: frozen first, so
// nothing forks while it is being killed (a fork bomb), then thawed so the
// SIGKILLs land. Bounded; a no-op when `dir` does not exist.
void KillEverythingIn(const std::string& dir);

}  // namespace vers::local
