// ConfigureProvider and StopProvider: the provider's lifecycle.
#include "plugin/rpc/service.h"
#include "plugin/schema/walk.h"
#include "plugin/wire/convert.h"

namespace vers::rpc {

Status ProviderService::ConfigureProvider(ServerContext*, const pb::ConfigureProvider::Request* req,
                                          pb::ConfigureProvider::Response* resp) {
  return Guard("ConfigureProvider", resp, [&]() -> Status {
    Diagnostics diags;
    auto config = wire::DecodeDynamic(req->config(), provider_->GetSchema().ValueType());
    if (!config.ok()) {
      AddCodecError(diags, "provider configuration", config.status());
    } else {
      ConfigureRequest creq{config.value(), req->terraform_version()};
      ConfigureResponse cresp;
      provider_->Configure(creq, cresp);
      diags = cresp.diagnostics;
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

Status ProviderService::StopProvider(ServerContext*, const pb::StopProvider::Request*,
                                     pb::StopProvider::Response*) {
  provider_->Stop();
  return Status::OK;
}

}  // namespace vers::rpc
