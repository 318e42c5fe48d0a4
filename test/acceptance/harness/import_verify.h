// ImportStateVerify: a step's resources imported into a fresh state, with the
// same configuration, must read back every attribute the apply recorded.
#pragma once

#include <string>

#include "test_case.h"

namespace vers::acceptance {

// OK when `applied` and `imported` hold the same attributes with the same
// values, but those named in `ignore` or under them ("labels" ignores
// "labels.env"); else every difference, one per line.
Status CompareAttributes(const FlatMap& applied, const FlatMap& imported,
                         const std::vector<std::string>& ignore);

// Imports step.imports into a new workspace beside ctx.workspace (named
// after `tag`) holding copies of its *.tf and *.tfvars files; reports each
// import, each attribute that differs (but the ignored ones), the plan of
// the imported state (empty unless step.import_plan_empty is false) and
// step.import_checks. With step.keep_imported_state, the imported state
// replaces ctx.workspace's.
void VerifyImports(Context& ctx, const Step& step, const std::string& tag);

}  // namespace vers::acceptance
