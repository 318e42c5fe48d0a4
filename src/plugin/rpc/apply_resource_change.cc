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
    auto prior = wire::DecodeDynamic(req->prior_state(), type);
    auto planned = wire::DecodeDynamic(req->planned_state(), type);
    auto config = wire::DecodeDynamic(req->config(), type);
    if (!prior.ok() || !planned.ok() || !config.ok()) {
      AddCodecError(diags, "apply request",
                    !prior.ok()     ? prior.status()
                    : !planned.ok() ? planned.status()
                                    : config.status());
      return done();
    }
    ProviderContext* ctx = RequireContext(diags);
    if (ctx == nullptr) return done();
    resp->set_private_(req->planned_private());

    cty::Value new_state = prior.value();
    if (planned.value().is_null()) {
      DeleteResponse dresp;
      r->Delete(DeleteRequest{prior.value(), *ctx}, dresp);
      diags.Append(dresp.diagnostics);
      if (!dresp.diagnostics.HasError()) new_state = cty::Value::Null(type);
    } else {
      StateResponse sresp;
      if (prior.value().is_null()) {
        r->Create(CreateRequest{config.value(), planned.value(), *ctx}, sresp);
      } else {
        r->Update(UpdateRequest{config.value(), planned.value(), prior.value(), *ctx}, sresp);
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
