// Checks in another workspace of the same case: a step's subdir, or the
// case's own directory (""), e.g. to compare two workspaces' outputs.
#pragma once

#include <string>

#include "test_case.h"

namespace vers::acceptance {

// The case's workspace SUBDIR ("" for its own directory), with the
// environment of ctx's workspace.
Workspace CaseWorkspace(const Context& ctx, const std::string& subdir);

// CHECK run in the case's workspace SUBDIR instead of the step's.
Check In(std::string subdir, Check check);

}  // namespace vers::acceptance
