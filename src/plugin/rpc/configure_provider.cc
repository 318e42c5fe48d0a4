// ConfigureProvider and StopProvider: the provider's lifecycle.
#include "plugin/rpc/service.h"

namespace tfplugin::rpc {

Status ProviderService::ConfigureProvider(ServerContext*, const pb::ConfigureProvider::Request* req,
                                          pb::ConfigureProvider::Response* resp) {
  return Guard("ConfigureProvider", resp, [&]() -> Status {
    Diagnostics diags;
    cty::Value config;
    if (DecodeAll(diags, "provider configuration", provider().GetSchema().ValueType(),
                  {{&req->config(), &config}})) {
      diags = server_.ConfigureProvider(config, req->terraform_version());
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

Status ProviderService::StopProvider(ServerContext*, const pb::StopProvider::Request*,
                                     pb::StopProvider::Response*) {
  provider().Stop();
  return Status::OK;
}

}  // namespace tfplugin::rpc
