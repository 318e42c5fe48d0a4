// ReadResource: refreshes one resource's state from the remote object.
#include "plugin/rpc/service.h"
#include "plugin/wire/convert.h"

namespace vers::rpc {

Status ProviderService::ReadResource(ServerContext*, const pb::ReadResource::Request* req,
                                     pb::ReadResource::Response* resp) {
  return Guard("ReadResource", resp, [&]() -> Status {
    Diagnostics diags;
    auto done = [&] {
      wire::ToProto(diags, resp->mutable_diagnostics());
      return Status::OK;
    };
    const Resource* r = FindResource(req->type_name(), diags);
    if (r == nullptr) return done();
    const cty::Type type = r->GetSchema().ValueType();
    auto current = wire::DecodeDynamic(req->current_state(), type);
    if (!current.ok()) {
      AddCodecError(diags, "current state", current.status());
      return done();
    }
    resp->set_private_(req->private_());
    cty::Value new_state = current.value();
    if (!new_state.is_null()) {
      ProviderContext* ctx = RequireContext(diags);
      if (ctx == nullptr) return done();
      ReadResponse rresp{current.value(), false, {}};
      r->Read(ReadRequest{current.value(), *ctx}, rresp);
      diags.Append(rresp.diagnostics);
      // A resource deleted outside Terraform leaves the state quietly: Terraform
      // plans to create it again.
      if (rresp.removed) {
        new_state = cty::Value::Null(type);
      } else if (!rresp.diagnostics.HasError()) {
        new_state = rresp.state;
      }
    }
    auto enc = wire::EncodeDynamic(new_state, type, resp->mutable_new_state());
    if (!enc.ok()) AddCodecError(diags, "refreshed state", enc);
    return done();
  });
}

}  // namespace vers::rpc
