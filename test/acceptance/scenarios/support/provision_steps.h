// The vers_provision scenarios' failure steps (the bash tests' fail_case).
#pragma once

#include <cstdint>
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

// A case's setup: payload/big.bin (BIG_SIZE random bytes), payload/tree/a.txt
// ("one"), payload/tree/sub/tool.sh (executable, prints tool-ran), their
// {{sha:…}} and {{size:…}}, and {{bytes}}: what a summary counts for them
// with the 10-byte inline file "secret=42\n".
std::function<void(Context&)> MakeProvisionPayload(std::uint64_t big_size);

// Root output "summary" (vers_provision's summary) holds TEXT (expanded).
Check SummaryHolds(std::string text);

}  // namespace vers::acceptance
