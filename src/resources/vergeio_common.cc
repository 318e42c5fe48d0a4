#include "resources/vergeio_common.h"

#include "plugin/schema/timeouts.h"
#include "resources/framework.h"

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

std::optional<client::VergeioVm> FindVmForRead(client::VergeioClient& api, const std::string& id,
                                               client::Deadline d, ReadResponse& resp) {
  auto vm = api.FindVm(id, d);
  if (!vm.ok() && vm.status().is_not_found()) {
    resp.removed = true;
    return std::nullopt;
  }
  if (!vm.ok()) {
    resp.diagnostics.AddError("Cannot read VM", vm.status().message());
    return std::nullopt;
  }
  return vm.value();
}

std::vector<std::string> SplitImportList(const std::string& list) {
  std::vector<std::string> pieces;
  for (size_t start = 0; start < list.size();) {
    size_t comma = list.find(',', start);
    pieces.push_back(
        list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return pieces;
}

}  // namespace vers::resources
