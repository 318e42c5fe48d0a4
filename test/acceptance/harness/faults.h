// Fault injection in vers-local (POST /_admin/faults): errors, cut
// connections, lost answers, latency, slow boots and idle timeouts on its
// API and SSH front, until cleared. The one way scenarios inject faults.
#pragma once

#include <string>

#include "actions.h"

namespace vers::acceptance {

// Sets vers-local's faults to FAULTS (expanded: "{{base}}"), a JSON object of
// the admin API's fields such as
// {"error_rate":0.1,"status":503,"lose_response_rate":0.5} or
// {"ssh_cut_after_bytes":3145728}; throws when vers-local refuses it.
Action InjectFaults(std::string faults);
// No faults any more.
Action ClearFaults();
// STEP run with FAULTS injected before its configuration is written (before
// its own pre_config) and cleared right after its command (before its own
// after_command and its checks).
Step UnderFaults(Step step, std::string faults);

}  // namespace vers::acceptance
