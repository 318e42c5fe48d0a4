#include "interrupt.h"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>
#include <vector>

#include "checks.h"
#include "process.h"

namespace vers::acceptance {
namespace {

namespace fs = std::filesystem;

// Whether `pid` (a child of ours) has ended, leaving it to be reaped by its owner.
bool Ended(pid_t pid) {
  siginfo_t info{};
  if (::waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) return true;
  return info.si_pid == pid;
}

// Waits up to `tenths` tenths of a second for `done`; whether it came.
bool Await(int tenths, const std::function<bool()>& done) {
  for (int i = 0; i < tenths; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

// The numeric entries of /proc (processes end while we look: only what is
// found counts).
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

// SIGKILL to `pid`'s descendants, then to it.
void KillTree(pid_t pid) {
  for (pid_t child : ChildrenOf(pid)) KillTree(child);
  ::kill(pid, SIGKILL);
}

bool OpenedBySome(const fs::path& wanted) {
  for (const std::string& pid : Pids()) {
    std::error_code ec;
    fs::path fds = "/proc/" + pid + "/fd";
    for (auto it = fs::directory_iterator(fds, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      std::error_code link_ec;
      if (fs::read_symlink(it->path(), link_ec) == wanted) return true;
    }
  }
  return false;
}

}  // namespace

Action InterruptAt(Moment moment) {
  return [moment](Context& ctx) {
    pid_t cli = ctx.running;
    bool reached = Await(600, [&] { return Ended(cli) || moment.reached(ctx); }) && !Ended(cli);
    ctx.vars["interrupt_moment"] = reached ? "reached" : moment.what + " never came";
    ::kill(cli, SIGINT);
    if (Await(600, [&] { return Ended(cli); })) {
      ctx.vars["interrupt"] = "stopped";
    } else {
      ctx.vars["interrupt"] = "the command still ran 60 s after SIGINT (killed)";
      KillTree(cli);
    }
  };
}

Moment FileOpened(std::string path) {
  return {"a process opened " + path, [path](Context& ctx) {
            std::error_code ec;
            return OpenedBySome(fs::weakly_canonical(ctx.workspace.dir() + "/" + path, ec));
          }};
}

Moment VersVmsAtLeast(int count) {
  return {"vers-local held " + std::to_string(count) + " VMs",
          [count](Context& ctx) { return ctx.vers->VmCount() >= count; }};
}

Moment VersTagsAtLeast(int count) {
  return {"vers-local held " + std::to_string(count) + " commit tags", [count](Context& ctx) {
            std::istringstream counters(ctx.vers->Counters());  // "vms commits tags"
            int vms = 0, commits = 0, tags = -1;
            counters >> vms >> commits >> tags;
            return counters && tags >= count;
          }};
}

Check MomentReached() {
  return That("the moment to interrupt came before the SIGINT",
              [](Context& ctx) { return Same(ctx.vars["interrupt_moment"], "reached"); });
}

Check StoppedByInterrupt() {
  return That("SIGINT ended the command",
              [](Context& ctx) { return Same(ctx.vars["interrupt"], "stopped"); });
}

}  // namespace vers::acceptance
