// Resource limits of a VM's sandbox, enforced by cgroup (v1) controllers:
// memory (memory.limit_in_bytes = mem_size_mib), CPU (a CFS quota of
// vcpu_count CPUs) and processes (pids.max = kVmPidsMax, so a fork bomb stays
// inside its VM). Disk size is enforced by the VM's disk (vm_disk.h). A
// controller the machine lacks is skipped, and EnforcedLimits() says so at
// start-up.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace vers::local {

// Processes and threads a VM may have at once.
inline constexpr int64_t kVmPidsMax = 1024;

struct Limits {
  int64_t vcpu_count = 1;
  int64_t mem_size_mib = 512;
};

// Creates and configures the VM's limit cgroups; returns their directories,
// which the sandbox joins.
Result<std::vector<std::string>> SetUpLimitCgroups(const std::string& vm_id, const Limits& limits);

// Removes the VM's limit cgroups (they must be empty of processes).
void RemoveLimitCgroups(const std::string& vm_id);

// What is enforced on this machine, e.g. "memory, cpu" or "none".
std::string EnforcedLimits();

}  // namespace vers::local
