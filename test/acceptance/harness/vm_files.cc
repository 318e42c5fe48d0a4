#include "vm_files.h"

#include <cstdlib>
#include <filesystem>

#include "json_flat.h"
#include "process.h"

namespace vers::acceptance {
namespace {

// /proc/PID/stat's start time (field 22), for "the oldest".
unsigned long long StartTime(const std::string& pid) {
  std::string stat = ReadFile("/proc/" + pid + "/stat");
  size_t pos = stat.rfind(')');
  for (int field = 2; field < 22 && pos != std::string::npos; ++field)
    pos = stat.find(' ', pos + 1);
  return pos == std::string::npos ? ~0ULL : std::strtoull(stat.c_str() + pos + 1, nullptr, 10);
}

}  // namespace

std::string VmUpper(const Context& ctx, const std::string& vm_id) {
  std::string wanted = "__sandbox --vm-id " + vm_id + " ", oldest;
  unsigned long long oldest_start = ~0ULL;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::string pid = entry.path().filename();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmdline = ReadFile("/proc/" + pid + "/cmdline");
    for (char& c : cmdline)
      if (c == '\0') c = ' ';
    if (cmdline.find(wanted) == std::string::npos) continue;
    if (unsigned long long start = StartTime(pid); start < oldest_start) {
      oldest_start = start;
      oldest = pid;
    }
  }
  if (oldest.empty()) return "/nonexistent/no-sandbox-for-" + vm_id;
  return "/proc/" + oldest + "/root" + ctx.vers->data_dir() + "/vms/" + vm_id + "/disk/upper";
}

std::string VmState(const Context& ctx, const std::string& vm_id) {
  auto status = ctx.vers->Api("GET", "/vm/" + vm_id + "/status");
  if (!status.ok()) return status.status().message();
  auto state = Field(status.value(), "/state");
  return state.ok() ? state.value() : state.status().message();
}

}  // namespace vers::acceptance
