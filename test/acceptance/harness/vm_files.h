// Looking into vers-local's VMs from the host, and at their state.
#pragma once

#include <string>

#include "test_case.h"

namespace vers::acceptance {

// The VM's writable layer as the host sees it. It lives on the VM's own
// disk, mounted only in the mount namespace of the VM's sandbox helper (the
// oldest process named after the VM), hence /proc/PID/root.
std::string VmUpper(const Context& ctx, const std::string& vm_id);

// The VM's state as the API reports it ("running", "paused", …; the error
// message when it cannot be read).
std::string VmState(const Context& ctx, const std::string& vm_id);

}  // namespace vers::acceptance
