#include "local/freezer.h"

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>
#include <vector>

#include "local/fs.h"

namespace vers::local {
namespace {

std::vector<pid_t> CgroupPids(const std::string& dir) {
  std::vector<pid_t> out;
  auto text = ReadFile(dir + "/cgroup.procs");
  if (!text.ok()) return out;
  std::istringstream in(text.value());
  pid_t p;
  while (in >> p) out.push_back(p);
  return out;
}

}  // namespace

std::string FreezerDir(const std::string& vm_id) {
  return std::string(kFreezerRoot) + "/vers-local/" + vm_id;
}

Status SetFreezerState(const std::string& dir, const char* state) {
  std::string f = dir + "/freezer.state";
  if (Status st = WriteFileInPlace(f, state); !st.ok()) return st;
  for (int i = 0; i < 500; ++i) {
    auto now = ReadFile(f);
    if (now.ok() && now.value().rfind(state, 0) == 0) return Status::Ok();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return Status::Error(std::string("timed out setting freezer to ") + state);
}

void KillEverythingIn(const std::string& dir) {
  if (!PathExists(dir)) return;
  for (int round = 0; round < 200; ++round) {
    // A freezer that cannot be set is retried on the next round.
    static_cast<void>(SetFreezerState(dir, "FROZEN"));
    auto pids = CgroupPids(dir);
    for (pid_t p : pids) ::kill(p, SIGKILL);
    static_cast<void>(SetFreezerState(dir, "THAWED"));
    if (pids.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::rmdir(dir.c_str());
}

}  // namespace vers::local
