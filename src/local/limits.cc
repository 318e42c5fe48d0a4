#include "local/limits.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "local/fd.h"
#include "local/fs.h"

namespace vers::local {

namespace {

constexpr const char* kMemoryRoot = "/sys/fs/cgroup/memory";
constexpr const char* kCpuRoot = "/sys/fs/cgroup/cpu";
constexpr const char* kPidsRoot = "/sys/fs/cgroup/pids";
constexpr int64_t kCfsPeriodUs = 100000;

bool Available(const char* root) { return PathExists(std::string(root) + "/cgroup.procs"); }

std::string Dir(const char* root, const std::string& vm_id) {
  return std::string(root) + "/vers-local/" + vm_id;
}

// cgroupfs files are written in place (no temp file + rename there).
Status WriteControl(const std::string& file, const std::string& value) {
  UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd.valid() || ::write(fd.get(), value.data(), value.size()) < 0)
    return Status::Error("writing " + value + " to " + file + ": " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::string>> SetUpLimitCgroups(const std::string& vm_id, const Limits& l) {
  std::vector<std::string> dirs;
  if (Available(kMemoryRoot)) {
    std::string d = Dir(kMemoryRoot, vm_id);
    if (Status st = MakeDirs(d, 0755); !st.ok()) return st;
    if (Status st = WriteControl(d + "/memory.limit_in_bytes",
                                 std::to_string(l.mem_size_mib * 1024 * 1024));
        !st.ok())
      return st;
    dirs.push_back(d);
  }
  if (Available(kCpuRoot)) {
    std::string d = Dir(kCpuRoot, vm_id);
    if (Status st = MakeDirs(d, 0755); !st.ok()) return st;
    if (Status st = WriteControl(d + "/cpu.cfs_period_us", std::to_string(kCfsPeriodUs)); !st.ok())
      return st;
    if (Status st =
            WriteControl(d + "/cpu.cfs_quota_us", std::to_string(l.vcpu_count * kCfsPeriodUs));
        !st.ok())
      return st;
    dirs.push_back(d);
  }
  if (Available(kPidsRoot)) {
    std::string d = Dir(kPidsRoot, vm_id);
    if (Status st = MakeDirs(d, 0755); !st.ok()) return st;
    if (Status st = WriteControl(d + "/pids.max", std::to_string(kVmPidsMax)); !st.ok()) return st;
    dirs.push_back(d);
  }
  return dirs;
}

void RemoveLimitCgroups(const std::string& vm_id) {
  for (const char* root : {kMemoryRoot, kCpuRoot, kPidsRoot}) ::rmdir(Dir(root, vm_id).c_str());
}

std::string EnforcedLimits() {
  std::string out;
  if (Available(kMemoryRoot)) out += "memory";
  if (Available(kCpuRoot)) out += out.empty() ? "cpu" : ", cpu";
  if (Available(kPidsRoot)) out += out.empty() ? "pids" : ", pids";
  return out.empty() ? "none" : out;
}

}  // namespace vers::local
