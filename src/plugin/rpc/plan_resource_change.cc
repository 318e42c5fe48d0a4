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
    auto prior = wire::DecodeDynamic(req->prior_state(), type);
    auto proposed = wire::DecodeDynamic(req->proposed_new_state(), type);
    auto config = wire::DecodeDynamic(req->config(), type);
    if (!prior.ok() || !proposed.ok() || !config.ok()) {
      AddCodecError(diags, "plan request",
                    !prior.ok()      ? prior.status()
                    : !proposed.ok() ? proposed.status()
                                     : config.status());
      return done();
    }
    resp->set_planned_private(req->prior_private());

    if (proposed.value().is_null()) {  // destroy: nothing to plan
      auto enc = wire::EncodeDynamic(proposed.value(), type, resp->mutable_planned_state());
      if (!enc.ok()) AddCodecError(diags, "planned state", enc);
      return done();
    }

    schema::PlannedChange change =
        schema::PlanChange(s.block, config.value(), prior.value(), proposed.value());
    diags.Append(change.diagnostics);

    ModifyPlanRequest mreq{config.value(), prior.value(), provider_->GetContext()};
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
