// The processes under one we started, read from /proc: what interrupt.h and
// kill_provider.h signal. Processes end while we look: only what is found
// counts, and a process that is gone is simply not listed.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

namespace vers::acceptance {

// The pids of every process now (the numeric entries of /proc).
std::vector<std::string> Pids();

// The processes whose parent is PARENT.
std::vector<pid_t> ChildrenOf(pid_t parent);

// The file name of PID's program as it was started (argv[0] without its
// directories, e.g. "terraform-provider-vers"); "" when PID is gone.
std::string ProgramOf(pid_t pid);

// SIGKILL to PID's descendants, then to PID.
void KillTree(pid_t pid);

// Whether PID (a child of ours) has ended; it is left to be reaped by its owner.
bool Ended(pid_t pid);

// Waits up to TENTHS tenths of a second for DONE; whether it came. A bound
// on a hang, not a timing: DONE is tested every 100 ms.
bool Await(int tenths, const std::function<bool()>& done);

}  // namespace vers::acceptance
