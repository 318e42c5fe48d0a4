// vers_vergeio_vm_settings' destroy (putting back the `original` values when
// restore_on_destroy is set) and import (which settings to manage).
#include "resources/framework.h"
#include "resources/vergeio_common.h"
#include "resources/vergeio_vm_settings.h"

namespace vers::resources {

namespace {
const VergeioVmSettingsAttrs& kA = kVmSettings;
}  // namespace

void VergeioVmSettings::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  if (!values::Get(req.state, kA.restore_on_destroy).value_or(false)) return;
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VergeioClient* api = ctx.Vergeio(resp.diagnostics);
  if (api == nullptr) return;
  auto original = values::Get(req.state, kA.original).value_or(schema::StringMap{});
  auto recorded = [&original](const auto& attr) -> std::optional<std::string> {
    auto it = original.find(attr.name());
    return it == original.end() ? std::nullopt : std::optional(it->second);
  };
  client::VergeioVmPatch p;
  try {
    if (auto v = recorded(kA.cpu_cores)) p.cpu_cores = std::stoll(*v);
    if (auto v = recorded(kA.ram)) p.ram = std::stoll(*v);
  } catch (const std::exception&) {
    return resp.diagnostics.AddError("Cannot restore settings", "The recorded values are corrupt.");
  }
  p.cpu_type = recorded(kA.cpu_type);
  p.description = recorded(kA.description);
  p.advanced = recorded(kA.advanced);
  auto d = VergeioDeadline(ctx, req.state, "delete");
  std::string id = values::Get(req.state, kA.id).value_or("");
  auto vm = api->FindVm(id, d);
  if (!vm.ok() && vm.status().is_not_found()) return;  // the VM is gone: nothing to put back
  if (!vm.ok()) return resp.diagnostics.AddError("Cannot restore settings", vm.status().message());
  auto after = api->UpdateVm(vm.value().key, p, d);
  if (!after.ok() && !after.status().is_not_found())
    return resp.diagnostics.AddError("Cannot restore the settings of VM " + vm.value().name,
                                     after.status().message());
  if (after.ok()) ReportUnapplied(vm.value(), p, after.value(), resp.diagnostics);
}

// "<vm key or name>:<setting>,<setting>…": which settings to manage.
void VergeioVmSettings::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  size_t colon = req.id.find(':');
  std::string vm = req.id.substr(0, colon);
  values::ObjectBuilder out(ImportById(GetSchema(), vm));
  out.Set(kVergeioVm.vm, vm).Set(kA.restore_on_destroy, false);
  std::string rest = colon == std::string::npos ? "" : req.id.substr(colon + 1);
  for (const auto& f : SplitImportList(rest)) {
    // Any value marks a setting managed; Read fills the real one.
    bool known = false;
    auto manage = [&](const auto& attr, const auto& any) {
      if (f != attr.name()) return;
      out.Set(attr, any);
      known = true;
    };
    manage(kA.cpu_cores, 0);
    manage(kA.ram, 0);
    manage(kA.cpu_type, "");
    manage(kA.description, "");
    manage(kA.advanced, "");
    if (!known) {
      resp.diagnostics.AddError("Invalid import id",
                                "\"" + f +
                                    "\" is not one of cpu_cores, ram, cpu_type, "
                                    "description, advanced.");
      return;
    }
  }
  resp.state = out.Build();
}

}  // namespace vers::resources
