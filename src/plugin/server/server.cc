// Server: the type lookups and diagnostics every RPC shares.
#include "plugin/server/server.h"

namespace tfplugin::server {

Server::Server(std::unique_ptr<Provider> provider, ProviderIdentity identity)
    : provider_(std::move(provider)), identity_(std::move(identity)) {}

const Resource* Server::FindResource(const std::string& type_name, Diagnostics& diags) const {
  for (const auto& r : provider_->Resources()) {
    if (r->TypeName() == type_name) return r.get();
  }
  diags.AddError("Unknown resource type",
                 "This provider has no resource type \"" + type_name + "\".");
  return nullptr;
}

const DataSource* Server::FindDataSource(const std::string& type_name, Diagnostics& diags) const {
  for (const auto& d : provider_->DataSources()) {
    if (d->TypeName() == type_name) return d.get();
  }
  diags.AddError("Unknown data source", "This provider has no data source \"" + type_name + "\".");
  return nullptr;
}

const EphemeralResource* Server::FindEphemeral(const std::string& type_name,
                                               Diagnostics& diags) const {
  for (const auto& e : provider_->EphemeralResources()) {
    if (e->TypeName() == type_name) return e.get();
  }
  diags.AddError("Unknown ephemeral resource",
                 "This provider has no ephemeral resource \"" + type_name + "\".");
  return nullptr;
}

const schema::Schema* Server::ResourceSchema(const std::string& type_name,
                                             Diagnostics& diags) const {
  const Resource* r = FindResource(type_name, diags);
  return r != nullptr ? &r->GetSchema() : nullptr;
}

const schema::Schema* Server::DataSourceSchema(const std::string& type_name,
                                               Diagnostics& diags) const {
  const DataSource* d = FindDataSource(type_name, diags);
  return d != nullptr ? &d->GetSchema() : nullptr;
}

const schema::Schema* Server::EphemeralSchema(const std::string& type_name,
                                              Diagnostics& diags) const {
  const EphemeralResource* e = FindEphemeral(type_name, diags);
  return e != nullptr ? &e->GetSchema() : nullptr;
}

ProviderContext* Server::RequireContext(Diagnostics& diags) const {
  ProviderContext* ctx = provider_->GetContext();
  if (ctx == nullptr) {
    diags.AddError("Provider not configured",
                   "The " + identity_.name +
                       " provider was asked to act before it was configured. This is a bug in "
                       "the calling program; please report it.");
  }
  return ctx;
}

Diagnostics Server::NotSupported(const std::string& feature) const {
  Diagnostics diags;
  diags.AddError(feature + " not supported",
                 "The " + identity_.name + " provider does not offer " + feature + ".");
  return diags;
}

Diagnostics Server::InternalError(const std::string& rpc, const std::string& what) const {
  Diagnostics diags;
  diags.AddError("Internal error in the provider",
                 rpc + " failed: " + what + ". This is a bug in " + identity_.program +
                     "; please report it with the configuration that caused it.");
  return diags;
}

void AddCodecError(Diagnostics& diags, const std::string& what, const Status& status) {
  diags.AddError("Invalid " + what,
                 "The provider could not process the " + what +
                     " it was sent: " + status.message() +
                     ". This usually means Terraform/OpenTofu and the provider disagree on the "
                     "schema; run `init -upgrade` and try again, and report it if it persists.");
}

}  // namespace tfplugin::server
