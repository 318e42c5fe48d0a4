// ValidateProviderConfig, ValidateResourceConfig, ValidateDataResourceConfig,
// ValidateEphemeralResourceConfig: convert the configuration for the
// framework server's validation and its diagnostics back.
#include "plugin/rpc/service.h"

namespace tfplugin::rpc {

namespace {
// Decodes `config` as `schema` (null: unknown type, already diagnosed) and,
// when that worked, returns `validate`'s diagnostics for it.
template <typename Validate>
Diagnostics Decoded(Diagnostics diags, const schema::Schema* schema, const pb::DynamicValue& config,
                    Validate validate) {
  cty::Value value;
  if (schema == nullptr ||
      !DecodeAll(diags, "configuration", schema->ValueType(), {{&config, &value}})) {
    return diags;
  }
  return validate(value);
}
}  // namespace

Status ProviderService::ValidateProviderConfig(ServerContext*,
                                               const pb::ValidateProviderConfig::Request* req,
                                               pb::ValidateProviderConfig::Response* resp) {
  return Guard("ValidateProviderConfig", resp, [&]() -> Status {
    Diagnostics diags = Decoded({}, &provider().GetSchema(), req->config(), [&](auto& config) {
      return server_.ValidateProviderConfig({"", config});
    });
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

Status ProviderService::ValidateResourceConfig(ServerContext*,
                                               const pb::ValidateResourceConfig::Request* req,
                                               pb::ValidateResourceConfig::Response* resp) {
  return Guard("ValidateResourceConfig", resp, [&]() -> Status {
    Diagnostics diags;
    const schema::Schema* s = server_.ResourceSchema(req->type_name(), diags);
    diags = Decoded(diags, s, req->config(), [&](auto& config) {
      return server_.ValidateResourceConfig(
          {req->type_name(), config, req->client_capabilities().write_only_attributes_allowed()});
    });
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

Status ProviderService::ValidateDataResourceConfig(
    ServerContext*, const pb::ValidateDataResourceConfig::Request* req,
    pb::ValidateDataResourceConfig::Response* resp) {
  return Guard("ValidateDataResourceConfig", resp, [&]() -> Status {
    Diagnostics diags;
    const schema::Schema* s = server_.DataSourceSchema(req->type_name(), diags);
    diags = Decoded(diags, s, req->config(), [&](auto& config) {
      return server_.ValidateDataResourceConfig({req->type_name(), config});
    });
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

Status ProviderService::ValidateEphemeralResourceConfig(
    ServerContext*, const pb::ValidateEphemeralResourceConfig::Request* req,
    pb::ValidateEphemeralResourceConfig::Response* resp) {
  return Guard("ValidateEphemeralResourceConfig", resp, [&]() -> Status {
    Diagnostics diags;
    const schema::Schema* s = server_.EphemeralSchema(req->type_name(), diags);
    diags = Decoded(diags, s, req->config(), [&](auto& config) {
      return server_.ValidateEphemeralResourceConfig({req->type_name(), config});
    });
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

}  // namespace tfplugin::rpc
