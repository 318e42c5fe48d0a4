#include "plugin/rpc/service.h"

namespace vers::rpc {

ProviderService::ProviderService(std::unique_ptr<Provider> provider)
    : provider_(std::move(provider)) {}

const Resource* ProviderService::FindResource(const std::string& type_name,
                                              Diagnostics& diags) const {
  for (const auto& r : provider_->Resources()) {
    if (r->TypeName() == type_name) return r.get();
  }
  diags.AddError("Unknown resource type",
                 "This provider has no resource type \"" + type_name + "\".");
  return nullptr;
}

const DataSource* ProviderService::FindDataSource(const std::string& type_name,
                                                  Diagnostics& diags) const {
  for (const auto& d : provider_->DataSources()) {
    if (d->TypeName() == type_name) return d.get();
  }
  diags.AddError("Unknown data source", "This provider has no data source \"" + type_name + "\".");
  return nullptr;
}

const EphemeralResource* ProviderService::FindEphemeral(const std::string& type_name,
                                                        Diagnostics& diags) const {
  for (const auto& e : provider_->EphemeralResources()) {
    if (e->TypeName() == type_name) return e.get();
  }
  diags.AddError("Unknown ephemeral resource",
                 "This provider has no ephemeral resource \"" + type_name + "\".");
  return nullptr;
}

ProviderContext* ProviderService::RequireContext(Diagnostics& diags) {
  ProviderContext* ctx = provider_->GetContext();
  if (ctx == nullptr) {
    diags.AddError("Provider not configured",
                   "The vers provider was asked to act before it was configured. This is a bug in "
                   "the calling program; please report it.");
  }
  return ctx;
}

void AddCodecError(Diagnostics& diags, const std::string& what, const vers::Status& status) {
  diags.AddError("Invalid " + what,
                 "The provider could not process the " + what +
                     " it was sent: " + status.message() +
                     ". This usually means Terraform/OpenTofu and the provider disagree on the "
                     "schema; run `init -upgrade` and try again, and report it if it persists.");
}

bool DecodeAll(
    Diagnostics& diags, const std::string& what, const cty::Type& type,
    std::initializer_list<std::pair<const tfplugin6::DynamicValue*, cty::Value*>> values) {
  for (const auto& [wire_value, out] : values) {
    auto decoded = wire::DecodeDynamic(*wire_value, type);
    if (!decoded.ok()) {
      AddCodecError(diags, what, decoded.status());
      return false;
    }
    *out = std::move(decoded).value();
  }
  return true;
}

}  // namespace vers::rpc
