// ImportResourceState: turns a user-given id into a (partial) state that
// ReadResource then completes.
#include "plugin/rpc/service.h"
#include "plugin/wire/convert.h"

namespace vers::rpc {

Status ProviderService::ImportResourceState(ServerContext*,
                                            const pb::ImportResourceState::Request* req,
                                            pb::ImportResourceState::Response* resp) {
  return Guard("ImportResourceState", resp, [&]() -> Status {
    Diagnostics diags;
    const Resource* r = FindResource(req->type_name(), diags);
    ProviderContext* ctx = r != nullptr ? RequireContext(diags) : nullptr;
    if (r != nullptr && ctx != nullptr) {
      if (req->id().empty()) {
        diags.AddError("Missing import id", "Give the id of the " + r->TypeName() + " to import.");
      } else {
        ImportResponse iresp;
        r->ImportState(ImportRequest{req->id(), *ctx}, iresp);
        diags.Append(iresp.diagnostics);
        if (!iresp.diagnostics.HasError()) {
          auto* imported = resp->add_imported_resources();
          imported->set_type_name(r->TypeName());
          auto enc = wire::EncodeDynamic(iresp.state, r->GetSchema().ValueType(),
                                         imported->mutable_state());
          if (!enc.ok()) AddCodecError(diags, "imported state", enc);
        }
      }
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

}  // namespace vers::rpc
