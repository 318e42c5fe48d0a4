#include "resources/vergeio_common.h"

#include "plugin/schema/timeouts.h"

namespace vers::resources {

const VergeioVmAttrs kVergeioVm;

client::Deadline VergeioDeadline(provider::VersContext& ctx, const cty::Value& resource,
                                 const std::string& op) {
  return std::chrono::steady_clock::now() +
         schema::TimeoutFor(
             resource, op,
             std::chrono::duration_cast<std::chrono::milliseconds>(ctx.vergeio_timeout()));
}

std::optional<client::VergeioVm> ResolveVm(client::VergeioClient& api, const cty::Value& resource,
                                           client::Deadline d, Diagnostics& diags) {
  std::string ref = values::Get(resource, kVergeioVm.vm).value_or("");
  auto vm = api.FindVm(ref, d);
  if (!vm.ok()) {
    diags.AddError("Cannot find VergeIO VM \"" + ref + "\"", vm.status().message(),
                   kVergeioVm.vm.path());
    return std::nullopt;
  }
  return vm.value();
}

}  // namespace vers::resources
