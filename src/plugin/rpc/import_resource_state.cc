// ImportResourceState: converts the request for the framework server and the
// imported state back.
#include "plugin/rpc/service.h"

namespace tfplugin::rpc {

Status ProviderService::ImportResourceState(ServerContext*,
                                            const pb::ImportResourceState::Request* req,
                                            pb::ImportResourceState::Response* resp) {
  return Guard("ImportResourceState", resp, [&]() -> Status {
    server::ImportResourceResponse imported;
    Diagnostics& diags = imported.diagnostics;
    server_.ImportResourceState({req->type_name(), req->id()}, imported);
    if (imported.state) {
      Diagnostics ignored;
      const schema::Schema* s = server_.ResourceSchema(req->type_name(), ignored);
      auto* out = resp->add_imported_resources();
      out->set_type_name(req->type_name());
      EncodeIfAnswered(diags, "imported state", imported.state, s->ValueType(),
                       out->mutable_state());
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

}  // namespace tfplugin::rpc
