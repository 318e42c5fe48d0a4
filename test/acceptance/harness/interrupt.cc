#include "interrupt.h"

#include <signal.h>

#include <filesystem>
#include <sstream>

#include "checks.h"
#include "process_tree.h"

namespace vers::acceptance {
namespace {

namespace fs = std::filesystem;

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
