#include "interrupt.h"

#include <signal.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace vers::acceptance {

Action ApplyInterruptedWhen(std::function<bool(Context&)> ready) {
  return [=](Context& ctx) {
    auto started = ctx.workspace.Start({"apply", "-auto-approve"}, {}, "interrupted.out");
    if (!started.ok()) throw std::runtime_error(started.status().message());
    ChildProcess& apply = started.value();
    for (int i = 0; i < 200 && apply.Running() && !ready(ctx); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ctx.last.exit_code = apply.Stop(SIGINT);
    ctx.last.output = ReadFile(ctx.workspace.dir() + "/interrupted.out");
  };
}

}  // namespace vers::acceptance
