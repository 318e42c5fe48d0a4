// Applies run at the same time in several workspaces of a case (e.g. two
// teams building the same image layer): a kNone step's pre_config.
#pragma once

#include <string>
#include <vector>

#include "actions.h"

namespace vers::acceptance {

// Starts `apply -auto-approve` in each of the case's workspaces SUBDIRS at
// once (their output to SUBDIR/concurrent-apply.out), runs WHILE_RUNNING
// (e.g. to let them go on once they all wait), then waits for every one;
// their exit codes become {{exit:SUBDIR}}.
Action ApplyConcurrently(std::vector<std::string> subdirs, Action while_running);

// The apply ApplyConcurrently ran in SUBDIR succeeded.
Check ConcurrentApplySucceeded(std::string subdir);

}  // namespace vers::acceptance
