#include "resources/vm_running.h"

#include "base/log.h"
#include "resources/framework.h"
#include "resources/vm_common.h"

namespace vers::resources {

Status WithVmRunning(client::VersClient& api, const ProviderContext& ctx, const std::string& vm_id,
                     client::Deadline deadline, const std::function<void()>& body) {
  auto vm = api.GetVmStatus(vm_id, deadline);
  if (!vm.ok() && vm.status().is_not_found())
    return Status::NotFound("VM " + vm_id + " no longer exists");
  if (!vm.ok()) return vm.status();
  const std::string state = vm.value().state;
  if (state == "dead") return Status::NotFound("VM " + vm_id + " is dead");
  if (state != "paused") {
    body();
    return Status::Ok();
  }
  log::Info("resuming the paused VM to run commands on it", {{"vm_id", vm_id}});
  Status s = api.SetVmState(vm_id, "Running", deadline);
  if (s.ok()) s = WaitForVmState(api, ctx, vm_id, "running", deadline);
  if (!s.ok()) return s.Annotate("VM " + vm_id + " is paused and could not be resumed: ");
  body();
  // Paused again whatever `body` did; after a Ctrl-C the API may refuse,
  // and the error says the VM was left running.
  s = api.SetVmState(vm_id, "Paused", deadline);
  if (s.ok()) s = WaitForVmState(api, ctx, vm_id, "paused", deadline);
  if (!s.ok())
    return s.Annotate("VM " + vm_id +
                      " was resumed to run commands and could not be paused again: ");
  return Status::Ok();
}

}  // namespace vers::resources
