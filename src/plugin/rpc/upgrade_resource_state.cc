// UpgradeResourceState: converts the request for the framework server and
// the upgraded state back.
#include "plugin/rpc/service.h"

namespace tfplugin::rpc {

Status ProviderService::UpgradeResourceState(ServerContext*,
                                             const pb::UpgradeResourceState::Request* req,
                                             pb::UpgradeResourceState::Response* resp) {
  return Guard("UpgradeResourceState", resp, [&]() -> Status {
    server::UpgradeResourceResponse upgrade;
    Diagnostics& diags = upgrade.diagnostics;
    if (const schema::Schema* s = server_.ResourceSchema(req->type_name(), diags)) {
      server_.UpgradeResourceState({req->type_name(), req->version(), req->raw_state().json()},
                                   upgrade);
      EncodeIfAnswered(diags, "upgraded state", upgrade.upgraded, s->ValueType(),
                       resp->mutable_upgraded_state());
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

}  // namespace tfplugin::rpc
