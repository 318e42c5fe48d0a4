// ReadResource: converts the request for the framework server, which
// refreshes the state, and converts the new state back.
#include "plugin/rpc/service.h"

namespace tfplugin::rpc {

Status ProviderService::ReadResource(ServerContext*, const pb::ReadResource::Request* req,
                                     pb::ReadResource::Response* resp) {
  return Guard("ReadResource", resp, [&]() -> Status {
    server::ReadResourceResponse read;
    Diagnostics& diags = read.diagnostics;
    if (const schema::Schema* s = server_.ResourceSchema(req->type_name(), diags)) {
      const cty::Type type = s->ValueType();
      server::ReadResourceRequest rreq{req->type_name(), {}, req->private_()};
      if (DecodeAll(diags, "current state", type, {{&req->current_state(), &rreq.current}})) {
        server_.ReadResource(rreq, read);
        resp->set_private_(read.private_state);
        EncodeIfAnswered(diags, "refreshed state", read.new_state, type, resp->mutable_new_state());
      }
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

}  // namespace tfplugin::rpc
