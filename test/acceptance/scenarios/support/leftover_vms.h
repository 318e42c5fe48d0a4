// vers_killed_provider's checks: the VMs a killed provider made that no state
// records (leftovers), found as docs/guides/leftovers.md says.
#pragma once

#include "actions.h"

namespace vers::acceptance {

// vers-local holds more VMs than the state's vers_vm and vers_vm_restore
// resources; remembers how many more as {{leftovers}}.
Check VmsOutsideState();

// In the step's workspace: the ids its root output OUTPUT lists (data
// "vers_vms" filtered by the provider's labels) that the case's own state
// does not hold as a vers_vm_restore number {{leftovers}}; remembers them as
// {{not_in_state}} (space-separated) and the first as {{a_leftover}} (when
// there is none, a text no output holds).
Check LabelsFindEveryLeftover(std::string output);

// Deletes each VM of {{not_in_state}} through the Vers API (DELETE
// /api/v1/vm/<id>, as the destroy's message says); throws when one fails.
Action RemoveLeftovers();

}  // namespace vers::acceptance
