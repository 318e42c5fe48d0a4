// ApplyResourceChange: converts the request for the framework server, which
// creates, updates or deletes, and converts the new state back.
#include "plugin/rpc/service.h"

namespace tfplugin::rpc {

Status ProviderService::ApplyResourceChange(ServerContext*,
                                            const pb::ApplyResourceChange::Request* req,
                                            pb::ApplyResourceChange::Response* resp) {
  return Guard("ApplyResourceChange", resp, [&]() -> Status {
    server::ApplyResponse apply;
    Diagnostics& diags = apply.diagnostics;
    if (const schema::Schema* s = server_.ResourceSchema(req->type_name(), diags)) {
      const cty::Type type = s->ValueType();
      server::ApplyRequest areq{req->type_name(), {}, {}, {}, req->planned_private()};
      if (DecodeAll(diags, "apply request", type,
                    {{&req->prior_state(), &areq.prior},
                     {&req->planned_state(), &areq.planned},
                     {&req->config(), &areq.config}})) {
        server_.ApplyResourceChange(areq, apply);
        resp->set_private_(apply.private_state);
        EncodeIfAnswered(diags, "new state", apply.new_state, type, resp->mutable_new_state());
      }
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

}  // namespace tfplugin::rpc
