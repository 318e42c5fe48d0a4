// The vergeio scenario's later steps: changes, faults and bad input.
#pragma once

#include <vector>

#include "test_case.h"

namespace vers::acceptance {

// A metadata change moves only its tag; a setting that does not take; lost
// answers; a half-made create; drift; retries.
std::vector<Step> VergeioChangesAndFaults();

// Diagnostics for bad input and a missing password; then the configuration
// the final destroy uses.
std::vector<Step> VergeioBadInput();

}  // namespace vers::acceptance
