// PlanResourceChange: the one place where a create, update or destroy is
// planned; the order of its rules is the contract in server.h.
#include "plugin/schema/walk.h"
#include "plugin/server/server.h"

namespace tfplugin::server {

void Server::PlanResourceChange(const PlanRequest& req, PlanResponse& resp) const {
  const Resource* r = FindResource(req.type_name, resp.diagnostics);  // 1
  if (r == nullptr) return;
  resp.planned_private = req.prior_private;  // 2
  if (req.proposed.is_null()) {              // 3
    resp.planned = req.proposed;
    return;
  }
  schema::PlannedChange change =
      schema::PlanChange(r->GetSchema().block, req.config, req.prior, req.proposed);  // 4
  resp.diagnostics.Append(change.diagnostics);

  ModifyPlanRequest mreq{req.config, req.prior, provider_->GetContext()};  // 5
  ModifyPlanResponse mresp{std::move(change.planned), {}, {}};
  r->ModifyPlan(mreq, mresp);
  resp.diagnostics.Append(mresp.diagnostics);

  resp.planned = std::move(mresp.plan);
  resp.requires_replace = std::move(change.requires_replace);  // 6
  resp.requires_replace.insert(resp.requires_replace.end(), mresp.requires_replace.begin(),
                               mresp.requires_replace.end());
}

}  // namespace tfplugin::server
