// ValidateProviderConfig, ValidateResourceConfig, ValidateDataResourceConfig,
// ValidateEphemeralResourceConfig: schema validators, then the type's own checks.
#include "plugin/rpc/service.h"
#include "plugin/schema/walk.h"
#include "plugin/wire/convert.h"

namespace vers::rpc {

namespace {
// Decodes `config` with `schema`, runs the schema's validators and then
// `validate`; returns the diagnostics.
template <typename Validate>
Diagnostics ValidateWith(const schema::Schema& schema, const pb::DynamicValue& config,
                         Validate validate) {
  Diagnostics diags;
  auto value = wire::DecodeDynamic(config, schema.ValueType());
  if (!value.ok()) {
    AddCodecError(diags, "configuration", value.status());
    return diags;
  }
  schema::ValidateConfig(schema.block, value.value(), diags);
  ValidateRequest req{value.value()};
  ValidateResponse resp;
  validate(req, resp);
  diags.Append(resp.diagnostics);
  return diags;
}
}  // namespace

Status ProviderService::ValidateProviderConfig(ServerContext*,
                                               const pb::ValidateProviderConfig::Request* req,
                                               pb::ValidateProviderConfig::Response* resp) {
  return Guard("ValidateProviderConfig", resp, [&]() -> Status {
    Diagnostics diags = ValidateWith(provider_->GetSchema(), req->config(),
                                     [&](auto& q, auto& r) { provider_->ValidateConfig(q, r); });
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

Status ProviderService::ValidateResourceConfig(ServerContext*,
                                               const pb::ValidateResourceConfig::Request* req,
                                               pb::ValidateResourceConfig::Response* resp) {
  return Guard("ValidateResourceConfig", resp, [&]() -> Status {
    Diagnostics diags;
    if (const Resource* r = FindResource(req->type_name(), diags)) {
      diags = ValidateWith(r->GetSchema(), req->config(),
                           [&](auto& q, auto& s) { r->ValidateConfig(q, s); });
      bool has_write_only = false;
      for (const auto& a : r->GetSchema().block.attributes) has_write_only |= a.write_only;
      if (has_write_only && !req->client_capabilities().write_only_attributes_allowed()) {
        diags.AddError("Write-only attributes not supported",
                       "The resource type " + r->TypeName() +
                           " has write-only attributes, which need Terraform 1.11 or OpenTofu "
                           "1.11 or later.");
      }
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

Status ProviderService::ValidateDataResourceConfig(
    ServerContext*, const pb::ValidateDataResourceConfig::Request* req,
    pb::ValidateDataResourceConfig::Response* resp) {
  return Guard("ValidateDataResourceConfig", resp, [&]() -> Status {
    Diagnostics diags;
    if (const DataSource* d = FindDataSource(req->type_name(), diags)) {
      diags = ValidateWith(d->GetSchema(), req->config(),
                           [&](auto& q, auto& s) { d->ValidateConfig(q, s); });
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

Status ProviderService::ValidateEphemeralResourceConfig(
    ServerContext*, const pb::ValidateEphemeralResourceConfig::Request* req,
    pb::ValidateEphemeralResourceConfig::Response* resp) {
  return Guard("ValidateEphemeralResourceConfig", resp, [&]() -> Status {
    Diagnostics diags;
    if (const EphemeralResource* e = FindEphemeral(req->type_name(), diags)) {
      diags = ValidateWith(e->GetSchema(), req->config(),
                           [&](auto& q, auto& s) { e->ValidateConfig(q, s); });
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

}  // namespace vers::rpc
