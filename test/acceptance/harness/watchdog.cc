#include "watchdog.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "process.h"

namespace vers::acceptance {
namespace {

// /proc/PID/stat's parent pid (the field after the parenthesised name).
pid_t ParentOf(const std::string& pid) {
  std::string stat = ReadFile("/proc/" + pid + "/stat");
  auto close = stat.rfind(')');
  if (close == std::string::npos || close + 4 > stat.size()) return -1;
  return std::atoi(stat.c_str() + close + 4);  // ") S PPID"
}

std::vector<pid_t> Descendants(pid_t root) {
  std::vector<std::pair<pid_t, pid_t>> all;  // pid, parent
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    all.emplace_back(std::atoi(name.c_str()), ParentOf(name));
  }
  std::vector<pid_t> found{root};
  for (size_t i = 0; i < found.size(); ++i)
    for (auto [pid, parent] : all)
      if (parent == found[i]) found.push_back(pid);
  found.erase(found.begin());
  return found;
}

std::string CommandLine(pid_t pid) {
  std::string cmdline = ReadFile("/proc/" + std::to_string(pid) + "/cmdline");
  for (char& c : cmdline)
    if (c == '\0') c = ' ';
  return cmdline.substr(0, 160);
}

}  // namespace

void PrintProcessTree() {
  for (pid_t pid : Descendants(::getpid())) {
    std::string cmdline = CommandLine(pid);
    std::cerr << "  " << pid << " " << cmdline << "\n";
    if (cmdline.find("terraform-provider-vers") == std::string::npos &&
        cmdline.find("vers-local") == std::string::npos &&
        cmdline.find("vergeio-local") == std::string::npos)
      continue;
    auto stacks = RunToEnd({.argv = {"timeout", "30", "gdb", "-p", std::to_string(pid), "-batch",
                                     "-ex", "thread apply all bt 12"}});
    std::cerr << "=== threads of pid " << pid << "\n"
              << (stacks.ok() ? stacks.value().output : stacks.status().message()) << "\n";
  }
}

Watchdog::Watchdog(int seconds) {
  if (seconds <= 0) {
    const char* env = std::getenv("E2E_WATCHDOG_SECONDS");
    seconds = env ? std::atoi(env) : 480;
  }
  thread_ = std::thread([this, seconds] { Watch(seconds); });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  thread_.join();
}

void Watchdog::Watch(int seconds) {
  std::unique_lock lock(mutex_);
  if (stop_cv_.wait_for(lock, std::chrono::seconds(seconds), [this] { return stop_; })) return;
  std::cerr << "=== watchdog: the test still runs after " << seconds << "s; its processes:\n";
  PrintProcessTree();
}

}  // namespace vers::acceptance
