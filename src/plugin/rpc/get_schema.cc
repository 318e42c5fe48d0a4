// GetMetadata, GetProviderSchema and GetResourceIdentitySchemas.
#include "plugin/rpc/service.h"
#include "plugin/wire/convert.h"

namespace tfplugin::rpc {

namespace {
void SetCapabilities(pb::ServerCapabilities* caps) {
  caps->set_plan_destroy(false);
  // Core may cache our schema between runs: it depends only on the binary.
  caps->set_get_provider_schema_optional(true);
}
}  // namespace

Status ProviderService::GetMetadata(ServerContext*, const pb::GetMetadataRpc::Request*,
                                    pb::GetMetadataRpc::Response* resp) {
  SetCapabilities(resp->mutable_server_capabilities());
  for (const auto& r : provider().Resources()) resp->add_resources()->set_type_name(r->TypeName());
  for (const auto& d : provider().DataSources())
    resp->add_data_sources()->set_type_name(d->TypeName());
  for (const auto& e : provider().EphemeralResources()) {
    resp->add_ephemeral_resources()->set_type_name(e->TypeName());
  }
  return Status::OK;
}

Status ProviderService::GetProviderSchema(ServerContext*, const pb::GetProviderSchema::Request*,
                                          pb::GetProviderSchema::Response* resp) {
  std::call_once(schema_once_, [this] {
    wire::ToProto(provider().GetSchema(), schema_.mutable_provider());
    for (const auto& r : provider().Resources()) {
      wire::ToProto(r->GetSchema(), &(*schema_.mutable_resource_schemas())[r->TypeName()]);
    }
    for (const auto& d : provider().DataSources()) {
      wire::ToProto(d->GetSchema(), &(*schema_.mutable_data_source_schemas())[d->TypeName()]);
    }
    for (const auto& e : provider().EphemeralResources()) {
      wire::ToProto(e->GetSchema(),
                    &(*schema_.mutable_ephemeral_resource_schemas())[e->TypeName()]);
    }
    SetCapabilities(schema_.mutable_server_capabilities());
  });
  *resp = schema_;
  return Status::OK;
}

Status ProviderService::GetResourceIdentitySchemas(ServerContext*,
                                                   const pb::GetResourceIdentitySchemas::Request*,
                                                   pb::GetResourceIdentitySchemas::Response*) {
  // No resource declares an identity schema (yet); an empty map says so.
  return Status::OK;
}

}  // namespace tfplugin::rpc
