// PlanResourceChange: the one place where create/update/destroy is decided
// and the schema's planning rules run before the resource's own ModifyPlan.
#include "plugin/rpc/service.h"
#include "plugin/schema/walk.h"
#include "plugin/wire/convert.h"

namespace vers::rpc {

Status ProviderService::PlanResourceChange(ServerContext*,
                                           const pb::PlanResourceChange::Request* req,
                                           pb::PlanResourceChange::Response* resp) {
  return Guard("PlanResourceChange", resp, [&]() -> Status {
    Diagnostics diags;
    auto done = [&] {
      wire::ToProto(diags, resp->mutable_diagnostics());
      return Status::OK;
    };
    const Resource* r = FindResource(req->type_name(), diags);
    if (r == nullptr) return done();
    const schema::Schema& s = r->GetSchema();
    const cty::Type type = s.ValueType();
    cty::Value prior, proposed, config;
    if (!DecodeAll(diags, "plan request", type,
                   {{&req->prior_state(), &prior},
                    {&req->proposed_new_state(), &proposed},
                    {&req->config(), &config}}))
      return done();
    resp->set_planned_private(req->prior_private());

    if (proposed.is_null()) {  // destroy: nothing to plan
      auto enc = wire::EncodeDynamic(proposed, type, resp->mutable_planned_state());
      if (!enc.ok()) AddCodecError(diags, "planned state", enc);
      return done();
    }

    schema::PlannedChange change = schema::PlanChange(s.block, config, prior, proposed);
    diags.Append(change.diagnostics);

    ModifyPlanRequest mreq{config, prior, provider_->GetContext()};
    ModifyPlanResponse mresp{change.planned, {}, {}};
    r->ModifyPlan(mreq, mresp);
    diags.Append(mresp.diagnostics);
    change.requires_replace.insert(change.requires_replace.end(), mresp.requires_replace.begin(),
                                   mresp.requires_replace.end());

    auto enc = wire::EncodeDynamic(mresp.plan, type, resp->mutable_planned_state());
    if (!enc.ok()) AddCodecError(diags, "planned state", enc);
    for (const auto& path : change.requires_replace)
      wire::ToProto(path, resp->add_requires_replace());
    return done();
  });
}

}  // namespace vers::rpc
