// PlanResourceChange: converts the request for the framework server, which
// plans (server.h lists its rules), and converts the plan back.
#include "plugin/rpc/service.h"

namespace tfplugin::rpc {

Status ProviderService::PlanResourceChange(ServerContext*,
                                           const pb::PlanResourceChange::Request* req,
                                           pb::PlanResourceChange::Response* resp) {
  return Guard("PlanResourceChange", resp, [&]() -> Status {
    server::PlanResponse plan;
    Diagnostics& diags = plan.diagnostics;
    if (const schema::Schema* s = server_.ResourceSchema(req->type_name(), diags)) {
      const cty::Type type = s->ValueType();
      server::PlanRequest preq{req->type_name(), {}, {}, {}, req->prior_private()};
      if (DecodeAll(diags, "plan request", type,
                    {{&req->prior_state(), &preq.prior},
                     {&req->proposed_new_state(), &preq.proposed},
                     {&req->config(), &preq.config}})) {
        server_.PlanResourceChange(preq, plan);
        resp->set_planned_private(plan.planned_private);
        EncodeIfAnswered(diags, "planned state", plan.planned, type, resp->mutable_planned_state());
        for (const auto& path : plan.requires_replace)
          wire::ToProto(path, resp->add_requires_replace());
      }
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

}  // namespace tfplugin::rpc
