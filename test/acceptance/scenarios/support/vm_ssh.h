// Running a command in one of vers-local's VMs over SSH, as a user would:
// the VM's key from GET /vm/{id}/ssh_key, SSH over vers-local's TLS front
// (openssl s_client as the ProxyCommand, SNI naming the VM), as lib.sh did.
#pragma once

#include <string>

#include "test_case.h"

namespace vers::acceptance {

// Runs COMMAND as root in VM_ID; OK when it exits 0, else what it printed.
Status RunInVm(Context& ctx, const std::string& vm_id, const std::string& command);

}  // namespace vers::acceptance
