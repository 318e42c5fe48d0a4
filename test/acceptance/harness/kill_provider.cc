#include "kill_provider.h"

#include <signal.h>

#include "checks.h"
#include "process_tree.h"

namespace vers::acceptance {

Action KillProviderAt(Moment moment, std::string program) {
  return [=](Context& ctx) {
    pid_t cli = ctx.running;
    bool reached = Await(600, [&] { return Ended(cli) || moment.reached(ctx); }) && !Ended(cli);
    ctx.vars["kill_moment"] = reached ? "reached" : moment.what + " never came";
    int killed = 0;
    for (pid_t child : ChildrenOf(cli)) {
      if (ProgramOf(child) != program) continue;
      ::kill(child, SIGKILL);
      ++killed;
    }
    if (!Await(600, [&] { return Ended(cli); })) {
      ctx.vars["provider_kill"] = "the CLI still ran 60 s after its provider was killed (killed)";
      KillTree(cli);
    } else if (killed == 0) {
      ctx.vars["provider_kill"] = "no " + program + " ran under the CLI";
    } else {
      ctx.vars["provider_kill"] = "killed";
    }
  };
}

Check KillMomentReached() {
  return That("the moment to kill the provider came before the kill",
              [](Context& ctx) { return Same(ctx.vars["kill_moment"], "reached"); });
}

Check ProviderKilled() {
  return That("the provider was found running under the CLI and killed, and the CLI ended",
              [](Context& ctx) { return Same(ctx.vars["provider_kill"], "killed"); });
}

}  // namespace vers::acceptance
