// Validate*Config: the schema's validators, then the type's own checks.
#include "plugin/schema/walk.h"
#include "plugin/server/server.h"

namespace tfplugin::server {

namespace {
// Runs the schema's validators on `config` and then `validate`.
template <typename Validate>
Diagnostics ValidateWith(const schema::Schema& schema, const cty::Value& config,
                         Validate validate) {
  Diagnostics diags;
  schema::ValidateConfig(schema.block, config, diags);
  ValidateRequest req{config};
  ValidateResponse resp;
  validate(req, resp);
  diags.Append(resp.diagnostics);
  return diags;
}
}  // namespace

Diagnostics Server::ValidateProviderConfig(const ValidateConfigRequest& req) const {
  return ValidateWith(provider_->GetSchema(), req.config,
                      [&](auto& q, auto& r) { provider_->ValidateConfig(q, r); });
}

Diagnostics Server::ValidateResourceConfig(const ValidateConfigRequest& req) const {
  Diagnostics diags;
  const Resource* r = FindResource(req.type_name, diags);
  if (r == nullptr) return diags;
  diags =
      ValidateWith(r->GetSchema(), req.config, [&](auto& q, auto& s) { r->ValidateConfig(q, s); });
  bool has_write_only = false;
  for (const auto& a : r->GetSchema().block.attributes) has_write_only |= a.write_only;
  if (has_write_only && !req.write_only_allowed) {
    diags.AddError("Write-only attributes not supported",
                   "The resource type " + r->TypeName() +
                       " has write-only attributes, which need Terraform 1.11 or OpenTofu "
                       "1.11 or later.");
  }
  return diags;
}

Diagnostics Server::ValidateDataResourceConfig(const ValidateConfigRequest& req) const {
  Diagnostics diags;
  const DataSource* d = FindDataSource(req.type_name, diags);
  if (d == nullptr) return diags;
  return ValidateWith(d->GetSchema(), req.config,
                      [&](auto& q, auto& s) { d->ValidateConfig(q, s); });
}

Diagnostics Server::ValidateEphemeralResourceConfig(const ValidateConfigRequest& req) const {
  Diagnostics diags;
  const EphemeralResource* e = FindEphemeral(req.type_name, diags);
  if (e == nullptr) return diags;
  return ValidateWith(e->GetSchema(), req.config,
                      [&](auto& q, auto& s) { e->ValidateConfig(q, s); });
}

}  // namespace tfplugin::server
