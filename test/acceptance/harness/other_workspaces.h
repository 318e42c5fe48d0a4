// Checks in another workspace of the same case: a step's subdir, or the
// case's own directory (""), e.g. to compare two workspaces' outputs.
#pragma once

#include <string>

#include "actions.h"

namespace vers::acceptance {

// The case's workspace SUBDIR ("" for its own directory), with the
// environment of ctx's workspace.
Workspace CaseWorkspace(const Context& ctx, const std::string& subdir);

// Copies FILE of the case's workspace FROM ("" for its own directory) into
// the step's directory (e.g. a file an import workspace's configuration reads).
Action CopyFrom(std::string from, std::string file);

// CHECK run in the case's workspace SUBDIR instead of the step's.
Check In(std::string subdir, Check check);

}  // namespace vers::acceptance
