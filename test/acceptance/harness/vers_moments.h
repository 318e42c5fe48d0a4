// Moments (interrupt.h) read from vers-local's state, for InterruptAt and
// KillProviderAt; VersVmsAtLeast is in interrupt.h.
#pragma once

#include <string>

#include "interrupt.h"

namespace vers::acceptance {

// The moment vers-local holds at least COUNT commits (its admin counters).
Moment VersCommitsAtLeast(int count);

// The moment the Vers API lists (GET /api/v1/vms) at least COUNT VMs whose
// label KEY is VALUE.
Moment VersVmsLabelled(std::string key, std::string value, int count);

}  // namespace vers::acceptance
