// Fault injection in vers-local (POST /_admin/faults): errors, cut
// connections, lost answers, latency and slow boots on its /api/v1, until
// cleared. A step's pre_config injects, its after_command clears.
#pragma once

#include <string>

#include "actions.h"

namespace vers::acceptance {

// Sets vers-local's faults to FAULTS, a JSON object such as
// {"error_rate":0.1,"status":503,"lose_response_rate":0.5} (the admin API's
// fields); throws when vers-local refuses it.
Action InjectFaults(std::string faults);
// No faults any more.
Action ClearFaults();

}  // namespace vers::acceptance
