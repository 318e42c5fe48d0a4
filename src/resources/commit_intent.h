// CommitIntent: what a vers_vm_commit asks for, as the stable key from which
// the client derives the commit ids it requests (base/uuid.h).
#pragma once

#include <string>

#include "plugin/cty/value.h"
#include "resources/framework.h"

namespace vers::resources {

// The VM and the inputs the commit is taken with (keep_paused, name,
// description, triggers), each part prefixed by its length so that no two
// plans encode the same. An apply killed after the API took the commit asks
// for the same ids when applied again and finds that commit instead of
// taking a second (issue 10, item 2).
std::string CommitIntent(const cty::Value& plan, const std::string& vm_id);

}  // namespace vers::resources
