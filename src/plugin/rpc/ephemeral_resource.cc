// OpenEphemeralResource, RenewEphemeralResource, CloseEphemeralResource.
// The framework's ephemeral values need no renewal or clean-up, so Renew and
// Close only answer; Open converts for the framework server and back.
#include "plugin/rpc/service.h"

namespace tfplugin::rpc {

Status ProviderService::OpenEphemeralResource(ServerContext*,
                                              const pb::OpenEphemeralResource::Request* req,
                                              pb::OpenEphemeralResource::Response* resp) {
  return Guard("OpenEphemeralResource", resp, [&]() -> Status {
    server::OpenEphemeralResourceResponse open;
    Diagnostics& diags = open.diagnostics;
    if (const schema::Schema* s = server_.EphemeralSchema(req->type_name(), diags)) {
      const cty::Type type = s->ValueType();
      server::OpenEphemeralResourceRequest oreq{req->type_name(), {}};
      if (DecodeAll(diags, "configuration", type, {{&req->config(), &oreq.config}})) {
        server_.OpenEphemeralResource(oreq, open);
        EncodeIfAnswered(diags, "ephemeral result", open.result, type, resp->mutable_result());
      }
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
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

}  // namespace tfplugin::rpc
