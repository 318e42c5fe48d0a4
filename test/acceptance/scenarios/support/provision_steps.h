// The vers_provision scenarios' failure steps (the bash tests' fail_case).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "test_case.h"

namespace vers::acceptance {

// A step applying only vers_provision.NAME, written to fail_NAME.tf from HCL
// (with EXTRA_FILES beside it), which must fail: the apply fails with an
// error, its output holds each of TEXTS (line wrapping ignored), nothing is
// recorded in the state, then CHECKS; fail_NAME.tf is removed after the
// command, so later steps do not see it.
Step ProvisionFails(std::string name, std::string hcl, std::vector<std::string> texts,
                    std::vector<Check> checks = {},
                    std::map<std::string, std::string> extra_files = {});

// Root output "summary" (vers_provision's summary) holds TEXT (expanded).
Check SummaryHolds(std::string text);

}  // namespace vers::acceptance
