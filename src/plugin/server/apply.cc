// ApplyResourceChange: dispatches to Create, Update or Delete and checks the
// resource's answer before it reaches Terraform.
#include "plugin/schema/walk.h"
#include "plugin/server/server.h"

namespace tfplugin::server {

void Server::ApplyResourceChange(const ApplyRequest& req, ApplyResponse& resp) const {
  Diagnostics& diags = resp.diagnostics;
  const Resource* r = FindResource(req.type_name, diags);
  if (r == nullptr) return;
  ProviderContext* ctx = RequireContext(diags);
  if (ctx == nullptr) return;
  resp.private_state = req.planned_private;
  resp.new_state = req.prior;
  const schema::Schema& s = r->GetSchema();

  if (req.planned.is_null()) {
    DeleteResponse dresp;
    r->Delete(DeleteRequest{req.prior, *ctx}, dresp);
    diags.Append(dresp.diagnostics);
    if (!dresp.diagnostics.HasError()) resp.new_state = cty::Value::Null(s.ValueType());
    return;
  }
  StateResponse sresp;
  if (req.prior.is_null()) {
    r->Create(CreateRequest{req.config, req.planned, *ctx}, sresp);
  } else {
    r->Update(UpdateRequest{req.config, req.planned, req.prior, *ctx}, sresp);
  }
  diags.Append(sresp.diagnostics);
  if (sresp.state) {
    resp.new_state = schema::NullWriteOnly(s.block, *sresp.state);
  } else if (!sresp.diagnostics.HasError()) {
    diags.AddError("Provider returned no state",
                   "The " + r->TypeName() +
                       " operation succeeded but returned no state. This "
                       "is a bug in the provider; please report it.");
  }
  if (auto path = schema::FindUnknown(*resp.new_state); path && !diags.HasError()) {
    diags.AddError("Provider left a value unknown",
                   "After apply, " + r->TypeName() + " still has an unknown value at " +
                       (path->empty() ? std::string("the top level") : path->ToString()) +
                       ". This is a bug in the provider; please report it.",
                   *path);
  }
}

}  // namespace tfplugin::server
