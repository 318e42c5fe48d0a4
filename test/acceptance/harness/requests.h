// vers-local's request counts as checks: GET /_admin/requests answers the
// authorized /api/v1 requests served so far by the spec's operationId
// ("create_new_root_vm": 2, …, "total": N). A step marks the counts (as
// its pre_config, or as a check) and later compares what happened since.
#pragma once

#include <string>
#include <vector>

#include "actions.h"

namespace vers::acceptance {

// Remembers the counts now under LABEL.
Action MarkRequests(std::string label);
// The same, as a check (between other checks).
Check MarkRequestsHere(std::string label);
// The requests of OPERATIONS made since MarkRequests(LABEL) number EXPECTED.
Check RequestsSince(std::string label, std::vector<std::string> operations, long expected);

// The operations that make a VM, run a command in one (they need its key) or
// take a commit: what a build does and a cache hit must not.
const std::vector<std::string>& VmWorkOperations();

}  // namespace vers::acceptance
