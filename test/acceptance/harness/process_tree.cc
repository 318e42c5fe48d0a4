#include "process_tree.h"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "process.h"

namespace vers::acceptance {

namespace fs = std::filesystem;

std::vector<std::string> Pids() {
  std::vector<std::string> pids;
  std::error_code ec;
  for (auto it = fs::directory_iterator("/proc", ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::string pid = it->path().filename();
    if (pid.find_first_not_of("0123456789") == std::string::npos) pids.push_back(pid);
  }
  return pids;
}

std::vector<pid_t> ChildrenOf(pid_t parent) {
  std::vector<pid_t> children;
  for (const std::string& pid : Pids()) {
    std::string stat = ReadFile("/proc/" + pid + "/stat");
    size_t close = stat.rfind(')');
    if (close == std::string::npos || close + 4 >= stat.size()) continue;
    // After "comm) S ": the parent's pid.
    if (std::stol(stat.substr(close + 4)) == parent) children.push_back(std::stoi(pid));
  }
  return children;
}

std::string ProgramOf(pid_t pid) {
  std::string cmdline = ReadFile("/proc/" + std::to_string(pid) + "/cmdline");
  std::string argv0 = cmdline.substr(0, cmdline.find('\0'));
  return fs::path(argv0).filename().string();
}

void KillTree(pid_t pid) {
  for (pid_t child : ChildrenOf(pid)) KillTree(child);
  ::kill(pid, SIGKILL);
}

bool Ended(pid_t pid) {
  siginfo_t info{};
  if (::waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) return true;
  return info.si_pid == pid;
}

bool Await(int tenths, const std::function<bool()>& done) {
  for (int i = 0; i < tenths; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

}  // namespace vers::acceptance
