// provider_core's checks that read more than one value.
#pragma once

#include <string>

#include "checks.h"

namespace vers::acceptance {

// Runs `plan` with TF_LOG=trace and VERS_API_KEY=SECRET as the step's output.
// The CLI copies plugin stderr into its log asynchronously and may exit
// before the last lines are copied when the machine is busy: up to five
// runs, until the log has the provider's "provider configured:" and
// "plugin serving:" lines.
Check TracePlan(std::string secret);

// `providers schema -json` gives the provider's contract: its settings, their
// types, sensitivity and markdown descriptions, and vers_endpoint's
// attributes all computed.
Check SchemaMatchesContract();

// The step's `validate -json` output: invalid, with one error, "Invalid
// base_url", whose snippet is the base_url line and whose detail names https
// and loopback.
Check OneDiagnosticOnBaseUrl();

// The provider binary run by hand exits 1 and explains dev_overrides.
Check RunByHandExplains();

}  // namespace vers::acceptance
