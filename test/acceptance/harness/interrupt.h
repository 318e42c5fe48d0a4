// Ctrl-C in the middle of an apply: SIGINT to the CLI alone, as a terminal
// sends it, at a moment the backend's state chooses.
#pragma once

#include <functional>

#include "actions.h"

namespace vers::acceptance {

// Starts `apply -auto-approve` in the step's directory (its output to
// interrupted.out), sends it SIGINT once READY holds (asked every 100 ms;
// after 20 s it is sent anyway, and the checks then tell what was found),
// and waits for it: its exit code and output become ctx.last.
Action ApplyInterruptedWhen(std::function<bool(Context&)> ready);

}  // namespace vers::acceptance
