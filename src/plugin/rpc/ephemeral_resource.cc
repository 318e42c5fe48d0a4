// OpenEphemeralResource, RenewEphemeralResource, CloseEphemeralResource.
// Our ephemeral values need no renewal or clean-up, so Renew and Close only
// answer; Open produces the value.
#include "plugin/rpc/service.h"
#include "plugin/wire/convert.h"

namespace vers::rpc {

Status ProviderService::OpenEphemeralResource(ServerContext*,
                                              const pb::OpenEphemeralResource::Request* req,
                                              pb::OpenEphemeralResource::Response* resp) {
  return Guard("OpenEphemeralResource", resp, [&]() -> Status {
    Diagnostics diags;
    auto done = [&] {
      wire::ToProto(diags, resp->mutable_diagnostics());
      return Status::OK;
    };
    const EphemeralResource* e = FindEphemeral(req->type_name(), diags);
    if (e == nullptr) return done();
    const cty::Type type = e->GetSchema().ValueType();
    auto config = wire::DecodeDynamic(req->config(), type);
    if (!config.ok()) {
      AddCodecError(diags, "configuration", config.status());
      return done();
    }
    ProviderContext* ctx = RequireContext(diags);
    if (ctx == nullptr) return done();
    OpenEphemeralResponse oresp;
    e->Open(OpenEphemeralRequest{config.value(), *ctx}, oresp);
    diags.Append(oresp.diagnostics);
    if (!oresp.diagnostics.HasError()) {
      auto enc = wire::EncodeDynamic(oresp.result, type, resp->mutable_result());
      if (!enc.ok()) AddCodecError(diags, "ephemeral result", enc);
    }
    return done();
  });
}

Status ProviderService::RenewEphemeralResource(ServerContext*,
                                               const pb::RenewEphemeralResource::Request*,
                                               pb::RenewEphemeralResource::Response*) {
  return Status::OK;
}

Status ProviderService::CloseEphemeralResource(ServerContext*,
                                               const pb::CloseEphemeralResource::Request*,
                                               pb::CloseEphemeralResource::Response*) {
  return Status::OK;
}

}  // namespace vers::rpc
