#include "support/leftover_vms.h"

#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "checks.h"
#include "other_workspaces.h"

namespace vers::acceptance {

Check VmsOutsideState() {
  return That("the killed apply left VMs the state does not have", [](Context& ctx) -> Status {
    auto resources = ctx.workspace.Resources();
    if (!resources.ok()) return resources.status();
    static const std::regex kVm("vers_vm(_restore)?\\..*");
    int in_state = 0;
    for (const auto& [address, attributes] : resources.value())
      in_state += std::regex_match(address, kVm) ? 1 : 0;
    int leftovers = ctx.vers->VmCount() - in_state;
    ctx.vars["leftovers"] = std::to_string(leftovers);
    if (leftovers >= 1) return Status::Ok();
    return Status::Error(std::to_string(in_state) + " VMs in the state, vers-local holds " +
                         ctx.vers->Counters());
  });
}

Check LabelsFindEveryLeftover(std::string output) {
  return That("the labels find every VM the state lacks", [=](Context& ctx) -> Status {
    auto outputs = ctx.workspace.Outputs();
    if (!outputs.ok()) return outputs.status();
    auto resources = CaseWorkspace(ctx, "").Resources();
    if (!resources.ok()) return resources.status();
    std::set<std::string> in_state;
    for (const auto& [address, attributes] : resources.value())
      if (address.starts_with("vers_vm_restore.") && attributes.contains("id"))
        in_state.insert(attributes.at("id"));
    std::string not_in_state;
    int count = 0;
    ctx.vars["a_leftover"] = "(no leftover found)";  // no output holds it
    for (const auto& [key, id] : Under(outputs.value(), output)) {
      if (key == "#" || in_state.contains(id)) continue;
      not_in_state += (not_in_state.empty() ? "" : " ") + id;
      if (count++ == 0) ctx.vars["a_leftover"] = id;
    }
    ctx.vars["not_in_state"] = not_in_state;
    return Same(std::to_string(count), ctx.vars["leftovers"]);
  });
}

Action RemoveLeftovers() {
  return [](Context& ctx) {
    std::istringstream ids(ctx.Expand("{{not_in_state}}"));
    for (std::string id; ids >> id;) {
      auto removed = ctx.vers->Api("DELETE", "/vm/" + id);
      if (!removed.ok())
        throw std::runtime_error("DELETE /vm/" + id + ": " + removed.status().message());
    }
  };
}

}  // namespace vers::acceptance
