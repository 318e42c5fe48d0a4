// ApplyResourceChange: dispatches to Create, Update or Delete and checks the
// resource's answer before it reaches Terraform.
#include "plugin/rpc/service.h"
#include "plugin/schema/walk.h"
#include "plugin/wire/convert.h"

namespace vers::rpc {

Status ProviderService::ApplyResourceChange(ServerContext*,
                                            const pb::ApplyResourceChange::Request* req,
                                            pb::ApplyResourceChange::Response* resp) {
  return Guard("ApplyResourceChange", resp, [&]() -> Status {
    Diagnostics diags;
    auto done = [&] {
      wire::ToProto(diags, resp->mutable_diagnostics());
      return Status::OK;
    };
    const Resource* r = FindResource(req->type_name(), diags);
    if (r == nullptr) return done();
    const schema::Schema& s = r->GetSchema();
    const cty::Type type = s.ValueType();
    cty::Value prior, planned, config;
    if (!DecodeAll(diags, "apply request", type,
                   {{&req->prior_state(), &prior},
                    {&req->planned_state(), &planned},
                    {&req->config(), &config}}))
      return done();
    ProviderContext* ctx = RequireContext(diags);
    if (ctx == nullptr) return done();
    resp->set_private_(req->planned_private());

    cty::Value new_state = prior;
    if (planned.is_null()) {
      DeleteResponse dresp;
      r->Delete(DeleteRequest{prior, *ctx}, dresp);
      diags.Append(dresp.diagnostics);
      if (!dresp.diagnostics.HasError()) new_state = cty::Value::Null(type);
    } else {
      StateResponse sresp;
      if (prior.is_null()) {
        r->Create(CreateRequest{config, planned, *ctx}, sresp);
      } else {
        r->Update(UpdateRequest{config, planned, prior, *ctx}, sresp);
      }
      diags.Append(sresp.diagnostics);
      if (sresp.state) {
        new_state = schema::NullWriteOnly(s.block, *sresp.state);
      } else if (!sresp.diagnostics.HasError()) {
        diags.AddError("Provider returned no state",
                       "The " + r->TypeName() +
                           " operation succeeded but returned no state. This "
                           "is a bug in the provider; please report it.");
      }
      if (auto path = schema::FindUnknown(new_state); path && !diags.HasError()) {
        diags.AddError("Provider left a value unknown",
                       "After apply, " + r->TypeName() + " still has an unknown value at " +
                           (path->empty() ? std::string("the top level") : path->ToString()) +
                           ". This is a bug in the provider; please report it.",
                       *path);
      }
    }
    auto enc = wire::EncodeDynamic(new_state, type, resp->mutable_new_state());
    if (!enc.ok()) AddCodecError(diags, "new state", enc);
    return done();
  });
}

}  // namespace vers::rpc
