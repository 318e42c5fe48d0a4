// kill -9 of the provider in the middle of the step's command, as an
// out-of-memory kill or a lost machine does: the CLI is left running and
// sees its plugin vanish, so nothing records what the provider was making.
// The moment is any Moment (interrupt.h), e.g. one read from vers-local's
// state (vers_moments.h).
#pragma once

#include <string>

#include "interrupt.h"

namespace vers::acceptance {

// A while_running action: waits (up to 60 s, or until the CLI ends) for
// MOMENT, sends SIGKILL to every child of the CLI whose program is PROGRAM
// (ProgramOf in process_tree.h; the CLI runs the provider itself), then waits
// (up to 60 s: a bound on a hang, not a timing) for the CLI to end. It kills
// the provider also when the moment never came, so the step cannot hang.
// It records in {{kill_moment}} "reached" or what never happened, and in
// {{provider_kill}} "killed" when it found and killed the provider and the
// CLI then ended, else what went wrong (the CLI and every process under it
// are then killed, so nothing runs on).
Action KillProviderAt(Moment moment, std::string program = "terraform-provider-vers");

// The check that the moment came before the kill.
Check KillMomentReached();
// The check that the provider was found running under the CLI, was killed,
// and the CLI ended after it.
Check ProviderKilled();

}  // namespace vers::acceptance
